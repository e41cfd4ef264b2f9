# Fieldnotes — English messages (Fluent). Every message here must also be in ro.ftl.

## General
loading = Loading…
save = Save
cancel = Cancel
close = Close
add = Add
edit = Edit
any = Any
history = History
show-more = Show more
comma-separated = separated by commas
conflict = Conflicting edits
yes = Yes
no = No
draft = Draft
back-to-case = Back to the case
language-en = English
language-ro = Română

## Navigation and locking
nav-label = Main
nav-dashboard = Overview
nav-exchange = Exchange
nav-conflicts = Conflicts
nav-reports = Reports
nav-backup = Backup
nav-cases = Cases
nav-search = Search
nav-audit = Audit log
nav-settings = Settings
nav-group-share = Share and keep safe
nav-group-admin = Administration
skip-to-content = Skip to content
lock = Lock
lock-shortcut = Lock now (Ctrl+Shift+L)

## Creating the vault
create-title = Create your vault
create-intro = Everything you record is encrypted on this laptop with a key that only your passphrase opens. Choose a passphrase you can remember and no one could guess: four or more unrelated words work well.
passphrase = Passphrase
passphrase-again = The same passphrase again
create-submit = Create the vault
create-busy = Creating… this takes a few seconds
create-forget = If the passphrase is forgotten, only the organisation's recovery key can open the vault.
recovery-title = Organisation recovery key (optional)
recovery-help = If your organisation gave you a recovery key (it starts with age1), paste it here. It lets the organisation reopen this vault if the passphrase is lost; it cannot be used for anything else.
recovery-label = Recovery public key
strength-label = Passphrase strength
strength-hint = Type a passphrase to see how strong it is.
strength-0 = Very weak.
strength-1 = Weak.
strength-2 = Fair.
strength-3 = Strong.
strength-4 = Very strong.
strength-ok = Good enough for a vault.
strength-weak = Too easy to guess: add more unrelated words.

## Unlocking
unlock-title = Fieldnotes is locked
unlock-idle = The vault locked itself after a period without activity.
unlock-locked = The vault is locked.
unlock-submit = Unlock
unlock-busy = Unlocking…

## Cases
cases-title = Cases
case-new = New case
case-edit = Change the case
cases-filter-text = Find a case (code, nationality, worker)
cases-open-needs = Open needs
cases-open-needs-only = Only with open needs
cases-empty = No cases yet. Add the first one with “New case”.
cases-count = { $total ->
    [one] { $shown } of 1 case
   *[other] { $shown } of { $total } cases
}
cases-count-all = { $total ->
    [one] 1 case
   *[other] { $total } cases
}
case-status-open = Open
case-status-monitoring = Monitoring
case-status-closed = Closed
risk-low = Low
risk-medium = Medium
risk-high = High
risk-label = Risk: { $risk }
assigned-to = Assigned to { $worker }

## Identity
identity-title = Identity (restricted)
identity-help = The survivor's name, date of birth and contacts. They are never shown in lists or search, only on a case page when someone chooses to reveal them.
identity-reveal = Reveal identity
identity-hide = Hide
identity-hidden = Hidden. Revealing it is recorded in the audit log.
identity-none = No identity details were recorded.
identity-logged = This reveal was recorded in the audit log.

## Timeline and notes
timeline-title = Interviews and notes
timeline-empty = No interviews or notes yet.
note-new = New interview or note
note-edit = Edit the note
draft-autosave = Drafts are saved, encrypted, as you type.
draft-saved = Draft saved at { $time }
keep-draft = Keep as draft
note-kind-intake = Intake interview
note-kind-follow_up = Follow-up
note-kind-phone = Phone call
note-kind-court_accompaniment = Court accompaniment
note-kind-home_visit = Home visit
note-kind-hospital_visit = Hospital visit
note-kind-note = Note

## Needs
needs-title = Needs
need-add = Add a need
needs-empty = No needs recorded.
need-consent-first = A referral needs the survivor's consent to referral: record it under Consent first.
need-category-safety_protection = Safety and protection
need-category-accommodation = Accommodation
need-category-material_financial = Material and financial
need-category-medical_health = Medical and sexual/reproductive health
need-category-psychosocial_mental_health = Psychosocial and mental health
need-category-interpretation_information = Interpretation and information
need-category-legal = Legal
need-category-compensation = Compensation
need-category-identity_documents = Identity documents
need-category-repatriation_reintegration = Repatriation and reintegration
need-category-education_training = Education and vocational training
need-category-employment_livelihood = Employment and livelihood
need-category-child_family = Child and family
referral-identified = Identified
referral-referred = Referred
referral-provided_by_own_organisation = Provided by our organisation
referral-already_receiving = Already receiving
referral-not_applicable = Not applicable
referral-declined_by_survivor = Declined by the survivor
referral-service_unavailable = Service unavailable
referral-met = Met
referral-withdrawn = Withdrawn (consent withdrawn)
priority-low = Low
priority-medium = Medium
priority-high = High
priority-urgent = Urgent

## Consent
consent-title = Consent
consent-add = Record consent
consent-record = Record
consent-empty = No consent recorded.
consent-withdraw = Withdraw
consent-given = Given { $when }
consent-withdrawn = withdrawn { $when }
consent-scope-store_data = Storing their data
consent-scope-share_with_lead = Sharing with the case lead
consent-scope-referral = Referral to a service
consent-scope-photographs = Photographs

## Follow-ups
followups-title = Follow-ups
followup-title = What needs doing

## Attachments
attachments-title = Attachments
attachment-add = Add a file
attachments-empty = No files attached.
attachment-choosing = Choose a file…
attachment-progress = Adding: { $done } of { $total }
attachment-no-preview = This kind of file cannot be shown here. It stays safely in the vault.

## Fields
field-code = Case code
field-identity = Identity
field-status = Status
field-risk = Risk
field-nationality = Nationality
field-languages = Languages
field-worker = Worker
field-assigned_worker = Assigned worker
field-updated = Last change
field-name = Name
field-date_of_birth = Date of birth
field-contacts = Contacts
field-kind = Kind
field-when = When
field-place = Place
field-present = Present
field-interpreter = Interpreter
field-tags = Tags
field-narrative = Narrative
field-draft = Draft
field-category = Category
field-description = Description
field-priority = Priority
field-referral_target = Referred to
field-due = Due
field-consent = Consent
field-scope = Agreed to
field-service = Service
field-given_at = Given
field-withdrawn_at = Withdrawn
field-note = Note
field-title = Title
field-assigned_to = Assigned to
field-done = Done
field-file_name = File name
field-media_type = Type
field-size = Size
field-blake3 = Checksum

## History
history-title = History
history-count = { $count ->
    [one] one version
   *[other] { $count } versions
}
history-created = Created
history-changed = Changed
history-deleted = Deleted
history-this-device = on this device
history-revoked = from a revoked laptop
history-revoked-help = A laptop that wrote versions of this record has been revoked. Its versions that were here before the revocation stay, marked “from a revoked laptop”; nothing it writes later is accepted.
history-identity-changed = The identity section changed (not shown here).
kind-case = Case
kind-note = Note
kind-need = Need
kind-consent = Consent
kind-follow_up = Follow-up
kind-attachment = Attachment
kind-erasure = Erasure

## Search
search-title = Search
search-label = Search every record
search-placeholder = Words to find, e.g. passport
search-submit = Search
search-count = { $count ->
    [one] one result
   *[other] { $count } results
}

## Audit
audit-title = Audit log
audit-intro = Every unlock, failed unlock, change, identity reveal and file opening is recorded here in a tamper-evident chain.
audit-intact = { $count ->
    [one] The log is intact: 1 entry checked.
   *[other] The log is intact: { $count } entries checked.
}
audit-broken = The log is broken at entry { $seq }: an entry was changed, removed or reordered.
audit-when = When
audit-event = Event
audit-subject = Subject
event-vault_created = Vault created
event-unlocked = Unlocked
event-unlock_failed = Failed unlock
event-locked = Locked
event-record_created = Record created
event-record_updated = Record changed
event-record_deleted = Record deleted
event-attachment_read = File opened
event-identity_revealed = Identity revealed
event-passphrase_changed = Passphrase changed
event-recovered = Recovered with the organisation's key
event-backup_written = Backup written
event-restored = Restored from a backup
event-device_trusted = Device trusted
event-device_revoked = Device revoked
event-bundle_exported = Bundle exported
event-bundle_imported = Bundle imported
event-identity_exported = Identity card exported
event-record_erased = Records erased
event-report_made = Case summary made
event-report_with_identity = Case summary made with identity
event-statistics_made = Statistics made
event-attachments_moved = Files moved out of the database into sealed files
event-exported_without_consent = Cases sent to the lead without consent to share (reason given)
event-photograph_without_consent = Photograph attached without photograph consent (reason given)
event-retention_set = Retention period changed

## Settings
settings-title = Settings
settings-language = Language
settings-autolock = Lock automatically after this many idle minutes
settings-autolock-help = Between 1 and 60 minutes. Ctrl+Shift+L locks at once.
settings-saved = Settings saved.
settings-about-title = About Fieldnotes
settings-about-version = Version { $version }, built from commit { $commit }.

## Errors (by code)
error-wrong_passphrase = The passphrase is wrong. Check the keyboard layout and Caps Lock, then try again.
error-weak_passphrase = That passphrase is too easy to guess. Use four or more unrelated words, or a longer sentence.
error-passphrase_mismatch = The two passphrases do not match. Type the same passphrase twice.
error-vault_exists = A vault already exists in this folder. Unlock it instead.
error-no_vault = There is no vault in this folder yet.
error-missing_database = The vault's database file is missing. Restore the vault from a backup.
error-corrupt_envelope = The vault's key file is damaged. Restore the vault from a backup, or recover it with the organisation's recovery key.
error-foreign_envelope = The key file belongs to a different vault than the database beside it. Restore the vault from a backup.
error-excessive_work_factor = The key file asks for an unreasonably slow unlock, so it was not tried. Restore it from a backup.
error-corrupt_database = The vault's database is damaged. Restore the vault from a backup.
error-unsupported_version = This vault was made by a newer version of Fieldnotes. Update Fieldnotes to open it.
error-recovery_not_configured = This vault has no organisation recovery key.
error-wrong_recovery_key = That recovery key does not open this vault.
error-invalid_key = That is not a recovery key: it should start with age1.
error-not_found = That record no longer exists.
error-unknown_case = There is no case with that code.
error-case_code_taken = A case with this code already exists. Choose another code.
error-empty = Fill in the required text first.
error-unknown_value = One of the values is not allowed.
error-invalid_date = That date is not in a form the app understands. Write it as 2026-12-31, 31.12.2026 or 31/12/2026.
error-future_date = That date is in the future. Check the year.
error-case_rule = Some of the case's fields do not fit together (for example a closure reason without a closure date). Check them and try again.
error-conflict = This record has conflicting edits from different devices. Resolve the conflict before editing it.
error-deleted = This record was deleted and cannot be changed.
error-consent_required = A referral needs the survivor's recorded consent to referral. Record it under Consent, then try again.
error-share_consent_missing = None of these cases has the survivor's consent to share with the case lead, so nothing was sent. Record that consent on the case, or send without it and give the reason.
error-photograph_consent_missing = This file is a photograph, and the survivor has not given consent to photographs (or withdrew it). Record that consent under Consent, or attach it anyway and give the reason.
error-attachment_corrupt = This file's stored content is damaged. Restore the vault from a backup.
error-erased = This record was erased: its content is gone for good and it cannot be read or changed.
error-attachments_not_moved = This vault's files are still inside its database, as an earlier version kept them. Lock and unlock the vault: they move into sealed files first.
error-attachment_missing = This file's sealed content is missing from the vault folder. Restore the vault from a backup.
error-bad_signature = A stored version fails its signature check; the vault may have been tampered with. Restore from a backup and report it.
error-audit_broken = The audit log is broken: an entry was changed, removed or reordered.
error-busy = The vault is busy. Try again in a moment.
error-disk_full = The disk is full. Free some space, then try again; nothing was saved.
error-io = A file could not be read or written.
error-report_layout = The report could not be laid out. This is a fault in Fieldnotes, not in the records: please report it.
error-not_a_report = This file is not a signed Fieldnotes report, or its signature was cut off. Ask the sender for the file exactly as Fieldnotes wrote it.
error-report_tampered = This report was changed after it was signed, so what it says cannot be relied on. Ask the sender for the file exactly as Fieldnotes wrote it.
error-report_untrusted = This report is intact, but it was signed by a laptop this vault does not trust. Check that laptop's identity card with its owner and trust it, then verify again.
error-database = The vault's database reported an error.
error-encrypt = Encryption failed.
error-locked = The vault is locked. Unlock it to continue.
error-invalid = Something sent to the vault was not valid.
error-attachment_too_large = This file is too large to show in the app; it stays safely in the vault.
error-backup_corrupt = This backup is damaged or incomplete and cannot be used. Use another backup.
error-backup_foreign = This backup belongs to a different vault.
error-backup_incomplete = Some attachment files this backup needs are missing or damaged on the drive, so it cannot be restored; nothing was changed. Keep the backup folder whole, or use another backup.
error-invalid_card = That file is not a Fieldnotes identity card. Ask your colleague to save their card again and send it.
error-card_too_large = That file is far too large to be an identity card. Choose the card file your colleague sent.
error-own_card = That is this laptop's own card. Add your colleague's card instead.
error-card_key_changed = This device is already known with different keys. Do not trust the new card until you have checked with its owner in person.
error-no_recipients = Choose at least one recipient.
error-unknown_device = That device is not in the list of trusted devices.
error-revoked_device = That device was revoked. Nothing can be sent to it.
error-nothing_to_export = Nothing has changed since the last bundle to these recipients.
error-bundle_corrupt = The bundle is damaged or incomplete. Ask the sender to export it again; nothing was imported.
error-bundle_tampered = This bundle was changed or damaged after it was signed. Ask the sender for a new one; nothing was imported.
error-revoked_author = This bundle carries edits by a revoked laptop that this laptop did not hold when it was revoked. Nothing was imported; ask the sender to leave that laptop's records out.
error-clock_ahead = This bundle carries edits dated more than a day ahead of this laptop's clock. Check the date and time on this laptop and on the sender's, then import again; nothing was imported.
error-not_a_recipient = This bundle was not made for this laptop. Ask the sender to export it to this laptop; nothing was imported.
error-untrusted_sender = The bundle comes from a device that is not trusted here. Add the sender's card first, after comparing the fingerprint; nothing was imported.
error-untrusted_author = The bundle holds records written by a device that is not trusted here. Add that device's card first; nothing was imported.
error-revoked_sender = The bundle was signed by a revoked device after its revocation. Nothing was imported.
error-already_imported = This bundle was imported before; nothing changed.
error-replayed_sequence = This bundle reuses a number the sender already used for another bundle. It may be forged; nothing was imported.
error-no_conflict = This record has no conflict any more.
error-text_merge_unsupported = Only notes can be merged by hand. Keep one of the versions instead.
error-not_a_conflicting_version = That version is not one of the conflicting ones. Reload the list.
error-conflict_changed = Another version of this record arrived since the list was shown. The list is up to date now: look at the versions again, then choose.
error-bundle_read_back = The bundle did not read back as it was written, so nothing was marked as sent. Save it to another drive or folder and try again.
error-wrong_kind = That record is not of the kind expected here. Go back to the list and open it again.
error-no_folder = That folder or drive is not there any more. Plug the drive in, or choose another folder.
error-unknown = Something went wrong.

## Reports
reports-title = Reports
reports-intro = Anonymised statistics for funders and national bodies, and a check of a case summary someone gave you.
