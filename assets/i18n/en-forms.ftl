# Fieldnotes — interview forms (English). Every message here must also be in ro-forms.ftl.

## Errors
error-invalid_form = A form file in the vault's forms folder is not valid. Fix it or take it out of the folder; the other forms still work.
error-unknown_form = That form is not available on this laptop. Choose one of the forms listed, or add the organisation's form file to the vault's forms folder.
error-invalid_answer = One of the answers does not fit its question. Correct it and try again.
error-nothing_proposed = This note's answers propose nothing to confirm.

## The note editor
form-follow = Follow a form
form-none = No form
form-lang = Questions asked in
form-required = Required
form-answer-required = This question needs an answer before the note is saved.
form-not-installed = This note follows a form that is not installed on this laptop. Its answers are kept as they are.
field-narrative-optional = Narrative (optional for a note that follows a form)

## Answers on the case page
form-answers-title = { $form } — asked in { $lang }
form-answers-raw = Form { $form } (not installed here: questions shown by their ids)

## Proposals after a saved assessment
proposals-title = What the answers propose
proposals-intro = Nothing is created until you confirm. Tick what applies.
proposals-needs = Proposed needs
proposals-risk = Proposed risk level
proposals-because = because { $reasons }
proposals-need-open = The case already has an open need of this kind.
proposals-risk-now = now { $level }
proposals-confirm = Confirm the chosen ones
proposals-skip = Not now
