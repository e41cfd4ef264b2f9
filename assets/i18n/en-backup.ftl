# Fieldnotes — backup, restore and their settings (English). Every message here must also be in ro-backup.ftl.

## Backing up
backup-title = Backup
backup-intro = A backup is an encrypted copy of the whole vault: without the passphrase the vault had when it was made, the file reveals nothing. Backups are also the only place where deleted records can still be found, until older backups are removed to make room.
backup-keep-note = { $keep ->
    [one] Only the newest backup is kept on each drive.
   *[other] The newest { $keep } backups are kept on each drive.
}
backup-now-title = Back up now
backup-where = Where to save the backup
backup-no-drives = No USB drive was found. Plug one in and refresh the list, or choose a folder.
backup-chosen-folder = chosen folder
backup-drive-space = { $free } free of { $total }
backup-folder-pick = Choose a folder…
backup-drives-refresh = Refresh the list of drives
backup-target = The backup will be saved in:
backup-no-target = Choose a drive or a folder first.
backup-run = Back up now
backup-running = Backing up…
backup-phase-starting = Getting ready…
backup-phase-writing = Writing the backup…
backup-phase-verifying = Checking what was written…
backup-phase-restoring = Working…
backup-progress-label = Backup progress
backup-progress-bytes = { $done } of { $total }
backup-done = Backup written and verified: it was read back in full and every part checked out.
backup-file = File
backup-size = Size
backup-contents = Contents
backup-contents-counts = { $records ->
    [0] no records
    [one] one record
   *[other] { $records } records
}, { $attachments ->
    [0] no attached files
    [one] one attached file
   *[other] { $attachments } attached files
}
backup-removed = { $count ->
    [0] No older backups were removed.
    [one] One older backup was removed.
   *[other] { $count } older backups were removed.
}
backup-error-safe = Earlier backups on the drive were not touched.

## Backups on a drive
backup-list-title = Backups on this drive
backup-list-refresh = Check again
backup-list-no-target = Choose a drive or a folder above to see the backups on it.
backup-list-in = In { $folder }
backup-list-checking = Checking each backup by reading it through…
backup-list-empty = There are no backups here yet.
backup-verified = Verified
backup-other-vault = Another vault
backup-not-verified = Not verified
backup-problem-generic = This backup could not be checked. Use another backup.
backup-problem-other = This backup belongs to a different vault, so it was not checked.
backup-holds-erased = It still holds records erased since it was made: rotate it out.
backup-erased-title = Backups that still hold erased records
backup-erased-intro = { $count ->
    [one] One backup here still holds records that were erased on this laptop since it was made.
   *[other] { $count } backups here still hold records that were erased on this laptop since they were made.
} Remove them so the erased records are gone from the drive too. If no other backup would be left, a new one is made first.
backup-erased-run = Remove the backups that hold erased records
backup-erased-running = Removing…
backup-erased-fresh = A new backup was made and verified first: { $file }.
backup-erased-removed = { $count ->
    [one] One backup that held erased records was removed.
   *[other] { $count } backups that held erased records were removed.
}
backup-erased-files = { $count ->
    [one] One attached file no remaining backup needs was removed with it.
   *[other] { $count } attached files no remaining backup needs were removed with them.
}
backup-erased-none = No backup here holds erased records any more.

## Restoring
restore-title = Restore onto this laptop
restore-intro = Use this if the vault on this laptop is damaged, or to go back to the state of an earlier backup.
restore-warning-title = Read this before restoring:
restore-warning-replace = The vault now open will be replaced by the content of the backup.
restore-warning-kept = It is not deleted: it is kept aside in a folder on this laptop, shown after the restore.
restore-warning-lost = Anything recorded or received since that backup was made will not be in the restored vault. If you may need it, make a backup first.
restore-erased-return = An older backup may bring back records that were erased since it was made. They are erased again when the erasures arrive once more in bundles from other laptops.
restore-understand = I understand: the vault now open will be replaced by this backup.
restore-file-legend = The backup to restore
restore-pick = Choose the backup file…
restore-no-file = No backup file chosen yet.
restore-passphrase = The passphrase the vault had when the backup was made
restore-passphrase-help = If the passphrase was changed since then, use the old one.
restore-run = Restore
restore-run-replace = Replace this vault with the backup
restore-busy = Restoring…
restore-phase-starting = Getting ready…
restore-phase-writing = Writing the vault…
restore-phase-verifying = Checking the backup…
restore-phase-restoring = Restoring the vault…
restore-progress-label = Restore progress
restore-progress-bytes = { $done } of { $total }
restore-error-unchanged = The vault on this laptop was not changed.
restore-error-nothing = Nothing was written to this laptop.
restore-locked-after = The vault was locked for the restore; it has not changed. Try again, or unlock it to go on working.
restore-unlock = Unlock the vault
restore-done = The backup was restored and the vault is open.
restore-done-contents = It holds the records as they were on { $date }: { $counts }.
restore-done-kept = The vault it replaced was kept, not deleted, in this folder:
restore-to-overview = Go to the overview
restore-first-title = Restore from a backup
restore-first-intro = On a new laptop, you can bring back a vault from a backup on a USB drive. You will need the passphrase the vault had when the backup was made.
restore-instead = Restore from a backup instead
restore-create-instead = Create a new, empty vault instead

## Settings
settings-backup-reminder = Remind me to back up after this many days
settings-backup-reminder-help = Between 1 and 30 days. The overview shows a reminder when the last backup is older than this.
settings-backup-keep = Backups to keep on each drive
settings-backup-keep-help = Between 1 and 100. After each backup, older backups of this vault beyond this number are removed from the drive.
settings-quiet-days = List a case as without recent contact after this many days
settings-quiet-days-help = Between 7 and 365 days, counted from the last interview or note on an open or monitored case.
