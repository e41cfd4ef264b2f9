## Consent that gates: sending, photographs, withdrawal, retention
export-consent = Consent to share
export-consent-intro = Cases without the survivor's consent to share with the case lead stay on this laptop and are named after saving. They go once that consent is recorded on the case.
export-override = Also send cases without that consent
export-override-reason = Why they must go now (kept in the audit log)
export-hint-reason = Write why the cases without consent must go now.
export-left-out = Left out, no consent to share with the case lead: { $cases }. They go with a later bundle once that consent is recorded.
export-sent-without-consent = Sent without consent to share, with your reason in the audit log: { $cases }.
attach-photo-title = This is a photograph
attach-photo-intro = The survivor has not given consent to photographs (or withdrew it). Record that consent under Consent, or attach the photograph anyway and say why; the reason is kept in the audit log.
attach-photo-reason = Why it must be attached without consent
attach-photo-anyway = Choose the photograph again and attach it
withdraw-title = Withdraw this consent?
withdraw-intro = The survivor withdraws consent to: { $scope }. This is recorded now and cannot be undone; consent can be recorded again later.
withdraw-referrals = Referrals made under it
withdraw-bundles = Bundles from this laptop that carried the case since it was given
withdraw-bundle = { $when } to { $to }
withdraw-unitemised = { $count ->
        [one] 1 earlier bundle sent since then did not record which cases it carried; it may have carried this one.
       *[other] { $count } earlier bundles sent since then did not record which cases they carried; they may have carried this one.
    }
withdraw-photographs = Photographs of the case
withdraw-nothing = Nothing recorded on this laptop rests on this consent.
withdraw-copies = Copies already sent stay on the other laptops until removed there; this laptop cannot know what they passed on.
withdraw-confirm = Withdraw consent
withdraw-mark = Mark the referral withdrawn
withdraw-marked = Referral marked withdrawn.
withdraw-done = Consent withdrawn.
settings-retention = Keep closed cases for this many months
settings-retention-help = Counted from the day a case was closed. Leave it empty for no period. Cases kept longer are listed in the overview; nothing is ever erased automatically. This setting is kept in the vault.
settings-retention-save = Save the period
settings-retention-invalid = Write a number of months from 1 to 600, or leave it empty.
settings-retention-saved = Retention period saved.
dashboard-retention-title = Kept past the retention period
dashboard-retention-intro = Closed cases kept longer than { $months ->
        [one] 1 month
       *[other] { $months } months
    }. Decide with the data-protection lead what to do; nothing is erased automatically.
dashboard-retention-item = closed { $closed }, period ended { $due }
