#!/usr/bin/env bash
# Back up the tracker: the PostgreSQL database (pg_dump custom format) and the media folder
# (uploaded proofs of receipt, signatures, generated documents).
#   DATABASE_URL=postgres://... MEDIA_ROOT=/srv/media scripts/backup.sh /backups/2026-11-21
set -euo pipefail
out=${1:?usage: backup.sh DIRECTORY}
: "${DATABASE_URL:?set DATABASE_URL}"
mkdir -p "$out"
pg_dump --format=custom --no-owner --file="$out/database.dump" "$DATABASE_URL"
if [ -n "${MEDIA_ROOT:-}" ] && [ -d "$MEDIA_ROOT" ]; then
  tar -C "$MEDIA_ROOT" -czf "$out/media.tar.gz" .
fi
echo "backup written to $out"
