# Fieldnotes — the overview after unlock (English). Every message here must also be in ro-dashboard.ftl.

## Page
dashboard-title = Overview
dashboard-refresh = Refresh
dashboard-never = Never
dashboard-days-ago = { $count ->
    [0] today
    [1] yesterday
   *[other] { $count } days ago
}
dashboard-this-laptop = This laptop
dashboard-other-device = Another device

## Reminders
dashboard-backup-due = The last backup of this vault was made on { $when }.
dashboard-backup-none = This vault has not been backed up yet.
dashboard-backup-why = If this laptop is lost or breaks, a backup on a USB drive is the only way to get the records back.
dashboard-backup-go = Back up now
dashboard-conflicts = { $count ->
    [one] One record has conflicting edits from different devices.
   *[other] { $count } records have conflicting edits from different devices.
} Nothing was overwritten: choose what to keep.
dashboard-conflicts-go = Resolve conflicts

## Charts
dashboard-by-category = Open needs by category
dashboard-by-category-help = { $count ->
    [0] No open needs.
    [one] One open need in all.
   *[other] { $count } open needs in all.
}
dashboard-by-status = Needs by referral status
dashboard-by-status-help = { $count ->
    [one] One need recorded, open or not.
   *[other] { $count } needs recorded, open or not.
}
dashboard-needs-empty = No needs recorded yet.
dashboard-of-total = of { $total }
dashboard-show-all = Show all categories ({ $count } without any needs)
dashboard-hide-empty = Hide categories without needs

## Overdue
dashboard-overdue = Overdue follow-ups and needs
dashboard-overdue-empty = Nothing is overdue.
dashboard-due = Due { $date }
dashboard-days-late = { $count ->
    [one] 1 day late
   *[other] { $count } days late
}

## Dates that do not read
dashboard-unreadable = Dates to correct
dashboard-unreadable-help = These dates were written in a form the app cannot read, so they are not counted as dates: a due date here is in no overdue list, and a note here counts from the day it was written. Open the case and enter them again.
dashboard-unreadable-item = { $field ->
    [due] Due date
   *[other] Time of the note
}: “{ $value }”

## Cases without recent contact
dashboard-quiet = Cases without recent contact
dashboard-quiet-help = Open and monitored cases with no interview or note in the last { $days ->
    [one] day
   *[other] { $days } days
}. You can change the number of days in Settings.
dashboard-quiet-empty = Every open case had an interview or note in the last { $days ->
    [one] day
   *[other] { $days } days
}.
dashboard-last-contact = Last contact: { $when }
dashboard-no-contact = No contact recorded

## Recent activity
dashboard-recent = Recent activity
dashboard-recent-empty = Nothing has been recorded yet.
dashboard-by-who = { $who } · { $when }
dashboard-activity-created = { $kind ->
    [case] New case
    [note] New note
    [need] New need
    [consent] Consent recorded
    [follow_up] New follow-up
    [attachment] File attached
   *[other] New record
}
dashboard-activity-changed = { $kind ->
    [case] Case changed
    [note] Note changed
    [need] Need changed
    [consent] Consent changed
    [follow_up] Follow-up changed
    [attachment] Attachment changed
   *[other] Record changed
}
dashboard-activity-deleted = { $kind ->
    [case] Case deleted
    [note] Note deleted
    [need] Need deleted
    [consent] Consent deleted
    [follow_up] Follow-up deleted
    [attachment] Attachment deleted
   *[other] Record deleted
}

## Backups and exports
dashboard-copies = Backups and exports
dashboard-last-backup = Last backup
dashboard-last-export = Last export
