## Privacy in public places: the quick exit and a neutral window title
# The window's title instead of "Fieldnotes" (also on the quick-exit page).
window-title-neutral = Documents
# What assistive technology calls the blank page of the quick exit.
neutral-page-label = Untitled document
settings-neutral-title = Call the window “Documents” instead of “Fieldnotes”
settings-neutral-title-help = For working in public places: the title bar does not show the app's name.
settings-quick-exit-title = Quick exit:
settings-quick-exit-help = press Escape twice quickly. A blank page covers everything at once and the vault locks. Press Escape twice again to come back to the unlock screen.
