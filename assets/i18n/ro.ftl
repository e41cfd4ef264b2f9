# Fieldnotes — mesaje în română (Fluent). Fiecare mesaj de aici trebuie să fie și în en.ftl.

## General
loading = Se încarcă…
save = Salvează
cancel = Renunță
close = Închide
add = Adaugă
edit = Modifică
any = Oricare
history = Istoric
show-more = Arată mai multe
comma-separated = separate prin virgulă
conflict = Modificări în conflict
yes = Da
no = Nu
draft = Ciornă
back-to-case = Înapoi la caz
language-en = English
language-ro = Română

## Navigation and locking
nav-label = Principal
nav-dashboard = Prezentare generală
nav-exchange = Schimb
nav-conflicts = Conflicte
nav-reports = Rapoarte
nav-backup = Copii de siguranță
nav-cases = Cazuri
nav-search = Căutare
nav-audit = Jurnal de audit
nav-settings = Setări
nav-group-share = Schimb și siguranță
nav-group-admin = Administrare
skip-to-content = Salt la conținut
lock = Blochează
lock-shortcut = Blochează acum (Ctrl+Shift+L)

## Creating the vault
create-title = Creați seiful
create-intro = Tot ce înregistrați este criptat pe acest laptop cu o cheie pe care doar fraza de acces o deschide. Alegeți o frază pe care o puteți ține minte și pe care nimeni n-ar putea-o ghici: patru sau mai multe cuvinte fără legătură între ele sunt o alegere bună.
passphrase = Fraza de acces
passphrase-again = Aceeași frază de acces încă o dată
create-submit = Creează seiful
create-busy = Se creează… durează câteva secunde
create-forget = Dacă fraza de acces este uitată, doar cheia de recuperare a organizației poate deschide seiful.
recovery-title = Cheia de recuperare a organizației (opțional)
recovery-help = Dacă organizația v-a dat o cheie de recuperare (începe cu age1), lipiți-o aici. Cu ea, organizația poate redeschide seiful dacă fraza de acces se pierde; nu poate fi folosită la nimic altceva.
recovery-label = Cheia publică de recuperare
strength-label = Puterea frazei de acces
strength-hint = Scrieți o frază de acces pentru a vedea cât de puternică este.
strength-0 = Foarte slabă.
strength-1 = Slabă.
strength-2 = Acceptabilă.
strength-3 = Puternică.
strength-4 = Foarte puternică.
strength-ok = Suficient de bună pentru un seif.
strength-weak = Prea ușor de ghicit: adăugați mai multe cuvinte fără legătură între ele.

## Unlocking
unlock-title = Fieldnotes este blocat
unlock-idle = Seiful s-a blocat singur după o perioadă de inactivitate.
unlock-locked = Seiful este blocat.
unlock-submit = Deblochează
unlock-busy = Se deblochează…

## Cases
cases-title = Cazuri
case-new = Caz nou
case-edit = Modificați cazul
cases-filter-text = Găsiți un caz (cod, cetățenie, lucrător)
cases-open-needs = Nevoi deschise
cases-open-needs-only = Doar cu nevoi deschise
cases-empty = Încă nu există cazuri. Adăugați primul cu „Caz nou”.
cases-count = { $total ->
    [one] { $shown } din 1 caz
    [few] { $shown } din { $total } cazuri
   *[other] { $shown } din { $total } de cazuri
}
cases-count-all = { $total ->
    [one] 1 caz
    [few] { $total } cazuri
   *[other] { $total } de cazuri
}
case-status-open = Deschis
case-status-monitoring = Monitorizare
case-status-closed = Închis
risk-low = Scăzut
risk-medium = Mediu
risk-high = Ridicat
risk-label = Risc: { $risk }
assigned-to = Atribuit lui { $worker }

## Identity
identity-title = Identitate (restricționat)
identity-help = Numele, data nașterii și datele de contact ale supraviețuitoarei sau supraviețuitorului. Nu apar niciodată în liste sau în căutare, ci doar pe pagina cazului, când cineva alege să le dezvăluie.
identity-reveal = Dezvăluie identitatea
identity-hide = Ascunde
identity-hidden = Ascunsă. Dezvăluirea se înregistrează în jurnalul de audit.
identity-none = Nu s-au înregistrat date de identitate.
identity-logged = Această dezvăluire a fost înregistrată în jurnalul de audit.

## Timeline and notes
timeline-title = Interviuri și note
timeline-empty = Încă nu există interviuri sau note.
note-new = Interviu sau notă nouă
note-edit = Modificați nota
draft-autosave = Ciornele se salvează, criptate, pe măsură ce scrieți.
draft-saved = Ciornă salvată la { $time }
keep-draft = Păstrează ca ciornă
note-kind-intake = Interviu inițial
note-kind-follow_up = Urmărire
note-kind-phone = Convorbire telefonică
note-kind-court_accompaniment = Însoțire la instanță
note-kind-home_visit = Vizită la domiciliu
note-kind-hospital_visit = Vizită la spital
note-kind-note = Notă

## Needs
needs-title = Nevoi
need-add = Adaugă o nevoie
needs-empty = Nu s-au înregistrat nevoi.
need-consent-first = O trimitere are nevoie de acordul pentru trimitere al persoanei: înregistrați-l mai întâi la Acord.
need-category-safety_protection = Siguranță și protecție
need-category-accommodation = Cazare
need-category-material_financial = Sprijin material și financiar
need-category-medical_health = Sănătate, inclusiv sexuală și reproductivă
need-category-psychosocial_mental_health = Sprijin psihosocial și sănătate mintală
need-category-interpretation_information = Interpretare și informare
need-category-legal = Juridic
need-category-compensation = Despăgubiri
need-category-identity_documents = Acte de identitate
need-category-repatriation_reintegration = Repatriere și reintegrare
need-category-education_training = Educație și formare profesională
need-category-employment_livelihood = Loc de muncă și mijloace de trai
need-category-child_family = Copil și familie
referral-identified = Identificată
referral-referred = Trimisă
referral-provided_by_own_organisation = Asigurată de organizația noastră
referral-already_receiving = Beneficiază deja
referral-not_applicable = Nu se aplică
referral-declined_by_survivor = Refuzată de persoană
referral-service_unavailable = Serviciu indisponibil
referral-met = Satisfăcută
referral-withdrawn = Retrasă (acord retras)
priority-low = Scăzută
priority-medium = Medie
priority-high = Ridicată
priority-urgent = Urgentă

## Consent
consent-title = Acord
consent-add = Înregistrează un acord
consent-record = Înregistrează
consent-empty = Niciun acord înregistrat.
consent-withdraw = Retrage
consent-given = Dat { $when }
consent-withdrawn = retras { $when }
consent-scope-store_data = Păstrarea datelor
consent-scope-share_with_lead = Partajarea cu coordonatorul cazului
consent-scope-referral = Trimiterea către un serviciu
consent-scope-photographs = Fotografii

## Follow-ups
followups-title = Sarcini de urmărire
followup-title = Ce trebuie făcut

## Attachments
attachments-title = Fișiere atașate
attachment-add = Adaugă un fișier
attachments-empty = Niciun fișier atașat.
attachment-choosing = Alegeți un fișier…
attachment-progress = Se adaugă: { $done } din { $total }
attachment-no-preview = Acest tip de fișier nu poate fi afișat aici. Rămâne în siguranță în seif.

## Fields
field-code = Codul cazului
field-identity = Identitate
field-status = Stare
field-risk = Risc
field-nationality = Cetățenie
field-languages = Limbi
field-worker = Lucrător
field-assigned_worker = Lucrător atribuit
field-updated = Ultima modificare
field-name = Nume
field-date_of_birth = Data nașterii
field-contacts = Date de contact
field-kind = Tip
field-when = Când
field-place = Loc
field-present = Prezenți
field-interpreter = Interpret
field-tags = Etichete
field-narrative = Relatare
field-draft = Ciornă
field-category = Categorie
field-description = Descriere
field-priority = Prioritate
field-referral_target = Trimisă către
field-due = Termen
field-consent = Acord
field-scope = A fost de acord cu
field-service = Serviciu
field-given_at = Dat la
field-withdrawn_at = Retras la
field-note = Notă
field-title = Titlu
field-assigned_to = Atribuită lui
field-done = Făcută
field-file_name = Numele fișierului
field-media_type = Tip
field-size = Mărime
field-blake3 = Sumă de control

## History
history-title = Istoric
history-count = { $count ->
    [one] o versiune
    [few] { $count } versiuni
   *[other] { $count } de versiuni
}
history-created = Creată
history-changed = Modificată
history-deleted = Ștearsă
history-this-device = pe acest dispozitiv
history-revoked = de la un laptop revocat
history-revoked-help = Un laptop care a scris versiuni ale acestei înregistrări a fost revocat. Versiunile sale aflate aici înainte de revocare rămân, marcate „de la un laptop revocat”; nimic din ce scrie de acum înainte nu mai este acceptat.
history-identity-changed = Secțiunea de identitate s-a modificat (nu se afișează aici).
kind-case = Caz
kind-note = Notă
kind-need = Nevoie
kind-consent = Acord
kind-follow_up = Sarcină de urmărire
kind-attachment = Fișier atașat
kind-erasure = Ștergere definitivă

## Search
search-title = Căutare
search-label = Căutați în toate înregistrările
search-placeholder = Cuvinte de găsit, de ex. pașaport
search-submit = Caută
search-count = { $count ->
    [one] un rezultat
    [few] { $count } rezultate
   *[other] { $count } de rezultate
}

## Audit
audit-title = Jurnal de audit
audit-intro = Fiecare deblocare, deblocare eșuată, modificare, dezvăluire a identității și deschidere de fișier este înregistrată aici, într-un lanț care arată orice falsificare.
audit-intact = { $count ->
    [one] Jurnalul este intact: 1 intrare verificată.
    [few] Jurnalul este intact: { $count } intrări verificate.
   *[other] Jurnalul este intact: { $count } de intrări verificate.
}
audit-broken = Jurnalul este rupt la intrarea { $seq }: o intrare a fost modificată, ștearsă sau mutată.
audit-when = Când
audit-event = Eveniment
audit-subject = Subiect
event-vault_created = Seif creat
event-unlocked = Deblocat
event-unlock_failed = Deblocare eșuată
event-locked = Blocat
event-record_created = Înregistrare creată
event-record_updated = Înregistrare modificată
event-record_deleted = Înregistrare ștearsă
event-attachment_read = Fișier deschis
event-identity_revealed = Identitate dezvăluită
event-passphrase_changed = Fraza de acces schimbată
event-recovered = Recuperat cu cheia organizației
event-backup_written = Copie de siguranță scrisă
event-restored = Restaurat dintr-o copie de siguranță
event-device_trusted = Dispozitiv de încredere adăugat
event-device_revoked = Dispozitiv revocat
event-bundle_exported = Pachet exportat
event-bundle_imported = Pachet importat
event-identity_exported = Carte de identitate exportată
event-record_erased = Înregistrări șterse definitiv
event-report_made = Rezumat de caz generat
event-report_with_identity = Rezumat de caz generat cu identitatea
event-statistics_made = Statistici generate
event-attachments_moved = Fișiere mutate din baza de date în fișiere sigilate
event-exported_without_consent = Cazuri trimise coordonatorului fără acord de partajare (cu motiv)
event-photograph_without_consent = Fotografie atașată fără acord pentru fotografii (cu motiv)
event-retention_set = Perioada de păstrare modificată

## Settings
settings-title = Setări
settings-language = Limba
settings-autolock = Blochează automat după atâtea minute de inactivitate
settings-autolock-help = Între 1 și 60 de minute. Ctrl+Shift+L blochează imediat.
settings-saved = Setările au fost salvate.
settings-about-title = Despre Fieldnotes
settings-about-version = Versiunea { $version }, construită din commitul { $commit }.

## Errors (by code)
error-wrong_passphrase = Fraza de acces este greșită. Verificați aranjamentul tastaturii și tasta Caps Lock, apoi încercați din nou.
error-weak_passphrase = Fraza de acces este prea ușor de ghicit. Folosiți patru sau mai multe cuvinte fără legătură între ele, sau o propoziție mai lungă.
error-passphrase_mismatch = Cele două fraze de acces nu se potrivesc. Scrieți aceeași frază de două ori.
error-vault_exists = În acest dosar există deja un seif. Deblocați-l.
error-no_vault = În acest dosar nu există încă un seif.
error-missing_database = Lipsește fișierul bazei de date a seifului. Restaurați seiful dintr-o copie de siguranță.
error-corrupt_envelope = Fișierul cheii seifului este deteriorat. Restaurați seiful dintr-o copie de siguranță sau recuperați-l cu cheia de recuperare a organizației.
error-foreign_envelope = Fișierul cheii aparține altui seif decât baza de date de lângă el. Restaurați seiful dintr-o copie de siguranță.
error-excessive_work_factor = Fișierul cheii cere o deblocare nerezonabil de lentă, așa că nu a fost încercat. Restaurați-l dintr-o copie de siguranță.
error-corrupt_database = Baza de date a seifului este deteriorată. Restaurați seiful dintr-o copie de siguranță.
error-unsupported_version = Acest seif a fost creat de o versiune mai nouă de Fieldnotes. Actualizați Fieldnotes pentru a-l deschide.
error-recovery_not_configured = Acest seif nu are o cheie de recuperare a organizației.
error-wrong_recovery_key = Această cheie de recuperare nu deschide seiful.
error-invalid_key = Aceasta nu este o cheie de recuperare: ar trebui să înceapă cu age1.
error-not_found = Această înregistrare nu mai există.
error-unknown_case = Nu există un caz cu acest cod.
error-case_code_taken = Există deja un caz cu acest cod. Alegeți alt cod.
error-empty = Completați mai întâi textul obligatoriu.
error-unknown_value = Una dintre valori nu este permisă.
error-invalid_date = Data nu este scrisă într-o formă pe care aplicația o înțelege. Scrieți-o ca 2026-12-31, 31.12.2026 sau 31/12/2026.
error-future_date = Data este în viitor. Verificați anul.
error-case_rule = Unele câmpuri ale cazului nu se potrivesc între ele (de exemplu, un motiv de închidere fără data închiderii). Verificați-le și încercați din nou.
error-conflict = Această înregistrare are modificări în conflict de pe dispozitive diferite. Rezolvați conflictul înainte de a o modifica.
error-deleted = Această înregistrare a fost ștearsă și nu mai poate fi modificată.
error-consent_required = O trimitere are nevoie de acordul înregistrat al persoanei pentru trimitere. Înregistrați-l la Acord, apoi încercați din nou.
error-share_consent_missing = Niciunul dintre aceste cazuri nu are acordul persoanei pentru partajarea cu coordonatorul, deci nu s-a trimis nimic. Înregistrați acest acord la caz sau trimiteți fără el și scrieți motivul.
error-photograph_consent_missing = Acest fișier este o fotografie, iar persoana nu și-a dat acordul pentru fotografii (sau l-a retras). Înregistrați acordul la Acord sau atașați-o oricum și scrieți motivul.
error-attachment_corrupt = Conținutul salvat al acestui fișier este deteriorat. Restaurați seiful dintr-o copie de siguranță.
error-erased = Această înregistrare a fost ștearsă definitiv: conținutul ei nu mai există și nu mai poate fi citită sau modificată.
error-attachments_not_moved = Fișierele acestui seif sunt încă în baza sa de date, cum le păstra o versiune anterioară. Blocați și deblocați seiful: mai întâi sunt mutate în fișiere sigilate.
error-attachment_missing = Conținutul sigilat al acestui fișier lipsește din dosarul seifului. Restaurați seiful dintr-o copie de siguranță.
error-bad_signature = O versiune salvată nu trece verificarea semnăturii; este posibil ca seiful să fi fost modificat. Restaurați dintr-o copie de siguranță și raportați.
error-audit_broken = Jurnalul de audit este rupt: o intrare a fost modificată, ștearsă sau mutată.
error-busy = Seiful este ocupat. Încercați din nou peste câteva momente.
error-disk_full = Discul este plin. Eliberați spațiu, apoi încercați din nou; nu s-a salvat nimic.
error-io = Un fișier nu a putut fi citit sau scris.
error-report_layout = Raportul nu a putut fi paginat. Este o eroare a aplicației Fieldnotes, nu a înregistrărilor: vă rugăm să o raportați.
error-not_a_report = Acest fișier nu este un raport Fieldnotes semnat sau semnătura lui a fost tăiată. Cereți expeditorului fișierul exact cum l-a scris Fieldnotes.
error-report_tampered = Acest raport a fost modificat după ce a fost semnat, deci conținutul lui nu este de încredere. Cereți expeditorului fișierul exact cum l-a scris Fieldnotes.
error-report_untrusted = Acest raport este intact, dar a fost semnat de un laptop în care acest seif nu are încredere. Verificați cardul de identitate al laptopului cu proprietarul lui, acordați-i încredere, apoi verificați din nou.
error-database = Baza de date a seifului a raportat o eroare.
error-encrypt = Criptarea a eșuat.
error-locked = Seiful este blocat. Deblocați-l pentru a continua.
error-invalid = Ceva trimis către seif nu era valid.
error-attachment_too_large = Acest fișier este prea mare pentru a fi afișat în aplicație; rămâne în siguranță în seif.
error-backup_corrupt = Această copie de siguranță este deteriorată sau incompletă și nu poate fi folosită. Folosiți altă copie.
error-backup_foreign = Această copie de siguranță aparține altui seif.
error-backup_incomplete = Unele fișiere atașate de care are nevoie această copie de siguranță lipsesc sau sunt deteriorate pe disc, deci nu poate fi restaurată; nu s-a schimbat nimic. Păstrați dosarul copiei întreg sau folosiți altă copie.
error-invalid_card = Fișierul nu este o carte de identitate Fieldnotes. Rugați-l pe colegul dumneavoastră să își salveze din nou cartea și să o trimită.
error-card_too_large = Fișierul este mult prea mare pentru a fi o carte de identitate. Alegeți fișierul cu cartea trimis de colegul dumneavoastră.
error-own_card = Aceasta este chiar cartea acestui laptop. Adăugați cartea colegului.
error-card_key_changed = Acest dispozitiv este deja cunoscut cu alte chei. Nu aveți încredere în noua carte până nu verificați personal cu proprietarul ei.
error-no_recipients = Alegeți cel puțin un destinatar.
error-unknown_device = Acest dispozitiv nu este în lista dispozitivelor de încredere.
error-revoked_device = Acest dispozitiv a fost revocat. Nu i se mai poate trimite nimic.
error-nothing_to_export = Nimic nu s-a schimbat de la ultimul pachet către acești destinatari.
error-bundle_corrupt = Pachetul este deteriorat sau incomplet. Rugați expeditorul să îl exporte din nou; nu s-a importat nimic.
error-bundle_tampered = Pachetul a fost modificat sau deteriorat după ce a fost semnat. Cereți expeditorului unul nou; nu s-a importat nimic.
error-revoked_author = Pachetul conține modificări ale unui laptop revocat pe care acest laptop nu le avea când l-a revocat. Nu s-a importat nimic; cereți expeditorului să lase deoparte înregistrările acelui laptop.
error-clock_ahead = Pachetul conține modificări datate cu mai mult de o zi înaintea ceasului acestui laptop. Verificați data și ora pe acest laptop și pe cel al expeditorului, apoi importați din nou; nu s-a importat nimic.
error-not_a_recipient = Acest pachet nu a fost făcut pentru acest laptop. Rugați expeditorul să îl exporte către acest laptop; nu s-a importat nimic.
error-untrusted_sender = Pachetul vine de la un dispozitiv care nu este de încredere aici. Adăugați mai întâi cartea expeditorului, după ce comparați amprenta; nu s-a importat nimic.
error-untrusted_author = Pachetul conține înregistrări scrise de un dispozitiv care nu este de încredere aici. Adăugați mai întâi cartea acelui dispozitiv; nu s-a importat nimic.
error-revoked_sender = Pachetul a fost semnat de un dispozitiv revocat, după revocare. Nu s-a importat nimic.
error-already_imported = Acest pachet a fost deja importat; nimic nu s-a schimbat.
error-replayed_sequence = Acest pachet refolosește un număr pe care expeditorul l-a folosit deja pentru alt pachet. Poate fi falsificat; nu s-a importat nimic.
error-no_conflict = Această înregistrare nu mai are niciun conflict.
error-text_merge_unsupported = Doar notițele pot fi combinate manual. Păstrați în schimb una dintre versiuni.
error-not_a_conflicting_version = Această versiune nu este una dintre cele în conflict. Reîncărcați lista.
error-conflict_changed = Între timp a sosit o altă versiune a acestei înregistrări. Lista este acum actualizată: priviți din nou versiunile, apoi alegeți.
error-bundle_read_back = Pachetul nu a putut fi citit înapoi exact cum a fost scris, așa că nimic nu a fost marcat ca trimis. Salvați-l pe altă unitate sau în alt dosar și încercați din nou.
error-wrong_kind = Înregistrarea nu este de tipul așteptat aici. Întoarceți-vă la listă și deschideți-o din nou.
error-no_folder = Dosarul sau unitatea nu mai este acolo. Conectați unitatea sau alegeți alt dosar.
error-unknown = Ceva nu a mers bine.

## Reports
reports-title = Rapoarte
reports-intro = Statistici anonimizate pentru finanțatori și instituțiile naționale și verificarea unui rezumat de caz primit de la altcineva.
