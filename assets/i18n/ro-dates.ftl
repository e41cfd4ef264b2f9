## Câmpurile de dată: ziua întâi, ca în română, cu ora de la 0 la 23
date-format = zz.ll.aaaa
datetime-format = zz.ll.aaaa hh:mm
date-hint = Scrisă ca { $format }
date-invalid = Scrieți data ca zz.ll.aaaa, de exemplu 31.12.2026.
datetime-invalid = Scrieți data ca zz.ll.aaaa, urmată dacă doriți de oră, de la 0 la 23: de exemplu 31.12.2026 14:30.
date-no-such-day = Ziua aceasta nu există în calendar: verificați ziua și luna.
