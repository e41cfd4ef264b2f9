//! Vaults made through the core for tests: a strong passphrase, a low
//! scrypt work factor (each unlock takes milliseconds), trust between
//! vaults as after comparing fingerprints in person.

use std::borrow::BorrowMut;
use std::path::{Path, PathBuf};

use fieldnotes_core::roster::Card;
use fieldnotes_core::{CreateOptions, SecretString, Vault};
use uuid::Uuid;

/// A passphrase strong enough for `Vault::create`.
pub const PASS: &str = "correct horse battery staple orbit";
/// Another strong passphrase.
pub const PASS2: &str = "lantern quietly folds purple glacier maps";

/// A test work factor: fast, far below the production one.
pub const WF: u8 = 10;

pub fn secret(s: &str) -> SecretString {
    SecretString::from(s.to_owned())
}

/// Creation options at the test work factor, with no recovery key.
pub fn opts() -> CreateOptions {
    CreateOptions {
        work_factor: WF,
        recovery: None,
    }
}

/// A vault in `dir` under [`PASS`], unlocked.
pub fn create_at(dir: &Path) -> Vault {
    Vault::create(dir, &secret(PASS), opts()).expect("create vault")
}

/// A vault in `dir` under [`PASS`], locked again; returns its device id.
pub fn create_locked(dir: &Path) -> Uuid {
    let vault = create_at(dir);
    let id = vault.device_id();
    vault.lock().expect("lock vault");
    id
}

/// A vault in `dir/name` whose device is called `name`, unlocked.
pub fn named_vault(dir: &Path, name: &str) -> Vault {
    let mut vault = create_at(&dir.join(name));
    vault.set_device_name(name).expect("name the device");
    vault
}

/// A fresh vault in a new temporary directory (the vault is `dir/vault`).
pub fn new_vault() -> (tempfile::TempDir, PathBuf, Vault) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("vault");
    let vault = create_at(&dir);
    (tmp, dir, vault)
}

pub fn unlock(dir: &Path) -> Vault {
    Vault::unlock(dir, &secret(PASS)).expect("unlock")
}

/// `a` trusts `b`, as after comparing `b`'s fingerprint in person.
pub fn trusts(a: &mut Vault, b: &Vault) {
    let card = Card::parse(&b.card().expect("card").to_json()).expect("parse card");
    a.trust(&card, None).expect("trust");
}

/// Every vault trusts every other one (`&mut [&mut Vault]` or `&mut [Vault]`).
pub fn trust_each_other<V: BorrowMut<Vault>>(vaults: &mut [V]) {
    let cards: Vec<Card> = vaults
        .iter()
        .map(|v| v.borrow().card().expect("card"))
        .collect();
    for v in vaults.iter_mut() {
        let v = v.borrow_mut();
        for c in &cards {
            if c.device_id != v.device_id() {
                let parsed = Card::parse(&c.to_json()).expect("parse card");
                v.trust(&parsed, None).expect("trust");
            }
        }
    }
}

/// A progress callback that shows nothing (for export, import, backup).
pub fn no_progress<P>() -> impl FnMut(P) {
    |_| {}
}

/// The events of the audit log, oldest first.
pub fn events(vault: &Vault) -> Vec<String> {
    vault
        .audit_log()
        .expect("audit log")
        .into_iter()
        .map(|e| e.event)
        .collect()
}
