//! The signature of a case summary: a short trailer after the PDF's
//! `%%EOF`, in PDF comment lines, so the file stays a valid PDF and can be
//! checked with nothing but the file (and by `minisign`, see
//! docs/FORMATS.md, "Case summary (PDF)").
//!
//! ```text
//! <the PDF, ending in "%%EOF\n">      (the signed bytes)
//! %fieldnotes-signature 1 <signer's minisign public key>
//! %untrusted comment: signature from fieldnotes device key
//! %<minisign signature line>
//! %trusted comment: fieldnotes-case-summary 1 signer=<device id> made=<RFC 3339> case=<code>
//! %<minisign global signature line>
//! %%EOF
//! ```
//!
//! Invariants: the signature covers every byte before the trailer, so any
//! changed, added or removed byte there (an incremental update appended
//! after the first `%%EOF` included) fails; the trusted comment is signed
//! too. Reading a trailer never panics and looks at no more than the last
//! [`MAX_TRAILER`] bytes. A report is trusted only when its signer is a
//! trusted, not revoked laptop of this vault's roster with the same key.

use ed25519_dalek::{SigningKey, VerifyingKey};
use rusqlite::OptionalExtension;
use serde::Serialize;
use uuid::Uuid;

use super::case_summary::{Manifest, MANIFEST_FORMAT, MANIFEST_VERSION};
use crate::case_model::Lang;
use crate::error::{Error, Result};
use crate::minisig;
use crate::vault::Vault;

/// The first line of a trailer, before the public key.
pub const MARKER: &str = "%fieldnotes-signature 1 ";
/// Lines in a trailer, the final `%%EOF` included.
pub const TRAILER_LINES: usize = 6;
/// The most bytes a trailer may take.
pub const MAX_TRAILER: usize = 1024;
/// The trailer's untrusted comment line, exactly as `minisig::sign` writes it.
const UNTRUSTED: &str = "%untrusted comment: signature from fieldnotes device key";
/// The longest case code the trusted comment carries in full.
const COMMENT_CODE_CHARS: usize = 64;
/// The largest embedded manifest read (a 100,000-entry manifest is ~40 MB
/// of JSON, far above any case).
const MAX_MANIFEST: u64 = 64 << 20;

/// What `fieldnotes report verify` and the app show of a checked report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportCheck {
    pub signer: Uuid,
    /// The signer's name in this vault's roster.
    pub signer_name: String,
    pub fingerprint: String,
    /// Made on this laptop.
    pub this_device: bool,
    pub case_code: String,
    pub made_at: String,
    pub lang: Lang,
    pub with_identity: bool,
    pub from: Option<String>,
    pub to: Option<String>,
    /// How many entries (record versions) it shows.
    pub entries: usize,
}

/// A report whose signature checks out with the key it names (not yet
/// checked against any roster).
#[derive(Debug, Clone)]
pub struct Signed {
    pub key: VerifyingKey,
    pub manifest: Manifest,
}

/// The trusted comment for `m`.
pub(super) fn trusted_comment(m: &Manifest) -> String {
    let code: String = m.case_code.chars().take(COMMENT_CODE_CHARS).collect();
    format!(
        "{MANIFEST_FORMAT} {MANIFEST_VERSION} signer={} made={} case={}",
        m.signer.device_id,
        m.made_at,
        code.replace(['\n', '\r'], " ")
    )
}

/// Appends the signature trailer to `pdf`.
pub(super) fn seal(mut pdf: Vec<u8>, key: &SigningKey, comment: &str) -> Vec<u8> {
    if !pdf.ends_with(b"\n") {
        pdf.push(b'\n');
    }
    let minisig = minisig::sign(key, &pdf, comment);
    pdf.extend_from_slice(MARKER.as_bytes());
    pdf.extend_from_slice(minisig::public_key(&key.verifying_key()).as_bytes());
    pdf.push(b'\n');
    for line in minisig.lines() {
        pdf.push(b'%');
        pdf.extend_from_slice(line.as_bytes());
        pdf.push(b'\n');
    }
    pdf.extend_from_slice(b"%%EOF\n");
    pdf
}

/// A trailer split off its file.
struct Trailer<'a> {
    signed: &'a [u8],
    public_key: &'a str,
    /// The `.minisig` text (the four lines without their `%`).
    minisig: String,
}

/// Splits `file` into the signed bytes and the trailer; `None` when the
/// file does not end in one.
fn split(file: &[u8]) -> Option<Trailer<'_>> {
    if !file.ends_with(b"\n") {
        return None;
    }
    // The newline that ends the signed part is the (TRAILER_LINES + 1)th
    // from the end.
    let tail_start = file.len().saturating_sub(MAX_TRAILER);
    let cut = (tail_start..file.len())
        .rev()
        .filter(|i| file[*i] == b'\n')
        .nth(TRAILER_LINES)?;
    let (signed, trailer) = file.split_at(cut + 1);
    let text = std::str::from_utf8(trailer).ok()?;
    let lines: Vec<&str> = text.trim_end_matches('\n').split('\n').collect();
    let [first, a, b, c, d, last] = lines.as_slice() else {
        return None;
    };
    // minisign does not sign its untrusted comment: it must be the one
    // this program writes, so that no byte of a report can change unseen.
    if *last != "%%EOF" || *a != UNTRUSTED || !signed.starts_with(b"%PDF-") {
        return None;
    }
    let public_key = first.strip_prefix(MARKER)?;
    let mut minisig = String::new();
    for line in [a, b, c, d] {
        minisig.push_str(line.strip_prefix('%')?);
        minisig.push('\n');
    }
    Some(Trailer {
        signed,
        public_key,
        minisig,
    })
}

/// The signed fields of a trusted comment.
struct Comment {
    signer: Uuid,
    made_at: String,
    code: String,
}

fn parse_comment(comment: &str) -> Option<Comment> {
    let rest = comment.strip_prefix(&format!("{MANIFEST_FORMAT} {MANIFEST_VERSION} signer="))?;
    let (signer, rest) = rest.split_once(" made=")?;
    let (made_at, code) = rest.split_once(" case=")?;
    Some(Comment {
        signer: Uuid::parse_str(signer).ok()?,
        made_at: made_at.to_owned(),
        code: code.to_owned(),
    })
}

/// Checks the signature of a report with the key it names, and reads its
/// manifest: [`Error::NotAReport`] for a missing or garbled trailer or
/// manifest, [`Error::ReportTampered`] when the signature fails. Never
/// panics, whatever the bytes.
pub fn check_signature(file: &[u8]) -> Result<Signed> {
    let trailer = split(file).ok_or(Error::NotAReport)?;
    let key = minisig::parse_public_key(trailer.public_key).map_err(|_| Error::NotAReport)?;
    let comment = minisig::verify(&key, trailer.signed, &trailer.minisig)
        .map_err(|_| Error::ReportTampered)?;
    let comment = parse_comment(&comment).ok_or(Error::NotAReport)?;
    let manifest = super::pdf_files::manifest(trailer.signed, MAX_MANIFEST)
        .and_then(|bytes| serde_json::from_slice::<Manifest>(&bytes).ok())
        .ok_or(Error::NotAReport)?;
    let code: String = manifest
        .case_code
        .chars()
        .take(COMMENT_CODE_CHARS)
        .collect();
    let agrees = manifest.format == MANIFEST_FORMAT
        && manifest.version == MANIFEST_VERSION
        && manifest.signer.device_id == comment.signer
        && manifest.made_at == comment.made_at
        && code.replace(['\n', '\r'], " ") == comment.code
        && minisig::parse_public_key(&manifest.signer.minisign_public_key).ok() == Some(key);
    if !agrees {
        return Err(Error::NotAReport);
    }
    Ok(Signed { key, manifest })
}

/// The largest file read as a report.
pub const MAX_REPORT_BYTES: u64 = 1 << 30;

/// Reads a report file to check (refused past [`MAX_REPORT_BYTES`]).
pub fn read_report(path: &std::path::Path) -> Result<Vec<u8>> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(|e| Error::io("open", path, e))?;
    let mut out = Vec::new();
    file.take(MAX_REPORT_BYTES + 1)
        .read_to_end(&mut out)
        .map_err(|e| Error::io("read", path, e))?;
    if out.len() as u64 > MAX_REPORT_BYTES {
        return Err(Error::NotAReport);
    }
    Ok(out)
}

impl Vault {
    /// Checks a case summary: intact, and signed by a laptop this vault
    /// trusts (this one included).
    pub fn verify_report(&self, pdf: &[u8]) -> Result<ReportCheck> {
        let Signed { key, manifest } = check_signature(pdf)?;
        let signer = manifest.signer.device_id;
        let stored: Option<Vec<u8>> = self
            .conn
            .query_row(
                "SELECT signing_key FROM devices WHERE device_id = ?1",
                [signer.to_string()],
                |r| r.get(0),
            )
            .optional()?;
        let device = self.devices()?.into_iter().find(|d| d.device_id == signer);
        let trusted = match (&device, stored) {
            (Some(d), Some(k)) => {
                (d.trusted || d.this_device) && d.revoked_at.is_none() && k == key.as_bytes()
            }
            _ => false,
        };
        let Some(device) = device.filter(|_| trusted) else {
            let name = manifest.signer.name.trim();
            return Err(Error::ReportUntrusted {
                signer: if name.is_empty() {
                    signer.to_string()
                } else {
                    name.to_owned()
                },
            });
        };
        Ok(ReportCheck {
            signer,
            signer_name: device.name,
            fingerprint: device.fingerprint,
            this_device: device.this_device,
            case_code: manifest.case_code,
            made_at: manifest.made_at,
            lang: manifest.lang,
            with_identity: manifest.with_identity,
            from: manifest.from,
            to: manifest.to,
            entries: manifest.entries.len(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::case_summary::Signer;
    use proptest::prelude::*;
    use rand_core::OsRng;

    fn manifest(key: &SigningKey) -> Manifest {
        Manifest {
            format: MANIFEST_FORMAT.into(),
            version: MANIFEST_VERSION,
            case_id: Uuid::nil(),
            case_code: "RO-Ș1".into(),
            lang: Lang::Ro,
            with_identity: false,
            from: None,
            to: None,
            notes_chosen: false,
            made_at: "2026-12-02T03:00:00Z".into(),
            signer: Signer {
                device_id: Uuid::from_u128(7),
                name: "Ana".into(),
                fingerprint: "1".into(),
                minisign_public_key: minisig::public_key(&key.verifying_key()),
            },
            entries: Vec::new(),
        }
    }

    /// A small PDF-like file with the manifest embedded as typst does.
    fn sealed(key: &SigningKey) -> Vec<u8> {
        let m = serde_json::to_vec(&manifest(key)).expect("json");
        let mut pdf = b"%PDF-1.7\n1 0 obj\n<</Length ".to_vec();
        pdf.extend_from_slice(m.len().to_string().as_bytes());
        pdf.extend_from_slice(b"/Type/EmbeddedFile/Params<</Size 1>>>>\nstream\n");
        pdf.extend_from_slice(&m);
        pdf.extend_from_slice(b"\nendstream\nendobj\nstartxref\n9\n%%EOF");
        seal(pdf, key, &trusted_comment(&manifest(key)))
    }

    #[test]
    fn a_sealed_file_checks_out_and_its_trailer_is_short() {
        let key = SigningKey::generate(&mut OsRng);
        let file = sealed(&key);
        let signed = check_signature(&file).expect("checks");
        assert_eq!(signed.manifest.case_code, "RO-Ș1");
        let trailer = split(&file).expect("trailer");
        assert!(file.len() - trailer.signed.len() < 600);
        assert!(file.ends_with(b"\n%%EOF\n"));
    }

    #[test]
    fn every_changed_byte_fails_and_nothing_panics() {
        let key = SigningKey::generate(&mut OsRng);
        let file = sealed(&key);
        for i in 0..file.len() {
            for bit in [0x01u8, 0x80] {
                let mut bad = file.clone();
                bad[i] ^= bit;
                let got = check_signature(&bad);
                assert!(
                    matches!(got, Err(Error::NotAReport | Error::ReportTampered)),
                    "byte {i} bit {bit}: {got:?}"
                );
            }
        }
        // Cut short, or with anything appended: not a report.
        for n in [0, 1, file.len() / 2, file.len() - 1] {
            assert!(check_signature(&file[..n]).is_err());
        }
        let mut longer = file.clone();
        longer.extend_from_slice(b"%%EOF\n");
        assert!(check_signature(&longer).is_err());
    }

    #[test]
    fn a_signature_made_elsewhere_over_other_bytes_is_tampering() {
        let key = SigningKey::generate(&mut OsRng);
        let file = sealed(&key);
        let trailer_at = split(&file).expect("trailer").signed.len();
        let mut spliced = sealed(&key)[..trailer_at].to_vec();
        spliced[20] ^= 1;
        spliced.extend_from_slice(&file[trailer_at..]);
        assert!(matches!(
            check_signature(&spliced),
            Err(Error::ReportTampered)
        ));
    }

    proptest! {
        #[test]
        fn any_bytes_are_refused_without_panic(
            bytes in proptest::collection::vec(any::<u8>(), 0..2048),
            tail in 0usize..7,
        ) {
            let mut file = bytes;
            for _ in 0..tail {
                file.extend_from_slice(b"%x\n");
            }
            prop_assert!(check_signature(&file).is_err());
        }
    }
}
