## Date fields: written day first, as in British English, on the 24-hour clock
date-format = dd/mm/yyyy
datetime-format = dd/mm/yyyy hh:mm
date-hint = Written as { $format }
date-invalid = Write the date as dd/mm/yyyy, for example 31/12/2026.
datetime-invalid = Write the date as dd/mm/yyyy, with the time after it if you like, on the 24-hour clock: for example 31/12/2026 14:30.
date-no-such-day = There is no such day in the calendar: check the day and the month.
