# Fieldnotes — formulare de interviu (română). Fiecare mesaj de aici trebuie să fie și în en-forms.ftl.

## Erori
error-invalid_form = Un fișier de formular din dosarul de formulare al seifului nu este valid. Corectați-l sau scoateți-l din dosar; celelalte formulare funcționează în continuare.
error-unknown_form = Acest formular nu este disponibil pe acest laptop. Alegeți unul dintre formularele din listă sau adăugați fișierul de formular al organizației în dosarul de formulare al seifului.
error-invalid_answer = Unul dintre răspunsuri nu se potrivește cu întrebarea sa. Corectați-l și încercați din nou.
error-nothing_proposed = Răspunsurile acestei note nu propun nimic de confirmat.
