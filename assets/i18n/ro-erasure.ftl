## Ștergere definitivă: o înregistrare, un atașament sau un caz întreg
erase = Șterge definitiv
erase-case = Șterge definitiv cazul
erase-title = Ștergeți definitiv?
erase-counting = Se numără ce s-ar șterge…
erase-what-case = Tot ce este înregistrat la cazul { $code } va dispărea: { $records ->
        [one] o înregistrare
        [few] { $records } înregistrări
       *[other] { $records } de înregistrări
    } (cazul cu secțiunea de identitate, notele, nevoile, acordurile, sarcinile și atașamentele).
erase-what-record = { $records ->
        [one] Această înregistrare va dispărea
        [few] Aceste { $records } înregistrări vor dispărea
       *[other] Aceste { $records } de înregistrări vor dispărea
    }: textul și toate câmpurile.
erase-versions = { $versions ->
        [one] O versiune salvată își pierde
        [few] { $versions } versiuni salvate își pierd
       *[other] { $versions } de versiuni salvate își pierd
    } conținutul. Istoricul și jurnalul de audit păstrează doar faptul că ceva a fost șters, când, de cine și de ce.
erase-files = { $files ->
        [one] Un fișier atașat ({ $size }) va fi șters
        [few] { $files } fișiere atașate ({ $size }) vor fi șterse
       *[other] { $files } de fișiere atașate ({ $size }) vor fi șterse
    } de pe acest laptop.
erase-copies = Copiile rămân pe celelalte laptopuri cărora le-a fost trimis până când importă un pachet de pe acest laptop care duce această ștergere: trimiteți-le unul după aceea.
erase-backups = Copiile de siguranță făcute înainte de acum îl păstrează până când sunt scoase din rotație (vedeți Copii de siguranță).
erase-final = Acțiunea nu poate fi anulată: nimeni, pe niciun laptop, nu îl va mai putea citi.
erase-reason = De ce se șterge?
erase-reason-choose = Alegeți un motiv
erasure-reason-consent_withdrawn = Persoana și-a retras acordul
erasure-reason-erasure_request = Persoana a cerut ștergerea
erasure-reason-retention_ended = Perioada de păstrare s-a încheiat
erasure-reason-entered_in_error = Introdus din greșeală
erase-type = Scrieți { $word } pentru a confirma
erase-confirm = Șterge definitiv
history-erased = Șters definitiv
