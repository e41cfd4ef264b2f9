#!/bin/sh
# Recovers every attached file of a Fieldnotes vault by hand, without
# Fieldnotes: the passphrase opens key.age (age), its database key opens
# vault.db (SQLCipher 4), whose blob_files table holds each sealed file's
# own age identity; each file in blobs/ is then an ordinary age file.
#
#   scripts/recover-attachments.sh VAULT_FOLDER OUT_FOLDER
#
# Needs `age` and `sqlcipher` (version 4: Debian's 3.4 cannot open it).
# Writes OUT_FOLDER/<first 12 hex of the content's BLAKE3>-<file name> for
# each attachment, and OUT_FOLDER/index.tsv (BLAKE3, size, file name,
# case id). The decrypted envelope and keys stay in shell variables only.
# See docs/FORMATS.md ("Sealed attachment files").
set -eu

vault=${1:?usage: $0 VAULT_FOLDER OUT_FOLDER}
out=${2:?usage: $0 VAULT_FOLDER OUT_FOLDER}
command -v age >/dev/null || { echo "age is not installed" >&2; exit 2; }
command -v sqlcipher >/dev/null || { echo "sqlcipher (4.x) is not installed" >&2; exit 2; }
mkdir -p "$out"
chmod 700 "$out"

# 1. The envelope (asks for the passphrase); keep only the database key.
db_key=$(age -d "$vault/key.age" | sed -n 's/^db-key //p')
[ -n "$db_key" ] || { echo "no db-key in the envelope" >&2; exit 1; }

query() {
    printf 'PRAGMA key = "x'"'"'%s'"'"'";\n.mode tabs\n.headers off\n%s\n' "$db_key" "$1" |
        sqlcipher -batch "$vault/vault.db" | sed '/^ok$/d'
}

# 2. One line per sealed file: name, key, content hash.
query "SELECT name, key, blake3 FROM blob_files;" |
while IFS="$(printf '\t')" read -r name key hash; do
    name_of=$(query "SELECT json_extract(body, '\$.file_name') FROM versions
                     WHERE kind = 'attachment' AND json_extract(body, '\$.blake3') = '$hash'
                     LIMIT 1;" | tr '/\\' '__')
    target="$out/$(printf %.12s "$hash")-${name_of:-unnamed}"
    # 3. Each sealed file opens with its own identity (fed on a pipe, never
    #    written to disk).
    printf '%s\n' "$key" | age -d -i - -o "$target" "$vault/blobs/$name"
    echo "$target"
done

query "SELECT json_extract(body, '\$.blake3'), json_extract(body, '\$.size'),
              json_extract(body, '\$.file_name'), json_extract(body, '\$.case')
       FROM versions WHERE kind = 'attachment';" > "$out/index.tsv"
