#!/usr/bin/env python
import os
import sys
from pathlib import Path


def make_sqlite_folder() -> None:
    """Make the folder of the embedded SQLite database (VAR_DIR) before a command opens it.

    Importing the settings creates nothing, and SQLite cannot create a missing folder, so a fresh
    clone's first ``manage.py migrate`` makes it here. Settings that cannot be read are left for
    Django to report.
    """
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    try:
        database = settings.DATABASES["default"]
    except ImproperlyConfigured:
        return
    if database["ENGINE"] == "django.db.backends.sqlite3" and str(database["NAME"]) != ":memory:":
        Path(database["NAME"]).parent.mkdir(parents=True, exist_ok=True)


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.management import execute_from_command_line

    make_sqlite_folder()
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
