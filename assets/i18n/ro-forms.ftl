# Fieldnotes — formulare de interviu (română). Fiecare mesaj de aici trebuie să fie și în en-forms.ftl.

## Erori
error-invalid_form = Un fișier de formular din dosarul de formulare al seifului nu este valid. Corectați-l sau scoateți-l din dosar; celelalte formulare funcționează în continuare.
error-unknown_form = Acest formular nu este disponibil pe acest laptop. Alegeți unul dintre formularele din listă sau adăugați fișierul de formular al organizației în dosarul de formulare al seifului.
error-invalid_answer = Unul dintre răspunsuri nu se potrivește cu întrebarea sa. Corectați-l și încercați din nou.
error-nothing_proposed = Răspunsurile acestei note nu propun nimic de confirmat.

## The note editor
form-follow = Urmează un formular
form-none = Fără formular
form-lang = Întrebări puse în
form-required = Obligatoriu
form-answer-required = Această întrebare are nevoie de un răspuns înainte ca nota să fie salvată.
form-not-installed = Această notă urmează un formular care nu este instalat pe acest laptop. Răspunsurile sale sunt păstrate așa cum sunt.
field-narrative-optional = Relatare (opțională pentru o notă care urmează un formular)

## Answers on the case page
form-answers-title = { $form } — întrebări puse în { $lang }
form-answers-raw = Formularul { $form } (neinstalat aici: întrebările apar după identificatorii lor)

## Proposals after a saved assessment
proposals-title = Ce propun răspunsurile
proposals-intro = Nimic nu este creat până nu confirmați. Bifați ce se aplică.
proposals-needs = Nevoi propuse
proposals-risk = Nivel de risc propus
proposals-because = deoarece { $reasons }
proposals-need-open = Cazul are deja o nevoie deschisă de acest tip.
proposals-risk-now = acum { $level }
proposals-confirm = Confirmați cele alese
proposals-skip = Nu acum
