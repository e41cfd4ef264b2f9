## History and audit: who did it, and what changed
history-by = by { $name }
history-finalised = Finalised
history-saved-as-draft = Saved as draft
history-words-deleted = deleted:
history-words-inserted = added:
audit-who = Who
audit-this-laptop = this laptop
audit-erased-record = erased record
audit-deleted-case = deleted case
