# Fieldnotes — copii de siguranță, restaurare și setările lor (română). Fiecare mesaj de aici trebuie să fie și în en-backup.ftl.

## Backing up
backup-title = Copii de siguranță
backup-intro = O copie de siguranță este o copie criptată a întregului seif: fără fraza de acces pe care o avea seiful când a fost făcută, fișierul nu dezvăluie nimic. Copiile de siguranță sunt și singurul loc unde se mai găsesc înregistrările șterse, până când copiile mai vechi sunt eliminate pentru a face loc.
backup-keep-note = { $keep ->
    [one] Pe fiecare unitate se păstrează doar cea mai nouă copie.
    [few] Pe fiecare unitate se păstrează cele mai noi { $keep } copii.
   *[other] Pe fiecare unitate se păstrează cele mai noi { $keep } de copii.
}
backup-now-title = Faceți o copie de siguranță acum
backup-where = Unde se salvează copia
backup-no-drives = Nu s-a găsit niciun stick USB. Conectați unul și reîmprospătați lista sau alegeți un dosar.
backup-chosen-folder = dosar ales
backup-drive-space = { $free } libere din { $total }
backup-folder-pick = Alege un dosar…
backup-drives-refresh = Reîmprospătează lista unităților
backup-target = Copia va fi salvată în:
backup-no-target = Alegeți mai întâi o unitate sau un dosar.
backup-run = Creează copia acum
backup-running = Se creează copia…
backup-phase-starting = Se pregătește…
backup-phase-writing = Se scrie copia de siguranță…
backup-phase-verifying = Se verifică ce s-a scris…
backup-phase-restoring = Se lucrează…
backup-progress-label = Progresul copiei de siguranță
backup-progress-bytes = { $done } din { $total }
backup-done = Copia de siguranță a fost scrisă și verificată: a fost citită integral înapoi și totul este în regulă.
backup-file = Fișier
backup-size = Mărime
backup-contents = Conținut
backup-contents-counts = { $records ->
    [0] nicio înregistrare
    [one] o înregistrare
    [few] { $records } înregistrări
   *[other] { $records } de înregistrări
}, { $attachments ->
    [0] niciun fișier atașat
    [one] un fișier atașat
    [few] { $attachments } fișiere atașate
   *[other] { $attachments } de fișiere atașate
}
backup-removed = { $count ->
    [0] Nu a fost eliminată nicio copie mai veche.
    [one] A fost eliminată o copie mai veche.
    [few] Au fost eliminate { $count } copii mai vechi.
   *[other] Au fost eliminate { $count } de copii mai vechi.
}
backup-error-safe = Copiile de siguranță anterioare de pe unitate nu au fost atinse.

## Backups on a drive
backup-list-title = Copii de siguranță pe această unitate
backup-list-refresh = Verifică din nou
backup-list-no-target = Alegeți mai sus o unitate sau un dosar pentru a vedea copiile de pe el.
backup-list-in = În { $folder }
backup-list-checking = Se verifică fiecare copie, citind-o integral…
backup-list-empty = Aici nu există încă nicio copie de siguranță.
backup-verified = Verificată
backup-other-vault = Alt seif
backup-not-verified = Neverificată
backup-problem-generic = Această copie de siguranță nu a putut fi verificată. Folosiți altă copie.
backup-problem-other = Această copie de siguranță aparține altui seif, așa că nu a fost verificată.
backup-holds-erased = Conține încă înregistrări șterse definitiv după ce a fost făcută: scoateți-o.
backup-erased-title = Copii de siguranță care mai conțin înregistrări șterse definitiv
backup-erased-intro = { $count ->
    [one] O copie de siguranță de aici mai conține înregistrări șterse definitiv pe acest laptop după ce a fost făcută.
    [few] { $count } copii de siguranță de aici mai conțin înregistrări șterse definitiv pe acest laptop după ce au fost făcute.
   *[other] { $count } de copii de siguranță de aici mai conțin înregistrări șterse definitiv pe acest laptop după ce au fost făcute.
} Eliminați-le, ca înregistrările șterse să dispară și de pe unitate. Dacă nu ar mai rămâne nicio altă copie, se face mai întâi una nouă.
backup-erased-run = Eliminați copiile care conțin înregistrări șterse
backup-erased-running = Se elimină…
backup-erased-fresh = Mai întâi s-a făcut și verificat o copie nouă: { $file }.
backup-erased-removed = { $count ->
    [one] A fost eliminată o copie care conținea înregistrări șterse.
    [few] Au fost eliminate { $count } copii care conțineau înregistrări șterse.
   *[other] Au fost eliminate { $count } de copii care conțineau înregistrări șterse.
}
backup-erased-files = { $count ->
    [one] A fost eliminat și un fișier atașat de care nu mai are nevoie nicio copie rămasă.
    [few] Au fost eliminate și { $count } fișiere atașate de care nu mai are nevoie nicio copie rămasă.
   *[other] Au fost eliminate și { $count } de fișiere atașate de care nu mai are nevoie nicio copie rămasă.
}
backup-erased-none = Nicio copie de aici nu mai conține înregistrări șterse.

## Restoring
restore-title = Restaurare pe acest laptop
restore-intro = Folosiți această opțiune dacă seiful de pe acest laptop este deteriorat sau pentru a reveni la starea dintr-o copie de siguranță mai veche.
restore-warning-title = Citiți înainte de restaurare:
restore-warning-replace = Seiful deschis acum va fi înlocuit cu conținutul copiei de siguranță.
restore-warning-kept = Nu va fi șters: va fi pus deoparte într-un dosar pe acest laptop, afișat după restaurare.
restore-warning-lost = Tot ce s-a înregistrat sau primit după ce a fost făcută copia nu va fi în seiful restaurat. Dacă ați putea avea nevoie de aceste date, faceți mai întâi o copie de siguranță.
restore-erased-return = O copie de siguranță mai veche poate aduce înapoi înregistrări șterse definitiv după ce a fost făcută. Ele sunt șterse din nou când ștergerile sosesc iar în pachete de la alte laptopuri.
restore-understand = Am înțeles: seiful deschis acum va fi înlocuit cu această copie.
restore-file-legend = Copia de siguranță de restaurat
restore-pick = Alege fișierul copiei…
restore-no-file = Încă nu ați ales niciun fișier.
restore-passphrase = Fraza de acces pe care o avea seiful când a fost făcută copia
restore-passphrase-help = Dacă între timp fraza de acces a fost schimbată, folosiți-o pe cea veche.
restore-run = Restaurează
restore-run-replace = Înlocuiește acest seif cu copia
restore-busy = Se restaurează…
restore-phase-starting = Se pregătește…
restore-phase-writing = Se scrie seiful…
restore-phase-verifying = Se verifică copia de siguranță…
restore-phase-restoring = Se restaurează seiful…
restore-progress-label = Progresul restaurării
restore-progress-bytes = { $done } din { $total }
restore-error-unchanged = Seiful de pe acest laptop nu a fost modificat.
restore-error-nothing = Nu s-a scris nimic pe acest laptop.
restore-locked-after = Seiful a fost blocat pentru restaurare; nu s-a schimbat nimic în el. Încercați din nou sau deblocați-l pentru a continua lucrul.
restore-unlock = Deblochează seiful
restore-done = Copia de siguranță a fost restaurată, iar seiful este deschis.
restore-done-contents = Conține înregistrările așa cum erau pe { $date }: { $counts }.
restore-done-kept = Seiful înlocuit a fost păstrat, nu șters, în acest dosar:
restore-to-overview = Mergi la prezentarea generală
restore-first-title = Restaurare dintr-o copie de siguranță
restore-first-intro = Pe un laptop nou, puteți aduce înapoi un seif dintr-o copie de siguranță de pe un stick USB. Veți avea nevoie de fraza de acces pe care o avea seiful când a fost făcută copia.
restore-instead = Restaurează în schimb dintr-o copie de siguranță
restore-create-instead = Creează în schimb un seif nou, gol

## Settings
settings-backup-reminder = Reamintire pentru copia de siguranță după atâtea zile
settings-backup-reminder-help = Între 1 și 30 de zile. Prezentarea generală afișează o reamintire când ultima copie este mai veche de atât.
settings-backup-keep = Câte copii de siguranță se păstrează pe fiecare unitate
settings-backup-keep-help = Între 1 și 100. După fiecare copie, copiile mai vechi ale acestui seif care depășesc acest număr sunt șterse de pe unitate.
settings-quiet-days = După câte zile fără contact apare un caz la „fără contact recent”
settings-quiet-days-help = Între 7 și 365 de zile, socotite de la ultimul interviu sau ultima notă dintr-un caz deschis sau în monitorizare.
