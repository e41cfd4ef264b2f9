# Fieldnotes — documents (PDF) shown inside the app (English). Every message here must also be in ro-documents.ftl.

pdf-loading = Opening the document…
pdf-error = This PDF could not be shown: it may be damaged. It stays safely in the vault.
pdf-password = This PDF is protected with a password, so it cannot be shown here. It stays safely in the vault.
pdf-pages = { $count ->
    [one] 1 page
   *[other] { $count } pages
}
pdf-page = Page { $page } of { $count }
pdf-document = Document { $name }: use the arrow keys, Page Up and Page Down to scroll
pdf-zoom-in = Zoom in
pdf-zoom-out = Zoom out
