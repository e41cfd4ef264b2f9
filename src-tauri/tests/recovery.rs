//! Recovering a vault whose passphrase is lost, through the shell's
//! commands on a mock-runtime app, as the unlock screen does it: the
//! organisation's recovery key (a file chosen in the dialog, or pasted)
//! opens the vault and a new passphrase replaces the old one; the recovery
//! is in the audit log. Every failure leaves the vault locked and openable
//! with its old passphrase, with its own error code.

use std::path::Path;

use age::secrecy::ExposeSecret;
use fieldnotes_core::{CreateOptions, ErrorCode, SecretString, Vault};
use fieldnotes_desktop::commands::{audit, vault};
use fieldnotes_desktop::dto::{RecoveryKeyInput, SecretText};
use fieldnotes_desktop::error::{AppError, Code, ShellErrorCode};
use fieldnotes_desktop::AppState;
use tauri::test::MockRuntime;
use tauri::{App, Manager};

const OLD: &str = "copper lantern drifts over quiet harbour";
const NEW: &str = "violet orchard sleeps beneath granite moon";

/// A locked vault in `dir`, sealed to `recovery` when given too.
fn make_vault(dir: &Path, recovery: Option<age::x25519::Recipient>) {
    let options = CreateOptions {
        work_factor: 10,
        recovery,
    };
    let v = Vault::create(dir, &SecretString::from(OLD.to_owned()), options).expect("creates");
    v.lock().expect("locks");
}

/// A locked mock-runtime app on the vault in `dir`.
fn app_on(dir: &Path) -> App<MockRuntime> {
    let app = tauri::test::mock_app();
    app.manage(AppState::new(
        dir.to_path_buf(),
        dir.with_file_name("desktop-settings.json"),
    ));
    app
}

/// The identity file `age-keygen` would write, in `dir/name`.
fn identity_file(dir: &Path, name: &str, id: &age::x25519::Identity) -> String {
    let path = dir.join(name);
    let text = format!(
        "# created: 2026-01-01T00:00:00Z\n# public key: {}\n{}\n",
        id.to_public(),
        id.to_string().expose_secret()
    );
    std::fs::write(&path, text).expect("writes the identity");
    path.display().to_string()
}

fn recover(app: &App<MockRuntime>, key: RecoveryKeyInput, new: &str) -> Result<(), AppError> {
    vault::recover_vault(app.state(), key, new.into(), new.into())
}

fn pasted(text: &str) -> RecoveryKeyInput {
    RecoveryKeyInput::Text(SecretText(SecretString::from(text.to_owned())))
}

fn assert_code(result: Result<(), AppError>, code: ErrorCode) {
    let e = result.expect_err("refused");
    assert_eq!(e.code, Code::Core(code), "{e}");
}

/// The vault is locked and still opens with the old passphrase.
fn assert_unchanged(app: &App<MockRuntime>) {
    let status = vault::vault_status(app.state()).expect("status");
    assert!(!status.unlocked);
    vault::unlock_vault(app.state(), OLD.into()).expect("the old passphrase still opens it");
    vault::lock_vault(app.state()).expect("locks");
}

#[test]
fn the_chosen_key_file_opens_the_vault_under_a_new_passphrase() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("vault");
    let org = age::x25519::Identity::generate();
    make_vault(&dir, Some(org.to_public()));
    let app = app_on(&dir);
    let file = identity_file(tmp.path(), "org-key.txt", &org);
    let state = app.state::<AppState>();
    state.offer(file.clone().into());

    recover(&app, RecoveryKeyInput::File(file), NEW).expect("recovers");
    assert!(vault::vault_status(app.state()).expect("status").unlocked);
    let log = audit::audit_log(app.state()).expect("the audit log");
    let events: Vec<&str> = log.entries.iter().map(|e| e.event.as_str()).collect();
    assert!(events.contains(&"recovered"), "{events:?}");
    assert!(events.contains(&"passphrase_changed"), "{events:?}");

    vault::lock_vault(app.state()).expect("locks");
    let old = vault::unlock_vault(app.state(), OLD.into()).expect_err("the old one is gone");
    assert_eq!(old.code, Code::Core(ErrorCode::WrongPassphrase));
    vault::unlock_vault(app.state(), NEW.into()).expect("the new passphrase opens it");
}

#[test]
fn a_pasted_key_line_opens_the_vault_too() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("vault");
    let org = age::x25519::Identity::generate();
    make_vault(&dir, Some(org.to_public()));
    let app = app_on(&dir);
    let line = org.to_string();
    recover(&app, pasted(&format!("\n {}\n", line.expose_secret())), NEW).expect("recovers");
    assert!(vault::vault_status(app.state()).expect("status").unlocked);
}

#[test]
fn each_failure_has_its_code_and_leaves_the_vault_as_it_was() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("vault");
    let org = age::x25519::Identity::generate();
    make_vault(&dir, Some(org.to_public()));
    let app = app_on(&dir);
    let state = app.state::<AppState>();

    let other = identity_file(tmp.path(), "other.txt", &age::x25519::Identity::generate());
    state.offer(other.clone().into());
    assert_code(
        recover(&app, RecoveryKeyInput::File(other), NEW),
        ErrorCode::WrongRecoveryKey,
    );
    let gone = tmp.path().join("gone.txt").display().to_string();
    state.offer(gone.clone().into());
    assert_code(
        recover(&app, RecoveryKeyInput::File(gone), NEW),
        ErrorCode::Io,
    );
    assert_code(
        recover(&app, pasted("age1notakey"), NEW),
        ErrorCode::InvalidKey,
    );
    let line = org.to_string();
    let right = || pasted(line.expose_secret());
    assert_code(
        recover(&app, right(), "password1"),
        ErrorCode::WeakPassphrase,
    );
    let mismatch = vault::recover_vault(app.state(), right(), NEW.into(), OLD.into());
    assert_code(mismatch, ErrorCode::PassphraseMismatch);
    assert_unchanged(&app);
}

#[test]
fn only_a_file_the_person_chose_is_read() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("vault");
    let org = age::x25519::Identity::generate();
    make_vault(&dir, Some(org.to_public()));
    let app = app_on(&dir);
    let file = identity_file(tmp.path(), "org-key.txt", &org);
    let refused = recover(&app, RecoveryKeyInput::File(file), NEW).expect_err("not chosen");
    assert!(refused.is(ShellErrorCode::Invalid), "{refused}");
    assert_unchanged(&app);
}

#[test]
fn a_vault_without_a_recovery_key_says_so() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("vault");
    make_vault(&dir, None);
    let app = app_on(&dir);
    let org = age::x25519::Identity::generate();
    let line = org.to_string();
    assert_code(
        recover(&app, pasted(line.expose_secret()), NEW),
        ErrorCode::RecoveryNotConfigured,
    );
    assert_unchanged(&app);
}
