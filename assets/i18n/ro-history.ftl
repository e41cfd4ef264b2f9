## History and audit: who did it, and what changed
history-by = de { $name }
history-finalised = Finalizată
history-saved-as-draft = Salvată ca ciornă
history-words-deleted = șters:
history-words-inserted = adăugat:
audit-who = Cine
audit-this-laptop = acest laptop
audit-erased-record = înregistrare ștearsă definitiv
audit-deleted-case = caz șters
