# Fieldnotes — modificarea unei nevoi sau a identității și schimbarea frazei de acces (română). Fiecare mesaj de aici trebuie să fie și în en-records.ftl.

## Needs
need-edit-title = Modificați nevoia
need-edit-label = Modifică nevoia: { $need }
need-saved = Nevoia a fost salvată.

## Identity
identity-edit = Modifică identitatea
identity-edit-title = Modificați identitatea
identity-contacts-help = Câte o dată de contact pe fiecare rând (un număr de telefon, o adresă, un e-mail). Pe un singur rând, datele de contact se despart prin virgulă.
identity-saved = Identitatea a fost salvată și ascunsă din nou. Pentru a o vedea, dezvăluiți-o: fiecare dezvăluire se înregistrează în jurnalul de audit.
identity-add = Adaugă identitatea
identity-add-title = Adăugați identitatea
identity-add-help = Identitatea rămâne ascunsă până când cineva alege să o dezvăluie, iar fiecare dezvăluire se înregistrează în jurnalul de audit.
identity-added = Identitatea a fost adăugată și este ascunsă. Pentru a o vedea, dezvăluiți-o: fiecare dezvăluire se înregistrează în jurnalul de audit.

## Passphrase
passphrase-change-title = Schimbați fraza de acces
passphrase-change-intro = Introduceți fraza de acces actuală, apoi de două ori pe cea nouă; de la următoarea deblocare, doar cea nouă deschide seiful.
passphrase-change-backups = Copiile de siguranță făcute înainte de schimbare se deschid în continuare doar cu vechea frază de acces.
passphrase-current = Fraza de acces actuală
passphrase-new = Fraza de acces nouă
passphrase-change-submit = Schimbă fraza de acces
passphrase-changing = Se schimbă fraza de acces… durează câteva secunde
passphrase-changed = Fraza de acces a fost schimbată. Folosiți-o pe cea nouă de la următoarea deblocare.
