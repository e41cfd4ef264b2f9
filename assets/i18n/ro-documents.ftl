# Fieldnotes — documente (PDF) afișate în aplicație (română). Fiecare mesaj de aici trebuie să fie și în en-documents.ftl.

pdf-loading = Se deschide documentul…
pdf-error = Acest PDF nu a putut fi afișat: poate fi deteriorat. Rămâne în siguranță în seif.
pdf-password = Acest PDF este protejat cu o parolă, așa că nu poate fi afișat aici. Rămâne în siguranță în seif.
pdf-pages = { $count ->
    [one] o pagină
    [few] { $count } pagini
   *[other] { $count } de pagini
}
pdf-page = Pagina { $page } din { $count }
pdf-document = Documentul { $name }: derulați cu săgețile, Page Up și Page Down
pdf-zoom-in = Mărește
pdf-zoom-out = Micșorează
