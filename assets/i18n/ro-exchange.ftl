# Fieldnotes — mesajele în română pentru Schimb și Conflicte (Fluent).
# Fiecare mesaj de aici trebuie să existe și în en-exchange.ftl.

## Exchange
exchange-title = Schimb de înregistrări
exchange-intro = Trimiteți și primiți înregistrări de la laptopurile colegilor, fără niciun server: fiecare pachet este criptat pentru laptopurile pe care le alegeți și semnat de acest laptop.

## This laptop's identity card
card-title = Cartea de identitate a acestui laptop
card-intro = Colegul dumneavoastră adaugă această carte pe laptopul său, ca să puteți face schimb de pachete. Cartea nu conține nicio înregistrare și niciun secret.
card-fingerprint = Amprenta acestui laptop
card-compare = Când colegul adaugă această carte, citiți-i amprenta cu voce tare, față în față sau la telefon, și rugați-l să o compare cu ce apare pe ecranul lui. Fiecare cifră trebuie să fie la fel.
card-device-name = Numele acestui laptop
card-device-name-help = Colegii dumneavoastră văd acest nume, de exemplu „Maria – biroul Iași”.
card-name-saved = Numele a fost salvat.
card-save = Salvează cartea într-un fișier
card-copy = Copiază cartea
card-saved = Cartea a fost salvată în { $path }. Dați acest fișier colegului, de exemplu pe un stick USB sau prin e-mail.
card-copied = Cartea a fost copiată. Lipiți-o într-un mesaj sau într-un fișier pentru colegul dumneavoastră.
card-copy-failed = Cartea nu a putut fi copiată aici. Folosiți în schimb „Salvează cartea într-un fișier”.

## Trusted devices
roster-title = Dispozitive de încredere
roster-intro = Doar laptopurile trecute aici ca fiind de încredere vă pot trimite înregistrări și doar pe ele le puteți alege când trimiteți.
roster-add = Adaugă cartea unui coleg dintr-un fișier
roster-unnamed = Laptop fără nume
roster-empty = Încă nu ați adăugat laptopul niciunui coleg. Ca să începeți schimbul de înregistrări:
roster-empty-step-1 = Salvați cartea acestui laptop într-un fișier (sau copiați-o) și dați-o colegului.
roster-empty-step-2 = Rugați-l pe coleg să facă la fel cu cartea lui și să o adauge pe a dumneavoastră pe laptopul său, după ce comparați împreună amprenta.
roster-empty-step-3 = Adăugați cartea lui aici, cu „Adaugă cartea unui coleg dintr-un fișier”, după ce îi comparați amprenta în același fel.
roster-preview-title = Cartea dispozitivului „{ $name }”
roster-preview-compare = Înainte să aveți încredere în această carte, rugați-l pe coleg să vă citească amprenta de pe propriul ecran, față în față sau la telefon. Comparați-o cifră cu cifră cu cea de mai jos.
roster-preview-fingerprint = Amprenta acestei cărți
roster-preview-mismatch = Dacă diferă fie și o singură cifră, nu acceptați cartea: s-ar putea să nu vină de la colegul dumneavoastră. Rugați-l să o salveze și să o trimită din nou.
roster-trust-name = Numele afișat pentru acest laptop
roster-trust-confirm = Amprentele se potrivesc — acordă încredere acestui dispozitiv
roster-trust-cancel = Nu se potrivesc — renunță
roster-trusted = Laptopul „{ $name }” este acum de încredere. Îi puteți trimite înregistrări și puteți primi înregistrări de la el.
roster-revoked = Laptopul „{ $name }” a fost revocat. Pachetele pe care le semnează de acum înainte vor fi refuzate.
roster-status-trusted = De încredere
roster-status-untrusted = Nu este de încredere
roster-status-revoked = Revocat la { $date }
roster-status-revoked-by = Revocat de { $by } la { $date }
roster-revoke = Revocă
roster-revoke-label = Revocă laptopul „{ $name }”
roster-revoke-question = Revocați laptopul „{ $name }”?
roster-revoke-explain = Faceți acest lucru dacă laptopul a fost pierdut, furat sau dat altcuiva. Pachetele pe care le semnează de acum înainte vor fi refuzate și nu i se mai poate trimite nimic. Ce a trimis până acum rămâne în înregistrările dumneavoastră, marcat ca venind de la un dispozitiv revocat. Revocarea nu poate fi anulată.
roster-revoke-confirm = Da, revocă acest dispozitiv

## Sending records
export-title = Trimiteți înregistrări
export-intro = Pachetul este criptat astfel încât doar laptopurile pe care le alegeți îl pot deschide, deci poate fi dus pe un stick USB sau trimis prin e-mail.
export-no-recipients = Ca să trimiteți înregistrări, adăugați mai întâi cartea unui coleg la „Dispozitive de încredere”.
export-to = Trimite către
export-scope = Ce se trimite
export-scope-since = Tot ce e nou de la ultimul pachet trimis acestor colegi
export-scope-cases = Cazurile alese
export-cases = Cazurile de trimis
export-no-cases = Încă nu există cazuri.
export-run = Salvează pachetul…
export-hint-to = Alegeți cel puțin un coleg căruia să îi trimiteți.
export-hint-cases = Alegeți cel puțin un caz.
export-working = Se pregătește pachetul…
export-progress = Se criptează fișierele: { $done } din { $total }
export-result = Pachet salvat: { $versions ->
        [one] 1 versiune
        [few] { $versions } versiuni
       *[other] { $versions } de versiuni
    }, { $attachments ->
        [one] 1 fișier atașat
        [few] { $attachments } fișiere atașate
       *[other] { $attachments } de fișiere atașate
    }, { $size }, în { $file }

## Receiving records
import-title = Primiți înregistrări
import-intro = Deschideți un pachet trimis de un coleg. Pachetul este verificat înainte să se adauge ceva: trebuie să vină de la un dispozitiv de încredere și să fie făcut pentru acest laptop. Nimic din ce există deja nu este suprascris; dacă o înregistrare a fost modificată pe ambele laptopuri, se păstrează ambele versiuni, ca să alegeți dumneavoastră.
import-run = Deschide un pachet…
import-working = Se verifică pachetul…
import-progress = Se decriptează fișierele: { $done } din { $total }
import-from = Pachet primit de la { $name }
import-already = Acest pachet de la { $name } a fost deja primit. Nu s-a schimbat nimic.
import-new-cases = Cazuri noi
import-new-notes = Note și interviuri noi
import-new-needs = Nevoi noi
import-new-other = Alte înregistrări noi (acorduri, sarcini de urmărire, fișiere)
import-edits = Modificări ale înregistrărilor
import-conflicts = Modificări în conflict
import-erased = Înregistrări șterse definitiv aici de o ștergere din pachet
import-refused-erased = Copii ale unor înregistrări șterse definitiv, refuzate
import-conflicts-explain = { $count ->
        [one] O înregistrare a fost modificată atât aici, cât și pe laptopul expeditorului. Ambele versiuni sunt păstrate; alegeți pe care o păstrați.
        [few] { $count } înregistrări au fost modificate atât aici, cât și pe laptopul expeditorului. Ambele versiuni sunt păstrate; alegeți pe care le păstrați.
       *[other] { $count } de înregistrări au fost modificate atât aici, cât și pe laptopul expeditorului. Ambele versiuni sunt păstrate; alegeți pe care le păstrați.
    }
import-see-conflicts = Vedeți conflictele
import-nothing-changed = Nu s-a schimbat nimic în înregistrările dumneavoastră.
import-revoked = Pachetul conținea revocarea semnată de un coleg a dispozitivului { $name }: de acum nu se mai acceptă nimic de pe acel laptop, oricine l-ar trimite.

## Conflicts
conflicts-title = Conflicte
conflicts-intro = Uneori aceeași înregistrare este modificată pe două laptopuri înainte ca ele să facă schimb de pachete. Nu s-a pierdut nimic: toate versiunile sunt păstrate aici. Priviți-le una lângă alta și alegeți-o pe cea pe care o păstrați; la o notă puteți și să combinați manual textele.
conflicts-empty = Nu există conflicte. Toate înregistrările sunt la fel pe laptopurile cu care faceți schimb.
conflicts-count = { $count ->
        [one] O înregistrare așteaptă o decizie.
        [few] { $count } înregistrări așteaptă o decizie.
       *[other] { $count } de înregistrări așteaptă o decizie.
    }
conflicts-case = cazul { $code }
conflicts-versions = { $count ->
        [one] 1 versiune
        [few] { $count } versiuni
       *[other] { $count } de versiuni
    }
conflicts-version-by = Versiunea { $n }: { $author }
conflicts-this-laptop = acest laptop
conflicts-device = laptopul { $id }
conflicts-deleted = În această versiune, înregistrarea a fost ștearsă.
conflicts-differs = diferă
conflicts-identity-hidden = Restricționat: nu se afișează aici.
conflicts-keep = Păstrează această versiune
conflicts-keep-deleted = Păstrează această versiune (înregistrarea rămâne ștearsă)
conflicts-merge-title = Combinați manual textul
conflicts-merge-help = Mai jos sunt textele tuturor versiunilor, unul după altul. Faceți din ele un singur text, apoi salvați. Celelalte detalii (data, locul, persoanele prezente…) se iau din versiunea cea mai recentă.
conflicts-merge-label = Textul combinat
conflicts-merge-save = Salvează textul combinat
conflicts-saving = Se salvează…
conflicts-resolved-kept = Conflict rezolvat ({ $kind }, cazul { $code }): versiunea aleasă de dumneavoastră a fost păstrată. Celelalte versiuni rămân în istoricul înregistrării.
conflicts-resolved-merged = Conflict rezolvat ({ $kind }, cazul { $code }): textul combinat a fost salvat. Versiunile anterioare rămân în istoricul înregistrării.
conflicts-see-history = Vedeți istoricul
