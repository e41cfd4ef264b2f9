# Fieldnotes — interview forms (English). Every message here must also be in ro-forms.ftl.

## Errors
error-invalid_form = A form file in the vault's forms folder is not valid. Fix it or take it out of the folder; the other forms still work.
error-unknown_form = That form is not available on this laptop. Choose one of the forms listed, or add the organisation's form file to the vault's forms folder.
error-invalid_answer = One of the answers does not fit its question. Correct it and try again.
error-nothing_proposed = This note's answers propose nothing to confirm.
