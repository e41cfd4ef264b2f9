# Fieldnotes — follow-ups: editing, assigning, completing, and those due this week; and what empty lists say elsewhere (English). Every message here must also be in ro-followups.ftl.

## A case's follow-ups
followups-empty = No follow-ups yet. Add the first one below.
followups-open-count = { $count ->
    [one] 1 open follow-up
   *[other] { $count } open follow-ups
}
followup-done-label = Done: { $title }
followup-edit-label = Edit the follow-up: { $title }
followup-edit-heading = Edit the follow-up
followup-assignee = Assigned to
followup-assignee-none = No one
followup-assignee-kept = { $name } (as written before)
followup-assigned = Assigned to { $name }
followup-complete = Mark done
followup-reopen = Reopen

## Due this week (the overview)
due-week-title = Due this week
due-week-help = { $count ->
    [0] Open follow-ups due by Sunday, and those overdue.
    [one] 1 open follow-up due by Sunday or overdue.
   *[other] { $count } open follow-ups due by Sunday or overdue.
}
due-week-empty = Nothing is due this week.
due-week-overdue = Overdue
due-week-due = Due { $date }

## Errors
error-unknown_assignee = That person is not on the roster, or their device was revoked. Choose someone from the list.

## Empty lists elsewhere
cases-none-match = No case matches these filters. Clear a filter to see more.
search-empty = Nothing found. Try fewer words, or another spelling.
