//! Export and import of bundles.
//!
//! Invariants: an import verifies the sender (trusted, not revoked, key as
//! in the roster), the manifest signature, that this device is a recipient,
//! the bundle sequence, every member's hash and every version's author
//! signature, and merges in one transaction, so a refused bundle changes
//! nothing. Merging is a union of versions: commutative, idempotent and
//! convergent; concurrent heads stay side by side as a conflict. A bundle
//! seen before is a no-op; another bundle under a sequence number already
//! used by that sender is refused.
//!
//! `export.rs` writes bundles, `import.rs` verifies and merges them, with
//! the signature checks of `check.rs`.

mod check;
mod export;
mod gate;
mod import;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;
use uuid::Uuid;

use crate::audit::Event;
use crate::bundle::RecipientSeq;
use crate::error::{Error, Result};
use crate::vault::Vault;
use crate::vocab::Kind;

/// What to export.
#[derive(Debug, Clone, Default)]
pub struct ExportOptions {
    pub to: Vec<Uuid>,
    /// Only these cases (all their versions); empty: everything new since
    /// the last bundle to these recipients.
    pub cases: Vec<Uuid>,
    /// Every version this vault holds.
    pub all: bool,
    /// Encrypt to this device too, so the sender can read its own bundle.
    pub include_self: bool,
    /// Send cases without the survivor's consent to share with the lead,
    /// for this reason (audited, with the cases' codes); `None`: such
    /// cases are left out.
    pub override_consent: Option<String>,
}

/// The outcome of an export.
#[derive(Debug, Clone, Serialize)]
pub struct ExportInfo {
    pub path: PathBuf,
    pub bundle_id: Uuid,
    pub versions: u64,
    pub blobs: u64,
    /// Signed revocations carried (every one this vault holds).
    pub revocations: u64,
    pub size: u64,
    pub recipients: Vec<RecipientSeq>,
    /// Codes of the cases left out for want of consent to share with the
    /// lead, sorted; they go, in full, once that consent is recorded.
    pub left_out: Vec<String>,
    /// Codes of the cases sent without that consent under the override.
    pub sent_without_consent: Vec<String>,
}

/// The outcome of an import.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ImportInfo {
    pub bundle_id: Uuid,
    pub sender: Uuid,
    /// The bundle had been imported before; nothing changed.
    pub already_imported: bool,
    pub new_versions: u64,
    pub known_versions: u64,
    pub new_records: u64,
    /// New records by kind (cases, notes, needs, …).
    pub new_by_kind: BTreeMap<Kind, u64>,
    pub new_blobs: u64,
    /// Records that now have more than one head.
    pub conflicts: Vec<Uuid>,
    /// Records whose content an erasure in the bundle removed here.
    pub erased_records: u64,
    /// Versions of erased records the bundle carried, refused.
    pub refused_erased: u64,
    /// Devices revoked here by the signed revocations the bundle carried.
    pub revoked_devices: Vec<Uuid>,
}

/// Progress of an export or import in bytes of attachment content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Progress {
    pub done: u64,
    pub total: u64,
}

impl Vault {
    /// a bundle can be opened with the standard `age` tool. Audited.
    pub fn export_identity_secret(&self, path: &Path) -> Result<()> {
        use age::secrecy::ExposeSecret;
        let mut text = zeroize::Zeroizing::new(String::new());
        text.push_str("# Fieldnotes device identity: keep it as safe as the passphrase.\n");
        text.push_str(self.secrets.age_identity.to_string().expose_secret());
        text.push('\n');
        let mut f = crate::vault::create_private(path).map_err(|e| Error::io("write", path, e))?;
        f.write_all(text.as_bytes())
            .map_err(|e| Error::io("write", path, e))?;
        f.sync_all().map_err(|e| Error::io("write", path, e))?;
        self.audit(Event::IdentityExported, "")
    }
}
