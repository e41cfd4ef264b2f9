# The attached files' storage: the one-time move out of an older vault's
# database, and the vault check.

## Moving files out of the database
moving-title = Moving files out of the database
moving-intro = Moving { $count ->
    [one] one file
   *[other] { $count } files
} ({ $size }) out of the database into sealed files.
moving-intro-unknown = Moving this vault's files out of the database into sealed files.
moving-once = This happens once; if interrupted it resumes next time.
moving-starting = Getting ready…
moving-busy = Moving files…
moving-progress-label = Files moved
moving-progress-bytes = { $done } of { $total }
moving-done = { $count ->
    [0] Nothing was left to move.
    [one] Done: the file is now in a sealed file beside the database.
   *[other] Done: the { $count } files are now in sealed files beside the database.
}
moving-continue = Continue
moving-retry = Try again
moving-error-help = Nothing is lost: files already moved stay moved, the others are still in the database. Try again, or lock the vault and unlock it later.

## Checking the vault
check-title = Check the vault
check-intro = Checks every record's signature and the database, and opens every attached file to see that it is whole and matches its record. Nothing is changed.
check-run = Check the vault
check-busy = Checking…
check-progress-label = Files checked
check-sound = The vault is sound.
check-problems = The vault has problems that need a restore from a backup.
check-signatures = { $count ->
    [one] The one record version carries a valid signature.
   *[other] All { $count } record versions carry valid signatures.
}
check-database-sound = The database passes its integrity check.
check-database-damaged = The database fails its integrity check. Restore the vault from a backup.
check-files-sound = { $count ->
    [0] There are no attached files.
    [one] The one attached file opens and matches its record ({ $size }).
   *[other] All { $count } attached files open and match their records ({ $size }).
}
check-files-some-sound = { $count ->
    [0] No attached file opens as it should.
    [one] One attached file opens and matches its record.
   *[other] { $count } attached files open and match their records.
}
check-files-damaged = { $count ->
    [one] One file is damaged: its content no longer matches what was sealed. Restore the vault from a backup.
   *[other] { $count } files are damaged: their content no longer matches what was sealed. Restore the vault from a backup.
}
check-files-missing = { $count ->
    [one] One file is missing from the vault folder. Restore the vault from a backup.
   *[other] { $count } files are missing from the vault folder. Restore the vault from a backup.
}
check-files-orphans = { $count ->
    [one] One file belongs to no record (left by an interrupted write). It is removed at the next unlock.
   *[other] { $count } files belong to no record (left by an interrupted write). They are removed at the next unlock.
}
