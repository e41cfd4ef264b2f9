# Stocarea fișierelor atașate: mutarea, o singură dată, din baza de date a
# unui seif mai vechi, și verificarea seifului.

## Mutarea fișierelor din baza de date
moving-title = Mutăm fișierele din baza de date
moving-intro = Mutăm { $count ->
    [one] un fișier
    [few] { $count } fișiere
   *[other] { $count } de fișiere
} ({ $size }) din baza de date în fișiere sigilate.
moving-intro-unknown = Mutăm fișierele acestui seif din baza de date în fișiere sigilate.
moving-once = Se întâmplă o singură dată; dacă este întreruptă, mutarea continuă data viitoare.
moving-starting = Pregătim…
moving-busy = Mutăm fișierele…
moving-progress-label = Fișiere mutate
moving-progress-bytes = { $done } din { $total }
moving-done = { $count ->
    [0] Nu mai era nimic de mutat.
    [one] Gata: fișierul este acum într-un fișier sigilat, lângă baza de date.
    [few] Gata: cele { $count } fișiere sunt acum în fișiere sigilate, lângă baza de date.
   *[other] Gata: cele { $count } de fișiere sunt acum în fișiere sigilate, lângă baza de date.
}
moving-continue = Continuă
moving-retry = Încearcă din nou
moving-error-help = Nu s-a pierdut nimic: fișierele deja mutate rămân mutate, celelalte sunt încă în baza de date. Încercați din nou sau blocați seiful și deblocați-l mai târziu.

## Verificarea seifului
check-title = Verifică seiful
check-intro = Verifică semnătura fiecărei înregistrări și baza de date și deschide fiecare fișier atașat, ca să vadă că este întreg și corespunde înregistrării sale. Nu se schimbă nimic.
check-run = Verifică seiful
check-busy = Verificăm…
check-progress-label = Fișiere verificate
check-sound = Seiful este în stare bună.
check-problems = Seiful are probleme care cer restaurarea dintr-o copie de siguranță.
check-signatures = { $count ->
    [one] Singura versiune de înregistrare are o semnătură validă.
    [few] Toate cele { $count } versiuni de înregistrări au semnături valide.
   *[other] Toate cele { $count } de versiuni de înregistrări au semnături valide.
}
check-database-sound = Baza de date trece verificarea de integritate.
check-database-damaged = Baza de date nu trece verificarea de integritate. Restaurați seiful dintr-o copie de siguranță.
check-files-sound = { $count ->
    [0] Nu există fișiere atașate.
    [one] Singurul fișier atașat se deschide și corespunde înregistrării sale ({ $size }).
    [few] Toate cele { $count } fișiere atașate se deschid și corespund înregistrărilor lor ({ $size }).
   *[other] Toate cele { $count } de fișiere atașate se deschid și corespund înregistrărilor lor ({ $size }).
}
check-files-some-sound = { $count ->
    [0] Niciun fișier atașat nu se deschide cum trebuie.
    [one] Un fișier atașat se deschide și corespunde înregistrării sale.
    [few] { $count } fișiere atașate se deschid și corespund înregistrărilor lor.
   *[other] { $count } de fișiere atașate se deschid și corespund înregistrărilor lor.
}
check-files-damaged = { $count ->
    [one] Un fișier este deteriorat: conținutul lui nu mai corespunde celui sigilat. Restaurați seiful dintr-o copie de siguranță.
    [few] { $count } fișiere sunt deteriorate: conținutul lor nu mai corespunde celui sigilat. Restaurați seiful dintr-o copie de siguranță.
   *[other] { $count } de fișiere sunt deteriorate: conținutul lor nu mai corespunde celui sigilat. Restaurați seiful dintr-o copie de siguranță.
}
check-files-missing = { $count ->
    [one] Un fișier lipsește din dosarul seifului. Restaurați seiful dintr-o copie de siguranță.
    [few] { $count } fișiere lipsesc din dosarul seifului. Restaurați seiful dintr-o copie de siguranță.
   *[other] { $count } de fișiere lipsesc din dosarul seifului. Restaurați seiful dintr-o copie de siguranță.
}
check-files-orphans = { $count ->
    [one] Un fișier nu aparține niciunei înregistrări (rămas după o scriere întreruptă). Va fi șters la următoarea deblocare.
    [few] { $count } fișiere nu aparțin niciunei înregistrări (rămase după o scriere întreruptă). Vor fi șterse la următoarea deblocare.
   *[other] { $count } de fișiere nu aparțin niciunei înregistrări (rămase după o scriere întreruptă). Vor fi șterse la următoarea deblocare.
}
