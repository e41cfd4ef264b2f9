## Erasure: a record, an attachment or a whole case, gone for good
erase = Erase
erase-case = Erase the case
erase-title = Erase for good?
erase-counting = Counting what would be erased…
erase-what-case = Everything recorded on case { $code } will be gone: { $records ->
        [one] 1 record
       *[other] { $records } records
    } (the case with its identity section, notes, needs, consent, follow-ups and attachments).
erase-what-record = { $records ->
        [one] This record
       *[other] These { $records } records
    } will be gone: the text and every field.
erase-versions = { $versions ->
        [one] 1 saved version loses its content
       *[other] { $versions } saved versions lose their content
    }. The history and the audit log keep only that something was erased, when, by whom and why.
erase-files = { $files ->
        [one] 1 attached file
       *[other] { $files } attached files
    } ({ $size }) will be deleted from this laptop.
erase-copies = Copies remain on other laptops this was sent to until they import a bundle from this laptop that carries this erasure: send them one afterwards.
erase-backups = Backups made before now still hold it until they are rotated out (see Backup).
erase-final = This cannot be undone: nobody, on any laptop, will be able to read it again.
erase-reason = Why is it erased?
erase-reason-choose = Choose a reason
erasure-reason-consent_withdrawn = The survivor withdrew consent
erasure-reason-erasure_request = The survivor asked for erasure
erasure-reason-retention_ended = The retention period ended
erasure-reason-entered_in_error = Entered in error
erase-type = Type { $word } to confirm
erase-confirm = Erase for good
history-erased = Erased
