# Fieldnotes — prezentarea de după deblocare (română). Fiecare mesaj de aici trebuie să fie și în en-dashboard.ftl.

## Page
dashboard-title = Prezentare generală
dashboard-refresh = Reîmprospătează
dashboard-never = Niciodată
dashboard-days-ago = { $count ->
    [0] astăzi
    [1] ieri
    [few] acum { $count } zile
   *[other] acum { $count } de zile
}
dashboard-this-laptop = Acest laptop
dashboard-other-device = Alt dispozitiv

## Reminders
dashboard-backup-due = Ultima copie de siguranță a acestui seif a fost făcută pe { $when }.
dashboard-backup-none = Pentru acest seif nu s-a făcut încă nicio copie de siguranță.
dashboard-backup-why = Dacă laptopul se pierde sau se strică, o copie de siguranță pe un stick USB este singura cale de a recupera înregistrările.
dashboard-backup-go = Creează o copie acum
dashboard-conflicts = { $count ->
    [one] O înregistrare are modificări în conflict de pe dispozitive diferite.
    [few] { $count } înregistrări au modificări în conflict de pe dispozitive diferite.
   *[other] { $count } de înregistrări au modificări în conflict de pe dispozitive diferite.
} Nu s-a suprascris nimic: alegeți ce păstrați.
dashboard-conflicts-go = Rezolvă conflictele

## Charts
dashboard-by-category = Nevoi deschise, pe categorii
dashboard-by-category-help = { $count ->
    [0] Nicio nevoie deschisă.
    [one] O nevoie deschisă în total.
    [few] { $count } nevoi deschise în total.
   *[other] { $count } de nevoi deschise în total.
}
dashboard-by-status = Nevoi, după stadiul trimiterii
dashboard-by-status-help = { $count ->
    [one] O nevoie înregistrată, deschisă sau nu.
    [few] { $count } nevoi înregistrate, deschise sau nu.
   *[other] { $count } de nevoi înregistrate, deschise sau nu.
}
dashboard-needs-empty = Încă nu s-a înregistrat nicio nevoie.
dashboard-of-total = din { $total }
dashboard-show-all = Arată toate categoriile ({ $count } fără nicio nevoie)
dashboard-hide-empty = Ascunde categoriile fără nevoi

## Overdue
dashboard-overdue = Sarcini de urmărire și nevoi cu termenul depășit
dashboard-overdue-empty = Nimic nu are termenul depășit.
dashboard-due = Termen: { $date }
dashboard-days-late = { $count ->
    [one] o zi de întârziere
    [few] { $count } zile de întârziere
   *[other] { $count } de zile de întârziere
}

## Dates that do not read
dashboard-unreadable = Date de corectat
dashboard-unreadable-help = Aceste date sunt scrise într-o formă pe care aplicația nu o poate citi, așa că nu sunt socotite ca date: un termen de aici nu apare în nicio listă de termene depășite, iar o notă de aici contează de la ziua în care a fost scrisă. Deschideți cazul și introduceți-le din nou.
dashboard-unreadable-item = { $field ->
    [due] Termen
   *[other] Data notei
}: „{ $value }”

## Cases without recent contact
dashboard-quiet = Cazuri fără contact recent
dashboard-quiet-help = Cazuri deschise sau în monitorizare fără niciun interviu și nicio notă în { $days ->
    [one] ultima zi
    [few] ultimele { $days } zile
   *[other] ultimele { $days } de zile
}. Numărul de zile se poate schimba din Setări.
dashboard-quiet-empty = Fiecare caz deschis a avut un interviu sau o notă în { $days ->
    [one] ultima zi
    [few] ultimele { $days } zile
   *[other] ultimele { $days } de zile
}.
dashboard-last-contact = Ultimul contact: { $when }
dashboard-no-contact = Niciun contact înregistrat

## Recent activity
dashboard-recent = Activitate recentă
dashboard-recent-empty = Încă nu s-a înregistrat nimic.
dashboard-by-who = { $who } · { $when }
dashboard-activity-created = { $kind ->
    [case] Caz nou
    [note] Notă nouă
    [need] Nevoie nouă
    [consent] Acord înregistrat
    [follow_up] Sarcină de urmărire nouă
    [attachment] Fișier atașat
   *[other] Înregistrare nouă
}
dashboard-activity-changed = { $kind ->
    [case] Caz modificat
    [note] Notă modificată
    [need] Nevoie modificată
    [consent] Acord modificat
    [follow_up] Sarcină de urmărire modificată
    [attachment] Fișier atașat modificat
   *[other] Înregistrare modificată
}
dashboard-activity-deleted = { $kind ->
    [case] Caz șters
    [note] Notă ștearsă
    [need] Nevoie ștearsă
    [consent] Acord șters
    [follow_up] Sarcină de urmărire ștearsă
    [attachment] Fișier atașat șters
   *[other] Înregistrare ștearsă
}

## Backups and exports
dashboard-copies = Copii de siguranță și exporturi
dashboard-last-backup = Ultima copie de siguranță
dashboard-last-export = Ultimul export
