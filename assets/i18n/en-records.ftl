# Fieldnotes — changing a need or the identity section, and changing the passphrase (English). Every message here must also be in ro-records.ftl.

## Needs
need-edit-title = Edit the need
need-edit-label = Edit the need: { $need }
need-saved = Need saved.

## Identity
identity-edit = Edit identity
identity-edit-title = Edit the identity
identity-contacts-help = One contact per line (a phone number, an address, an e-mail). On a single line, commas separate contacts.
identity-saved = Identity saved and hidden again. To see it, reveal it: every reveal is recorded in the audit log.
identity-add = Add identity
identity-add-title = Add the identity
identity-add-help = The identity stays hidden until someone chooses to reveal it, and every reveal is recorded in the audit log.
identity-added = Identity added and hidden. To see it, reveal it: every reveal is recorded in the audit log.

## Passphrase
passphrase-change-title = Change the passphrase
passphrase-change-intro = Type the current passphrase, then a new one twice; from the next unlock on, only the new one opens the vault.
passphrase-change-backups = Backups made before the change still open only with the old passphrase.
passphrase-current = Current passphrase
passphrase-new = New passphrase
passphrase-change-submit = Change the passphrase
passphrase-changing = Changing the passphrase… this takes a few seconds
passphrase-changed = Passphrase changed. Use the new one from the next unlock.
