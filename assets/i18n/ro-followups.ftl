# Fieldnotes — sarcinile de urmărire: modificare, atribuire, finalizare și cele scadente săptămâna aceasta; și ce spun listele goale în alte locuri (română). Fiecare mesaj de aici trebuie să fie și în en-followups.ftl.

## Sarcinile unui caz
followups-empty = Încă nu există sarcini de urmărire. Adăugați-o pe prima mai jos.
followups-open-count = { $count ->
    [one] 1 sarcină deschisă
    [few] { $count } sarcini deschise
   *[other] { $count } de sarcini deschise
}
followup-done-label = Făcută: { $title }
followup-edit-label = Modificați sarcina: { $title }
followup-edit-heading = Modificați sarcina
followup-assignee = Atribuită lui
followup-assignee-none = Nimănui
followup-assignee-kept = { $name } (cum a fost scris înainte)
followup-assigned = Atribuită lui { $name }
followup-complete = Marcați ca făcută
followup-reopen = Redeschideți

## Scadente săptămâna aceasta (privirea de ansamblu)
due-week-title = Scadente săptămâna aceasta
due-week-help = { $count ->
    [0] Sarcinile deschise cu termen până duminică și cele cu termenul depășit.
    [one] O sarcină deschisă cu termen până duminică sau depășit.
    [few] { $count } sarcini deschise cu termen până duminică sau depășit.
   *[other] { $count } de sarcini deschise cu termen până duminică sau depășit.
}
due-week-empty = Nimic nu este scadent săptămâna aceasta.
due-week-overdue = Termen depășit
due-week-due = Termen: { $date }

## Erori
error-unknown_assignee = Persoana nu este în lista de dispozitive de încredere sau dispozitivul ei a fost revocat. Alegeți pe cineva din listă.

## Liste goale în alte locuri
cases-none-match = Niciun caz nu corespunde acestor filtre. Renunțați la un filtru ca să vedeți mai multe.
search-empty = Nu s-a găsit nimic. Încercați mai puține cuvinte sau altă scriere.
