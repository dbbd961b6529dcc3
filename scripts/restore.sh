#!/usr/bin/env bash
# Restore a backup made by backup.sh into an EMPTY database (and media folder).
#   DATABASE_URL=postgres://.../tracker_restored MEDIA_ROOT=/srv/media scripts/restore.sh /backups/2026-11-21
set -euo pipefail
in=${1:?usage: restore.sh DIRECTORY}
: "${DATABASE_URL:?set DATABASE_URL}"
pg_restore --no-owner --exit-on-error --single-transaction --dbname="$DATABASE_URL" "$in/database.dump"
if [ -f "$in/media.tar.gz" ] && [ -n "${MEDIA_ROOT:-}" ]; then
  mkdir -p "$MEDIA_ROOT"
  tar -C "$MEDIA_ROOT" -xzf "$in/media.tar.gz"
fi
echo "restored $in"
