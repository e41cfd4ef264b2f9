## Acordul care condiționează: trimitere, fotografii, retragere, păstrare
export-consent = Acord de partajare
export-consent-intro = Cazurile fără acordul persoanei pentru partajarea cu coordonatorul rămân pe acest laptop și sunt numite după salvare. Pleacă după ce acordul este înregistrat la caz.
export-override = Trimite și cazurile fără acest acord
export-override-reason = De ce trebuie trimise acum (păstrat în jurnalul de audit)
export-hint-reason = Scrieți de ce cazurile fără acord trebuie trimise acum.
export-left-out = Lăsate deoparte, fără acord de partajare cu coordonatorul: { $cases }. Pleacă într-un pachet ulterior, după ce acordul este înregistrat.
export-sent-without-consent = Trimise fără acord de partajare, cu motivul dvs. în jurnalul de audit: { $cases }.
attach-photo-title = Aceasta este o fotografie
attach-photo-intro = Persoana nu și-a dat acordul pentru fotografii (sau l-a retras). Înregistrați acordul la Acord sau atașați fotografia oricum și spuneți de ce; motivul este păstrat în jurnalul de audit.
attach-photo-reason = De ce trebuie atașată fără acord
attach-photo-anyway = Alegeți din nou fotografia și atașați-o
withdraw-title = Retrageți acest acord?
withdraw-intro = Persoana își retrage acordul pentru: { $scope }. Retragerea se înregistrează acum și nu poate fi anulată; acordul poate fi înregistrat din nou mai târziu.
withdraw-referrals = Trimiteri făcute pe baza lui
withdraw-bundles = Pachete de pe acest laptop care au dus cazul de când a fost dat
withdraw-bundle = { $when } către { $to }
withdraw-unitemised = { $count ->
        [one] 1 pachet anterior trimis de atunci nu a înregistrat ce cazuri a dus; este posibil să fi dus și acest caz.
        [few] { $count } pachete anterioare trimise de atunci nu au înregistrat ce cazuri au dus; este posibil să fi dus și acest caz.
       *[other] { $count } de pachete anterioare trimise de atunci nu au înregistrat ce cazuri au dus; este posibil să fi dus și acest caz.
    }
withdraw-photographs = Fotografiile cazului
withdraw-nothing = Nimic înregistrat pe acest laptop nu depinde de acest acord.
withdraw-copies = Copiile deja trimise rămân pe celelalte laptopuri până sunt șterse acolo; acest laptop nu poate ști ce au transmis mai departe.
withdraw-confirm = Retrage acordul
withdraw-mark = Marchează trimiterea ca retrasă
withdraw-marked = Trimitere marcată ca retrasă.
withdraw-done = Acord retras.
settings-retention = Păstrează cazurile închise atâtea luni
settings-retention-help = Se numără din ziua închiderii cazului. Lăsați gol pentru nicio perioadă. Cazurile păstrate mai mult apar în privirea de ansamblu; nimic nu se șterge automat. Setarea este păstrată în seif.
settings-retention-save = Salvează perioada
settings-retention-invalid = Scrieți un număr de luni între 1 și 600 sau lăsați gol.
settings-retention-saved = Perioada de păstrare a fost salvată.
dashboard-retention-title = Păstrate peste perioada de păstrare
dashboard-retention-intro = Cazuri închise păstrate mai mult de { $months ->
        [one] o lună
        [few] { $months } luni
       *[other] { $months } de luni
    }. Hotărâți împreună cu responsabilul cu protecția datelor ce faceți; nimic nu se șterge automat.
dashboard-retention-item = închis { $closed }, perioada s-a încheiat { $due }
