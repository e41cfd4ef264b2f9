//! The moving of attachments out of an older vault's database, through the
//! shell's commands on a mock-runtime app: the golden format-1 backup
//! restores as a schema-3 vault with its attachment inside the database;
//! the app learns that one file must move, files are refused until it has,
//! the move reports progress in phase `moving`, and then the file reads
//! back and the vault check finds every sealed file sound. The check also
//! names damaged, missing and stray files.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use fieldnotes_core::ErrorCode;
use fieldnotes_desktop::commands::{attachments, backup, cases, upkeep, vault};
use fieldnotes_desktop::dto::{BackupProgress, CaseListQuery};
use fieldnotes_desktop::error::Code;
use fieldnotes_desktop::AppState;
use serde_json::Value;
use tauri::ipc::{Channel, InvokeResponseBody, IpcResponse};
use tauri::test::MockRuntime;
use tauri::{App, Manager};
use uuid::Uuid;

/// The golden vectors' passphrase (test data, see tests/golden/README.md).
const PASS: &str = "golden vector amber lighthouse seventeen";
/// The golden attachment: 70,000 bytes of `i % 251`.
const SIZE: u64 = 70_000;

fn golden_backup() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../crates/fieldnotes-core/tests/golden/exchange-v1/backup-v1.fnbackup")
}

fn golden_bytes() -> Vec<u8> {
    (0..SIZE as u32).map(|i| (i % 251) as u8).collect()
}

/// A locked mock-runtime app whose vault folder is `dir` (not yet there).
fn app_on(dir: &Path) -> App<MockRuntime> {
    let app = tauri::test::mock_app();
    let settings = dir.with_file_name("desktop-settings.json");
    app.manage(AppState::new(dir.to_path_buf(), settings));
    app
}

/// A channel that keeps every progress message's JSON.
fn recorder() -> (Channel<BackupProgress>, Arc<Mutex<Vec<Value>>>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&seen);
    let channel = Channel::new(move |body| {
        if let InvokeResponseBody::Json(json) = body {
            let value = serde_json::from_str(&json).expect("progress is JSON");
            sink.lock().expect("not poisoned").push(value);
        }
        Ok(())
    });
    (channel, seen)
}

/// Restores the golden backup through the shell, as the first-run screen
/// does; the vault is open afterwards.
fn restore_golden(app: &App<MockRuntime>) {
    let file = app.state::<AppState>().offer(golden_backup());
    let (channel, _) = recorder();
    let file = file.display().to_string();
    backup::restore_backup(app.state(), file, PASS.into(), false, channel).expect("restores");
}

/// The id of the golden case's one attachment.
fn attachment_id(app: &App<MockRuntime>) -> Uuid {
    let listed = cases::list_cases(app.state(), first_page())
        .expect("lists")
        .rows;
    let case = listed
        .iter()
        .find(|c| c.code == "GOLD-X1")
        .expect("GOLD-X1");
    let page = cases::get_case(app.state(), case.id).expect("shows");
    assert_eq!(page.attachments.len(), 1);
    assert_eq!(page.attachments[0].file_name, "scan.png");
    page.attachments[0].id
}

fn read(app: &App<MockRuntime>, id: Uuid) -> Result<Vec<u8>, Code> {
    match attachments::read_attachment(app.state(), id) {
        Ok(bytes) => match bytes.body().expect("a body") {
            InvokeResponseBody::Raw(raw) => Ok(raw),
            InvokeResponseBody::Json(_) => panic!("bytes travel raw"),
        },
        Err(e) => Err(e.code),
    }
}

#[test]
fn an_old_vaults_file_moves_out_with_progress_then_reads_and_checks_sound() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let app = app_on(&tmp.path().join("vault"));
    restore_golden(&app);

    let plan = upkeep::attachments_to_move(app.state()).expect("asks");
    assert_eq!((plan.attachments, plan.bytes), (1, SIZE));
    let id = attachment_id(&app);
    assert_eq!(
        read(&app, id),
        Err(Code::Core(ErrorCode::AttachmentsNotMoved))
    );

    let (channel, seen) = recorder();
    assert_eq!(
        upkeep::move_attachments(app.state(), channel).expect("moves"),
        1
    );
    let seen = seen.lock().expect("not poisoned").clone();
    let last = seen.last().expect("progress was sent");
    assert!(seen.iter().all(|p| p["phase"] == "moving"), "{seen:?}");
    assert_eq!(
        (last["done"].as_u64(), last["total"].as_u64()),
        (Some(SIZE), Some(SIZE))
    );

    let plan = upkeep::attachments_to_move(app.state()).expect("asks");
    assert_eq!((plan.attachments, plan.bytes), (0, 0));
    assert_eq!(read(&app, id), Ok(golden_bytes()));
    let check = upkeep::check_vault(app.state(), recorder().0).expect("checks");
    assert_eq!((check.files.sound, check.files.bytes), (1, SIZE));
    assert!(check.database_sound);
    assert_eq!(check.versions, 6);
    assert!(check.files.damaged.is_empty() && check.files.missing.is_empty());
    assert!(check.files.orphans.is_empty());

    // Unlocked again, nothing is left to move and a second move is a no-op.
    vault::lock_vault(app.state()).expect("locks");
    vault::unlock_vault(app.state(), PASS.into()).expect("unlocks");
    let plan = upkeep::attachments_to_move(app.state()).expect("asks");
    assert_eq!(plan.attachments, 0);
    assert_eq!(
        upkeep::move_attachments(app.state(), recorder().0).expect("moves"),
        0
    );
    assert_eq!(read(&app, id), Ok(golden_bytes()));
}

#[test]
fn the_check_names_damaged_missing_and_stray_files() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("vault");
    let app = app_on(&dir);
    restore_golden(&app);
    upkeep::move_attachments(app.state(), recorder().0).expect("moves");
    let blobs = dir.join("blobs");
    let sealed: Vec<PathBuf> = std::fs::read_dir(&blobs)
        .expect("the blob folder")
        .map(|e| e.expect("an entry").path())
        .collect();
    assert_eq!(sealed.len(), 1, "{sealed:?}");
    let name = sealed[0]
        .file_name()
        .expect("a name")
        .to_string_lossy()
        .into_owned();

    let mut bytes = std::fs::read(&sealed[0]).expect("reads");
    let middle = bytes.len() / 2;
    bytes[middle] ^= 1;
    std::fs::write(&sealed[0], &bytes).expect("damages");
    let stray = "a".repeat(name.len());
    std::fs::write(blobs.join(&stray), b"left by a crash").expect("writes");
    let (channel, seen) = recorder();
    let check = upkeep::check_vault(app.state(), channel).expect("checks");
    assert_eq!(check.files.damaged, vec![name.clone()]);
    assert_eq!(check.files.sound, 0);
    assert_eq!(check.files.orphans, vec![stray.clone()]);
    let seen = seen.lock().expect("not poisoned").clone();
    assert!(seen.iter().all(|p| p["phase"] == "verifying"), "{seen:?}");

    std::fs::remove_file(&sealed[0]).expect("removes");
    let check = upkeep::check_vault(app.state(), recorder().0).expect("checks");
    assert_eq!(check.files.missing, vec![name]);
    assert!(check.files.damaged.is_empty());
    assert_eq!(check.files.orphans, vec![stray]);
}

/// The case list's first page, by code.
fn first_page() -> CaseListQuery {
    CaseListQuery {
        limit: 100,
        ..CaseListQuery::default()
    }
}
