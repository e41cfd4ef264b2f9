//! Attachments: files of any size streamed into sealed files beside the
//! database ([`crate::blobs`]) and streamed back out.
//!
//! Invariants: memory stays flat whatever the file size; the content's
//! BLAKE3 is computed while streaming in, recorded in the signed
//! attachment version, and checked while streaming out, so damaged content
//! is reported, never silently returned; identical content is stored once;
//! the sealed file is in place before the version that refers to it
//! commits, with its row and the audit entry. A photograph of the
//! survivor ([`is_photograph`]) is only attached while the survivor's
//! photograph consent holds, or for a reason given, audited in the same
//! transaction as the attachment.

use std::io::{Read, Write};

use uuid::Uuid;

use crate::audit::Event;
use crate::blobs;
use crate::error::{Error, Result};
use crate::model::{AttachmentBody, Body, Version};
use crate::records::write_in;
use crate::vault::Vault;
use crate::vocab::{ConsentScope, Kind};

/// Whether a file is a photograph: its media type is `image/*`, or, with
/// no media type given, its name's extension is one of an image.
pub fn is_photograph(file_name: &str, media_type: Option<&str>) -> bool {
    let media = media_type
        .map(str::trim)
        .filter(|m| !m.is_empty())
        .or_else(|| crate::files::media_type(std::path::Path::new(file_name)));
    media.is_some_and(|m| m.to_ascii_lowercase().starts_with("image/"))
}

/// The most content handed to a caller's writer at once.
pub const CHUNK_SIZE: usize = blobs::COPY_BUF;

impl Vault {
    /// Streams `content` into the vault as a new attachment of `case_id`.
    /// A photograph needs the survivor's photograph consent
    /// ([`Error::PhotographConsentMissing`] otherwise; see
    /// [`Vault::attach_with_reason`]).
    pub fn attach(
        &mut self,
        case_id: Uuid,
        file_name: &str,
        media_type: Option<String>,
        content: &mut dyn Read,
    ) -> Result<Version> {
        self.attach_with_reason(case_id, file_name, media_type, content, None)
    }

    /// As [`Vault::attach`]; a photograph without the survivor's consent is
    /// attached when `without_consent` gives the reason, which is audited.
    pub fn attach_with_reason(
        &mut self,
        case_id: Uuid,
        file_name: &str,
        media_type: Option<String>,
        content: &mut dyn Read,
        without_consent: Option<&str>,
    ) -> Result<Version> {
        let file_name = Some(file_name.trim())
            .filter(|n| !n.is_empty())
            .ok_or(Error::Empty {
                what: "The file name",
            })?;
        self.require_case(case_id)?;
        let reason =
            self.photograph_gate(case_id, file_name, media_type.as_deref(), without_consent)?;
        let code = match reason {
            Some(_) => self.case_code_of(case_id)?,
            None => String::new(),
        };
        self.require_moved_out()?;
        let key = blobs::name_key(&self.secrets.db_key);
        let temp = blobs::seal(&self.dir, &key, content)?;
        let body = Body::Attachment(AttachmentBody {
            unknown: Default::default(),
            case: case_id,
            file_name: file_name.to_owned(),
            media_type,
            size: temp.file.size,
            blake3: temp.file.blake3.clone(),
        });
        let tx = self.conn.transaction()?;
        blobs::place(&tx, temp)?;
        let v = write_in(
            &tx,
            &self.secrets,
            self.clock.as_ref(),
            &self.audit_key,
            Uuid::now_v7(),
            Kind::Attachment,
            Vec::new(),
            Some(body),
            Event::RecordCreated,
        )?;
        if let Some(reason) = reason {
            let subject = format!(
                "attachment {} of case {code}; reason: {reason}",
                v.record_id
            );
            crate::audit::append(
                &tx,
                &self.audit_key,
                &crate::vault::now_rfc3339(),
                Event::PhotographWithoutConsent,
                &subject,
            )?;
        }
        tx.commit()?;
        Ok(v)
    }

    /// Whether a file may be attached to `case_id`: anything but a
    /// photograph, or a photograph with the survivor's photograph consent;
    /// else only with a (non-empty) reason, which it returns for the audit.
    fn photograph_gate<'r>(
        &self,
        case_id: Uuid,
        file_name: &str,
        media_type: Option<&str>,
        without_consent: Option<&'r str>,
    ) -> Result<Option<&'r str>> {
        if !is_photograph(file_name, media_type)
            || self.consent_holds(case_id, ConsentScope::Photographs)?
        {
            return Ok(None);
        }
        match without_consent.map(str::trim) {
            None => Err(Error::PhotographConsentMissing),
            Some("") => Err(Error::Empty {
                what: "The reason for attaching without consent",
            }),
            reason => Ok(reason),
        }
    }

    /// Refuses an attachment to anything but a live case.
    fn require_case(&self, case_id: Uuid) -> Result<()> {
        match self.current(case_id)? {
            v if v.kind == Kind::Case => Ok(()),
            _ => Err(Error::NotFound {
                what: "case",
                id: case_id.to_string(),
            }),
        }
    }

    /// Attachments of an older vault must leave the database before files
    /// are added, read or sent.
    pub(crate) fn require_moved_out(&self) -> Result<()> {
        if self.attachments_to_move()?.attachments > 0 {
            return Err(Error::AttachmentsNotMoved);
        }
        Ok(())
    }

    /// Streams an attachment's content into `out`; returns its size. The
    /// content is checked against its recorded hash; on a mismatch the
    /// caller must discard what was written.
    pub fn read_attachment(&self, record_id: Uuid, out: &mut dyn Write) -> Result<u64> {
        let head = self.current(record_id)?;
        let Some(Body::Attachment(att)) = &head.body else {
            return Err(Error::NotFound {
                what: "attachment",
                id: record_id.to_string(),
            });
        };
        self.require_moved_out()?;
        let mut reader = blobs::open(&self.conn, &self.dir, &att.blake3)?;
        let size = blobs::copy_out(&mut reader, out, &self.dir)?;
        if size != att.size {
            return Err(Error::AttachmentCorrupt);
        }
        self.audit(Event::AttachmentRead, &format!("attachment {record_id}"))?;
        Ok(size)
    }
}
