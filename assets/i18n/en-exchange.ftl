# Fieldnotes — English messages for Exchange and Conflicts (Fluent).
# Every message here must also be in ro-exchange.ftl.

## Exchange
exchange-title = Exchange records
exchange-intro = Share records with colleagues' laptops without any server: each bundle is encrypted for the laptops you choose and signed by this one.

## This laptop's identity card
card-title = This laptop's identity card
card-intro = Your colleague adds this card to their laptop so that it can receive bundles from you and send bundles to you. The card holds no records and no secrets.
card-fingerprint = Fingerprint of this laptop
card-compare = When your colleague adds this card, read this fingerprint out to them, in person or over the phone, and let them compare it with what their screen shows. Every digit must match.
card-device-name = Name of this laptop
card-device-name-help = Your colleagues see this name, for example “Maria – Iași office”.
card-name-saved = Name saved.
card-save = Save the card to a file
card-copy = Copy the card
card-saved = Card saved to { $path }. Give this file to your colleague, for example on a USB stick or by email.
card-copied = Card copied. Paste it into a message or a file for your colleague.
card-copy-failed = The card could not be copied here. Use “Save the card to a file” instead.

## Trusted devices
roster-title = Trusted devices
roster-intro = Only the laptops listed here as trusted can send you records, and only they can be chosen when you send.
roster-add = Add a colleague's card from a file
roster-unnamed = Unnamed laptop
roster-empty = No colleague's laptop has been added yet. To start exchanging records:
roster-empty-step-1 = Save this laptop's card to a file (or copy it) and give it to your colleague.
roster-empty-step-2 = Ask your colleague to do the same with their card, and to add yours on their laptop after comparing the fingerprint with you.
roster-empty-step-3 = Add their card here with “Add a colleague's card from a file”, after comparing their fingerprint in the same way.
roster-preview-title = Card of { $name }
roster-preview-compare = Before you trust this card, ask your colleague to read out the fingerprint from their own screen, in person or over the phone. Compare it with the one below, digit by digit.
roster-preview-fingerprint = Fingerprint of this card
roster-preview-mismatch = If even one digit is different, do not trust the card: it may not come from your colleague. Ask them to save and send it again.
roster-trust-name = Name to show for this laptop
roster-trust-confirm = The fingerprints match — trust this device
roster-trust-cancel = They do not match — cancel
roster-trusted = { $name } is now trusted. You can send records to it and receive records from it.
roster-revoked = { $name } was revoked. Bundles it signs from now on will be refused.
roster-status-trusted = Trusted
roster-status-untrusted = Not trusted
roster-status-revoked = Revoked on { $date }
roster-status-revoked-by = Revoked by { $by } on { $date }
roster-revoke = Revoke
roster-revoke-label = Revoke “{ $name }”
roster-revoke-question = Revoke { $name }?
roster-revoke-explain = Do this if the laptop was lost, stolen or handed on. Bundles it signs from now on will be refused, and nothing more can be sent to it. What it sent before stays in your records, marked as coming from a revoked device. This cannot be undone.
roster-revoke-confirm = Yes, revoke this device

## Sending records
export-title = Send records
export-intro = The bundle is encrypted so that only the laptops you choose can open it, so it can be carried on a USB stick or sent by email.
export-no-recipients = To send records, first add a colleague's card under “Trusted devices”.
export-to = Send to
export-scope = What to send
export-scope-since = Everything new since the last bundle to them
export-scope-cases = Chosen cases
export-cases = Cases to send
export-no-cases = There are no cases yet.
export-run = Save the bundle…
export-hint-to = Choose at least one colleague to send to.
export-hint-cases = Choose at least one case.
export-working = Preparing the bundle…
export-progress = Encrypting files: { $done } of { $total }
export-result = Bundle saved: { $versions ->
        [one] 1 version
       *[other] { $versions } versions
    }, { $attachments ->
        [one] 1 attachment
       *[other] { $attachments } attachments
    }, { $size }, to { $file }

## Receiving records
import-title = Receive records
import-intro = Open a bundle a colleague sent you. It is checked before anything is added: it must come from a trusted device and be made for this laptop. Nothing already here is overwritten; if a record was changed on both laptops, both versions are kept for you to choose.
import-run = Open a bundle…
import-working = Checking the bundle…
import-progress = Decrypting files: { $done } of { $total }
import-from = Received from { $name }
import-already = This bundle from { $name } was already received. Nothing changed.
import-new-cases = New cases
import-new-notes = New notes and interviews
import-new-needs = New needs
import-new-other = Other new records (consents, follow-ups, files)
import-edits = Changes to records
import-conflicts = Conflicting changes
import-erased = Records erased here by an erasure in the bundle
import-refused-erased = Copies of erased records refused
import-conflicts-explain = { $count ->
        [one] One record was changed both here and on the sender's laptop. Both versions are kept; choose which one to keep.
       *[other] { $count } records were changed both here and on the sender's laptop. Both versions are kept; choose which ones to keep.
    }
import-see-conflicts = See the conflicts
import-nothing-changed = Nothing in your records was changed.
import-revoked = This bundle carried a colleague's signed revocation of { $name }: nothing more from that laptop is accepted here, whoever sends it.

## Conflicts
conflicts-title = Conflicts
conflicts-intro = Sometimes the same record is changed on two laptops before they exchange bundles. Nothing has been lost: every version is kept here. Look at them side by side and choose the one to keep; for a note, you can also combine the texts by hand.
conflicts-empty = There are no conflicts. Every record agrees across the laptops you exchange with.
conflicts-count = { $count ->
        [one] One record needs a decision.
       *[other] { $count } records need a decision.
    }
conflicts-case = case { $code }
conflicts-versions = { $count ->
        [one] 1 version
       *[other] { $count } versions
    }
conflicts-version-by = Version { $n }: { $author }
conflicts-this-laptop = this laptop
conflicts-device = laptop { $id }
conflicts-deleted = Deleted on this version.
conflicts-differs = differs
conflicts-identity-hidden = Restricted: not shown here.
conflicts-keep = Keep this version
conflicts-keep-deleted = Keep this version (the record stays deleted)
conflicts-merge-title = Merge the text by hand
conflicts-merge-help = The texts of all versions are below, one after another. Edit them into one text, then save. The other details (date, place, people present…) are taken from the most recent version.
conflicts-merge-label = Merged text
conflicts-merge-save = Save the merged text
conflicts-saving = Saving…
conflicts-resolved-kept = Conflict resolved ({ $kind }, case { $code }): the version you chose is kept. The other versions stay in the record's history.
conflicts-resolved-merged = Conflict resolved ({ $kind }, case { $code }): the merged text is saved. The earlier versions stay in the record's history.
conflicts-see-history = See its history
