#!/usr/bin/env bash
# A short scripted tour of Fieldnotes on a throw-away vault.
set -euo pipefail
fieldnotes=${1:-fieldnotes}
demo=$(mktemp -d)
trap 'rm -rf "$demo"' EXIT
export FIELDNOTES_VAULT="$demo/vault"
# A demo passphrase; real vaults get one typed at a no-echo prompt.
export FIELDNOTES_PASSPHRASE="demo only: violet harbour lantern seventeen"
step() {
  printf '\n\033[1m$ fieldnotes' >&2
  printf ' %q' "$@" >&2
  printf '\033[0m\n' >&2
  "$fieldnotes" "$@"
}

step init
step case add --code RO-2026-017 --name "Ioana (demo)" --nationality Romanian --language ro --language en --risk high
note=$(step note add --case RO-2026-017 --kind intake --place "shelter, Bucharest" --text "Intake at the shelter. Wants to contact her mother; worried about her passport held by the recruiter." | tail -n1); echo "$note"
step note edit "$note" --text "Intake at the shelter. Wants to contact her mother; passport held by the recruiter in Leeds."
step consent add --case RO-2026-017 --scope referral --service "legal clinic"
need=$(step need add --case RO-2026-017 --category identity_documents --text "replacement passport" --priority high | tail -n1); echo "$need"
step need set "$need" --status referred
step case list
step case show RO-2026-017
step search passport
step history "$note"
step audit verify
echo
echo "The demo vault in $demo is removed on exit. Nothing in it is readable without the passphrase:"
ls -l "$FIELDNOTES_VAULT"
