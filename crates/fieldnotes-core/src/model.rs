//! Record bodies and immutable, signed versions.
//!
//! Invariants: a [`Version`] never changes once written, except that an
//! erasure removes its body; its signature is Ed25519 by the author device
//! over [`Version::signing_bytes`], a canonical encoding (format tag, then
//! JSON with keys sorted at every level and no insignificant whitespace).
//! Format 1 (earlier versions) signs every field but the signature, the
//! body itself included; format 2 (written now) signs the BLAKE3 of the
//! body's canonical JSON instead of the body, so a version whose body was
//! erased still verifies. Parents are kept sorted so the encoding does not
//! depend on the order edits arrived in. A tombstone is a version with no
//! body that is not erased.

use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use uuid::Uuid;

use crate::case_model::CaseProfile;
use crate::hlc::Hlc;
use crate::vocab::{
    CaseStatus, ConsentScope, Kind, NeedCategory, NoteKind, Priority, ReferralStatus, RiskLevel,
};

/// The format tag that starts a format-1 signed version encoding.
pub const VERSION_FORMAT: &str = "fieldnotes-version 1";
/// The format tag that starts a format-2 signed version encoding.
pub const VERSION_FORMAT_2: &str = "fieldnotes-version 2";
/// The version format this build writes.
pub const WRITTEN_VERSION_FORMAT: u8 = 2;

/// Fields a newer app wrote that this build does not know, kept as they
/// came: they are hashed, signed, stored and sent on with the rest of the
/// body, so two app versions exchanging bundles lose nothing.
pub type Unknown = std::collections::BTreeMap<String, Value>;

/// The restricted identity section of a case: shown only on demand.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identity {
    #[serde(default)]
    pub name: Option<String>,
    /// `YYYY-MM-DD`, never in the future (see [`crate::dates`]).
    #[serde(default)]
    pub date_of_birth: Option<String>,
    #[serde(default)]
    pub contacts: Vec<String>,
    /// Fields of a newer app, kept (see [`Unknown`]).
    #[serde(flatten)]
    pub unknown: Unknown,
}

impl Identity {
    pub fn is_empty(&self) -> bool {
        self.name.is_none() && self.date_of_birth.is_none() && self.contacts.is_empty()
    }
}

/// A case: one survivor, known by a pseudonymous code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseBody {
    pub code: String,
    #[serde(default)]
    pub identity: Identity,
    #[serde(default)]
    pub languages: Vec<String>,
    #[serde(default)]
    pub nationality: Option<String>,
    #[serde(default)]
    pub risk: Option<RiskLevel>,
    pub status: CaseStatus,
    #[serde(default)]
    pub assigned_worker: Option<String>,
    /// Gender, age, exploitation, countries, referral, closure,
    /// identification and proceedings: optional fields, flattened into the
    /// case's JSON (see [`crate::case_model`]). Before `unknown`, which
    /// takes only the fields left over.
    #[serde(flatten)]
    pub profile: Box<CaseProfile>,
    /// Fields of a newer app, kept (see [`Unknown`]).
    #[serde(flatten)]
    pub unknown: Unknown,
}

/// An interview or note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteBody {
    pub case: Uuid,
    pub kind: NoteKind,
    /// When the interview took place: `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM` (local
    /// time) or RFC 3339 (see [`crate::dates`]).
    #[serde(default)]
    pub when: Option<String>,
    #[serde(default)]
    pub place: Option<String>,
    #[serde(default)]
    pub present: Vec<String>,
    #[serde(default)]
    pub interpreter: Option<String>,
    pub narrative: String,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub draft: bool,
    /// The form the note follows, with its answers. Absent (not `null`)
    /// when it follows none, so such a note encodes as it always did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub form: Option<crate::forms::NoteForm>,
    /// Fields of a newer app, kept (see [`Unknown`]).
    #[serde(flatten)]
    pub unknown: Unknown,
}

/// A need of the survivor and its referral.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NeedBody {
    pub case: Uuid,
    pub category: NeedCategory,
    #[serde(default)]
    pub description: String,
    pub priority: Priority,
    pub status: ReferralStatus,
    #[serde(default)]
    pub referral_target: Option<String>,
    /// `YYYY-MM-DD` (see [`crate::dates`]).
    #[serde(default)]
    pub due: Option<String>,
    /// The consent record the referral relies on.
    #[serde(default)]
    pub consent: Option<Uuid>,
    /// Fields of a newer app, kept (see [`Unknown`]).
    #[serde(flatten)]
    pub unknown: Unknown,
}

/// What the survivor agreed to, and whether it still stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentBody {
    pub case: Uuid,
    pub scope: ConsentScope,
    /// For a referral: the named service.
    #[serde(default)]
    pub service: Option<String>,
    /// RFC 3339, set by the app.
    pub given_at: String,
    /// RFC 3339, set by the app.
    #[serde(default)]
    pub withdrawn_at: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
    /// Fields of a newer app, kept (see [`Unknown`]).
    #[serde(flatten)]
    pub unknown: Unknown,
}

/// A follow-up task.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUpBody {
    pub case: Uuid,
    pub title: String,
    /// `YYYY-MM-DD` (see [`crate::dates`]).
    #[serde(default)]
    pub due: Option<String>,
    #[serde(default)]
    pub assigned_to: Option<String>,
    #[serde(default)]
    pub done: bool,
    /// Fields of a newer app, kept (see [`Unknown`]).
    #[serde(flatten)]
    pub unknown: Unknown,
}

/// A file attached to a case; its bytes live in the blob store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentBody {
    pub case: Uuid,
    pub file_name: String,
    #[serde(default)]
    pub media_type: Option<String>,
    pub size: u64,
    /// BLAKE3 of the content, hex.
    pub blake3: String,
    /// Fields of a newer app, kept (see [`Unknown`]).
    #[serde(flatten)]
    pub unknown: Unknown,
}

/// Records erased, and why: the signed entry that stays when their bodies go.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErasureBody {
    /// The case erased whole, if it was: every record of it is erased,
    /// including those this laptop never held when it erased.
    #[serde(default)]
    pub case: Option<Uuid>,
    /// Every record erased, sorted.
    pub records: Vec<Uuid>,
    pub reason: crate::vocab::ErasureReason,
    /// Fields of a newer app, kept (see [`Unknown`]).
    #[serde(flatten)]
    pub unknown: Unknown,
}

/// The content of a record at one version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Body {
    Case(CaseBody),
    Note(NoteBody),
    Need(NeedBody),
    Consent(ConsentBody),
    FollowUp(FollowUpBody),
    Attachment(AttachmentBody),
    Erasure(ErasureBody),
}

impl Body {
    pub fn kind(&self) -> Kind {
        match self {
            Body::Case(_) => Kind::Case,
            Body::Note(_) => Kind::Note,
            Body::Need(_) => Kind::Need,
            Body::Consent(_) => Kind::Consent,
            Body::FollowUp(_) => Kind::FollowUp,
            Body::Attachment(_) => Kind::Attachment,
            Body::Erasure(_) => Kind::Erasure,
        }
    }

    /// The fields of a newer app this body carries.
    pub fn unknown_mut(&mut self) -> &mut Unknown {
        match self {
            Body::Case(b) => &mut b.unknown,
            Body::Note(b) => &mut b.unknown,
            Body::Need(b) => &mut b.unknown,
            Body::Consent(b) => &mut b.unknown,
            Body::FollowUp(b) => &mut b.unknown,
            Body::Attachment(b) => &mut b.unknown,
            Body::Erasure(b) => &mut b.unknown,
        }
    }

    /// Keeps the newer app's fields of `previous` in an edit made here,
    /// which cannot show them and so cannot have meant to drop them; so
    /// too a note's form and answers (see [`crate::forms::NoteForm`]).
    pub fn keep_unknown_of(&mut self, previous: &Body) {
        let mut previous = previous.clone();
        if self.unknown_mut().is_empty() {
            *self.unknown_mut() = std::mem::take(previous.unknown_mut());
        }
        match (self, previous) {
            (Body::Case(new), Body::Case(old)) if new.identity.unknown.is_empty() => {
                new.identity.unknown = old.identity.unknown;
            }
            (Body::Note(new), Body::Note(old)) => crate::forms::keep_form_of(new, old),
            _ => {}
        }
    }

    /// The case this record belongs to (a case belongs to itself: `None`).
    pub fn case(&self) -> Option<Uuid> {
        match self {
            Body::Case(_) => None,
            Body::Note(b) => Some(b.case),
            Body::Need(b) => Some(b.case),
            Body::Consent(b) => Some(b.case),
            Body::FollowUp(b) => Some(b.case),
            Body::Attachment(b) => Some(b.case),
            Body::Erasure(b) => b.case,
        }
    }
}

/// One immutable, signed version of a record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Version {
    pub version_id: Uuid,
    pub record_id: Uuid,
    pub kind: Kind,
    pub hlc: Hlc,
    pub author: Uuid,
    /// Sorted; empty for a record's first version, two or more for a merge.
    pub parents: Vec<Uuid>,
    /// `None` marks a tombstone: the record was deleted.
    pub body: Option<Body>,
    /// Ed25519 over [`Version::signing_bytes`], hex.
    pub signature: String,
    /// 1 (signs the body) or 2 (signs [`Version::body_hash`]).
    #[serde(default = "format_1", skip_serializing_if = "is_format_1")]
    pub format: u8,
    /// Format 2: BLAKE3 (hex) of the body's canonical JSON; `None` for a
    /// tombstone. It stays when the body is erased.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body_hash: Option<String>,
    /// The body was erased (an erasure record names this record).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub erased: bool,
}

fn format_1() -> u8 {
    1
}

fn is_format_1(f: &u8) -> bool {
    *f == 1
}

/// BLAKE3 (hex) of a body's canonical JSON, as format 2 signs it.
pub fn body_hash(body: &Body) -> String {
    let mut out = Vec::with_capacity(512);
    write_canonical(&serde_json::to_value(body).unwrap_or(Value::Null), &mut out);
    blake3::hash(&out).to_hex().to_string()
}

impl Version {
    /// Builds and signs a new version.
    pub(crate) fn new_signed(
        record_id: Uuid,
        kind: Kind,
        hlc: Hlc,
        author: Uuid,
        mut parents: Vec<Uuid>,
        body: Option<Body>,
        key: &SigningKey,
    ) -> Version {
        parents.sort();
        parents.dedup();
        let body_hash = body.as_ref().map(body_hash);
        let mut v = Version {
            version_id: Uuid::now_v7(),
            record_id,
            kind,
            hlc,
            author,
            parents,
            body,
            signature: String::new(),
            format: WRITTEN_VERSION_FORMAT,
            body_hash,
            erased: false,
        };
        v.signature = hex::encode(key.sign(&v.signing_bytes()).to_bytes());
        v
    }

    /// A deletion: no body, and not because it was erased.
    pub fn is_tombstone(&self) -> bool {
        self.body.is_none() && !self.erased
    }

    /// The canonical bytes the author signs, in the version's format.
    pub fn signing_bytes(&self) -> Vec<u8> {
        let (tag, unsigned) = if self.format >= 2 {
            let fields = serde_json::json!({
                "version_id": self.version_id,
                "record_id": self.record_id,
                "kind": self.kind,
                "hlc": self.hlc,
                "author": self.author,
                "parents": self.parents,
                "body_hash": self.body_hash,
            });
            (VERSION_FORMAT_2, fields)
        } else {
            let fields = serde_json::json!({
                "version_id": self.version_id,
                "record_id": self.record_id,
                "kind": self.kind,
                "hlc": self.hlc,
                "author": self.author,
                "parents": self.parents,
                "body": self.body,
            });
            (VERSION_FORMAT, fields)
        };
        let mut out = Vec::with_capacity(512);
        out.extend_from_slice(tag.as_bytes());
        out.push(b'\n');
        write_canonical(&unsigned, &mut out);
        out
    }

    /// Checks the author's signature with the author's public key. A
    /// format-2 body must match its signed hash; an erased body cannot be
    /// checked, only its hash, and a format-1 version with its body erased
    /// never verifies (the erasure record vouches for it instead).
    pub fn verify(&self, author_key: &VerifyingKey) -> bool {
        match (self.format, &self.body, self.erased) {
            (1, None, true) => return false,
            (1, _, _) => {}
            (2, Some(body), false) => {
                if self.body_hash.as_deref() != Some(body_hash(body).as_str()) {
                    return false;
                }
            }
            (2, None, false) if self.body_hash.is_some() => return false,
            (2, None, _) => {}
            _ => return false,
        }
        let mut sig = [0u8; 64];
        if hex::decode_to_slice(&self.signature, &mut sig).is_err() {
            return false;
        }
        author_key
            .verify_strict(&self.signing_bytes(), &Signature::from_bytes(&sig))
            .is_ok()
    }
}

/// Writes `value` as JSON with object keys sorted at every level, whatever
/// serde_json's map ordering feature says.
pub fn write_canonical(value: &Value, out: &mut Vec<u8>) {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<_> = map.iter().collect();
            entries.sort_by(|a, b| a.0.cmp(b.0));
            out.push(b'{');
            for (i, (k, v)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_canonical(&Value::String(k.clone()), out);
                out.push(b':');
                write_canonical(v, out);
            }
            out.push(b'}');
        }
        Value::Array(items) => {
            out.push(b'[');
            for (i, v) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_canonical(v, out);
            }
            out.push(b']');
        }
        // Scalars have one serde_json rendering; writing to a Vec cannot fail.
        scalar => out.extend_from_slice(scalar.to_string().as_bytes()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand_core::OsRng;

    fn note(text: &str) -> Body {
        Body::Note(NoteBody {
            unknown: Default::default(),
            case: Uuid::nil(),
            kind: NoteKind::Intake,
            when: None,
            place: None,
            present: vec![],
            interpreter: None,
            narrative: text.into(),
            tags: vec![],
            draft: false,
            form: None,
        })
    }

    #[test]
    fn signature_covers_every_field() {
        let key = SigningKey::generate(&mut OsRng);
        let v = Version::new_signed(
            Uuid::now_v7(),
            Kind::Note,
            Hlc::default(),
            Uuid::new_v4(),
            vec![],
            Some(note("hello")),
            &key,
        );
        assert!(v.verify(&key.verifying_key()));
        let mut changed = v.clone();
        changed.body = Some(note("hellO"));
        assert!(!changed.verify(&key.verifying_key()));
        let mut changed = v.clone();
        changed.hlc.counter += 1;
        assert!(!changed.verify(&key.verifying_key()));
        let mut changed = v.clone();
        changed.parents.push(Uuid::nil());
        assert!(!changed.verify(&key.verifying_key()));
        let other = SigningKey::generate(&mut OsRng);
        assert!(!v.verify(&other.verifying_key()));
    }

    #[test]
    fn canonical_json_sorts_keys_and_escapes() {
        let v = serde_json::json!({"b": [1, {"z": "q\"\n", "a": null}], "a": true});
        let mut out = Vec::new();
        write_canonical(&v, &mut out);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            r#"{"a":true,"b":[1,{"a":null,"z":"q\"\n"}]}"#
        );
    }
}
