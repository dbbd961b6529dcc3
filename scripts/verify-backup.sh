#!/usr/bin/env bash
# Prove a backup restores: dump DATABASE_URL, restore it into a fresh scratch database on the same
# server, compare the row count of every table, drop the scratch database. Exit 1 on any difference.
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/tracker scripts/verify-backup.sh
set -euo pipefail
: "${DATABASE_URL:?set DATABASE_URL}"
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
scratch="verify_restore_$$"
base=${DATABASE_URL%/*}
trap 'psql "$base/postgres" -qc "DROP DATABASE IF EXISTS $scratch WITH (FORCE)" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

counts() {
  psql "$1" -At -F ' ' -c "
    SELECT table_name, (xpath('/row/c/text()',
           query_to_xml(format('SELECT count(*) AS c FROM %I.%I', table_schema, table_name), false, true, '')))[1]::text
    FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name"
}

MEDIA_ROOT= "$here/backup.sh" "$work/backup" >/dev/null
psql "$base/postgres" -qc "CREATE DATABASE $scratch" >/dev/null
DATABASE_URL="$base/$scratch" MEDIA_ROOT= "$here/restore.sh" "$work/backup" >/dev/null
counts "$DATABASE_URL" > "$work/original.txt"
counts "$base/$scratch" > "$work/restored.txt"
tables=$(wc -l < "$work/original.txt")
rows=$(awk '{s += $2} END {print s}' "$work/original.txt")
if diff -u "$work/original.txt" "$work/restored.txt"; then
  echo "backup verified: $tables tables, $rows rows, identical counts after restore"
else
  echo "backup NOT verified: counts differ (above)" >&2
  exit 1
fi
