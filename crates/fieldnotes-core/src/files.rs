//! Files a person picks or is offered, on the faces' behalf: attaching a
//! file from a path (its name and media type taken from the path, progress
//! reported), reading an attachment into memory within a size limit,
//! editing a case whose identity the face did not reveal, and the names
//! suggested for the files the app writes.
//!
//! Invariants: an attachment is read into memory only when its recorded
//! size is within the caller's limit ([`Error::AttachmentTooLarge`]
//! otherwise), so a face never holds more than it asked for; a case edit
//! that does not carry the identity keeps the stored one, so saving a form
//! that never showed the identity cannot erase it.

use std::io::Read;
use std::path::Path;

use uuid::Uuid;

use crate::consent::wrong_kind;
use crate::error::{Error, Result};
use crate::model::{Body, CaseBody, Version};
use crate::vault::{now_rfc3339, Vault};
use crate::views::AttachmentItem;
use crate::vocab::Kind;

/// The media type of a file, from its extension, for the kinds of file
/// the app can show (images, audio, PDF, text); `None` for others.
pub fn media_type(path: &Path) -> Option<&'static str> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    Some(match ext.as_str() {
        "jpg" | "jpeg" => "image/jpeg",
        "png" => "image/png",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "mp3" => "audio/mpeg",
        "ogg" | "oga" => "audio/ogg",
        "wav" => "audio/wav",
        "m4a" => "audio/mp4",
        "pdf" => "application/pdf",
        "txt" | "md" => "text/plain",
        _ => return None,
    })
}

/// The file name suggested for a bundle written today: `fieldnotes-YYYY-MM-DD.fnb`.
pub fn bundle_file_name() -> String {
    format!("fieldnotes-{}.fnb", &now_rfc3339()[..10])
}

/// The file name suggested for a device's identity card, from its name
/// with anything but letters and digits made a dash.
pub fn card_file_name(device_name: &str) -> String {
    let stem: String = device_name
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect();
    let stem = stem.trim_matches('-');
    let stem = if stem.is_empty() { "device" } else { stem };
    format!("fieldnotes-card-{stem}.json")
}

/// A reader that reports how many of `total` bytes it has read.
struct Counting<'a, R> {
    inner: R,
    done: u64,
    total: u64,
    report: &'a mut dyn FnMut(u64, u64),
}

impl<R: Read> Read for Counting<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.done += n as u64;
        (self.report)(self.done, self.total);
        Ok(n)
    }
}

impl Vault {
    /// Streams the file at `path` into case `case_id` as a new attachment
    /// named after the file, with the media type of its extension;
    /// `progress(done, total)` follows the bytes read. A photograph needs
    /// the survivor's consent, or `without_consent`: the reason (audited).
    pub fn attach_file(
        &mut self,
        case_id: Uuid,
        path: &Path,
        without_consent: Option<&str>,
        progress: &mut dyn FnMut(u64, u64),
    ) -> Result<AttachmentItem> {
        let file = std::fs::File::open(path).map_err(|e| Error::io("open", path, e))?;
        let total = file
            .metadata()
            .map_err(|e| Error::io("read", path, e))?
            .len();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut reader = Counting {
            inner: std::io::BufReader::new(file),
            done: 0,
            total,
            report: progress,
        };
        let media = media_type(path).map(str::to_owned);
        let version =
            self.attach_with_reason(case_id, &name, media, &mut reader, without_consent)?;
        attachment_item(&version)
    }

    /// The whole content of attachment `record_id`, checked against its
    /// hash, when it is at most `max` bytes.
    pub fn read_attachment_bytes(&self, record_id: Uuid, max: u64) -> Result<Vec<u8>> {
        let current = self.current(record_id)?;
        let size = match &current.body {
            Some(Body::Attachment(a)) => a.size,
            _ => return Err(wrong_kind(Kind::Attachment, current.kind, record_id)),
        };
        if size > max {
            return Err(Error::AttachmentTooLarge { size, max });
        }
        let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
        self.read_attachment(record_id, &mut bytes)?;
        Ok(bytes)
    }

    /// Saves new fields of case `case_id`. With `keep_identity` the stored
    /// identity section stays, whatever `case` holds: the face did not
    /// reveal it, so it has none to send back.
    pub fn update_case(
        &mut self,
        case_id: Uuid,
        mut case: CaseBody,
        keep_identity: bool,
    ) -> Result<Version> {
        match self.current(case_id)? {
            Version {
                body: Some(Body::Case(old)),
                ..
            } => {
                if keep_identity {
                    case.identity = old.identity;
                }
                self.update(case_id, Body::Case(case))
            }
            Version { body: None, .. } => Err(Error::Deleted {
                id: case_id.to_string(),
            }),
            v => Err(wrong_kind(Kind::Case, v.kind, case_id)),
        }
    }
}

/// The attachment a new version holds, as the case page lists it.
fn attachment_item(v: &Version) -> Result<AttachmentItem> {
    match &v.body {
        Some(Body::Attachment(a)) => Ok(AttachmentItem {
            id: v.record_id,
            file_name: a.file_name.clone(),
            media_type: a.media_type.clone(),
            size: a.size,
            blake3: a.blake3.clone(),
            updated: v.hlc.to_rfc3339(),
        }),
        _ => Err(wrong_kind(Kind::Attachment, v.kind, v.record_id)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Identity;
    use crate::vault::CreateOptions;
    use crate::vocab::CaseStatus;
    use crate::SecretString;

    fn vault(dir: &Path) -> Vault {
        let options = CreateOptions {
            work_factor: 10,
            recovery: None,
        };
        let pass = SecretString::from("correct horse battery staple orbit".to_owned());
        Vault::create(&dir.join("v"), &pass, options).expect("creates")
    }

    fn case(code: &str, name: Option<&str>) -> CaseBody {
        CaseBody {
            unknown: Default::default(),
            profile: Default::default(),
            code: code.into(),
            identity: Identity {
                name: name.map(str::to_owned),
                ..Identity::default()
            },
            languages: vec![],
            nationality: None,
            risk: None,
            status: CaseStatus::Open,
            assigned_worker: None,
        }
    }

    #[test]
    fn suggested_names_are_safe_file_names() {
        assert_eq!(
            card_file_name("Ana's laptop"),
            "fieldnotes-card-Ana-s-laptop.json"
        );
        assert_eq!(card_file_name("//"), "fieldnotes-card-device.json");
        let bundle = bundle_file_name();
        assert!(
            bundle.starts_with("fieldnotes-20") && bundle.ends_with(".fnb"),
            "{bundle}"
        );
        assert_eq!(media_type(Path::new("scan.PDF")), Some("application/pdf"));
        assert_eq!(media_type(Path::new("notes")), None);
    }

    #[test]
    fn a_file_attaches_with_progress_and_reads_back_within_the_limit() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let mut v = vault(tmp.path());
        let case_id = v
            .add(Body::Case(case("F-1", None)))
            .expect("case")
            .record_id;
        let file = tmp.path().join("letter.txt");
        std::fs::write(&file, b"Dear court").expect("writes");
        let mut seen = Vec::new();
        let item = v
            .attach_file(case_id, &file, None, &mut |done, total| {
                seen.push((done, total))
            })
            .expect("attaches");
        assert_eq!(
            (
                item.file_name.as_str(),
                item.media_type.as_deref(),
                item.size
            ),
            ("letter.txt", Some("text/plain"), 10)
        );
        assert_eq!(seen.last(), Some(&(10, 10)));
        assert_eq!(
            v.read_attachment_bytes(item.id, 10).expect("reads"),
            b"Dear court"
        );
        let err = v.read_attachment_bytes(item.id, 9).expect_err("too large");
        assert_eq!(err.code(), crate::ErrorCode::AttachmentTooLarge);
        let err = v.read_attachment_bytes(case_id, 9).expect_err("a case");
        assert_eq!(err.code(), crate::ErrorCode::WrongKind);
    }

    #[test]
    fn a_case_edit_without_the_identity_keeps_the_stored_one() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let mut v = vault(tmp.path());
        let id = v
            .add(Body::Case(case("F-2", Some("Secret"))))
            .expect("case")
            .record_id;
        v.update_case(id, case("F-2b", None), true).expect("saves");
        let Some(Body::Case(c)) = v.current(id).expect("reads").body else {
            panic!("not a case");
        };
        assert_eq!(
            (c.code.as_str(), c.identity.name.as_deref()),
            ("F-2b", Some("Secret"))
        );
        v.update_case(id, case("F-2c", None), false).expect("saves");
        assert!(v.reveal_identity(id).expect("reveals").is_empty());
    }
}
