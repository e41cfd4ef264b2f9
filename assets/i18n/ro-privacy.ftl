## Confidențialitate în locuri publice: ieșirea rapidă și un titlu neutru al ferestrei
# Titlul ferestrei în loc de „Fieldnotes” (și pe pagina ieșirii rapide).
window-title-neutral = Documente
# Cum numesc tehnologiile de asistare pagina goală a ieșirii rapide.
neutral-page-label = Document fără titlu
settings-neutral-title = Numește fereastra „Documente” în loc de „Fieldnotes”
settings-neutral-title-help = Pentru lucrul în locuri publice: bara de titlu nu arată numele aplicației.
settings-quick-exit-title = Ieșire rapidă:
settings-quick-exit-help = apăsați rapid de două ori tasta Escape. O pagină goală acoperă imediat totul și seiful se blochează. Apăsați din nou de două ori Escape ca să reveniți la ecranul de deblocare.
