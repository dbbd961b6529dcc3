"""The documented backup restores into a fresh database with the same rows in every table."""

import os
import subprocess
import sys
import uuid

import psycopg2
import pytest
from django.db import connection

from tests.conftest import unavailable
from tests.workers import ROOT

pytestmark = pytest.mark.services


def test_backup_restores_with_identical_counts(tmp_path):
    if connection.vendor != "postgresql":
        unavailable("backup and restore use pg_dump and pg_restore")
    s = connection.settings_dict
    server = f"postgres://{s['USER']}:{s['PASSWORD']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}"
    name = f"ica_backup_{uuid.uuid4().hex[:8]}"
    admin = psycopg2.connect(f"{server}/postgres")
    admin.autocommit = True
    admin.cursor().execute(f'CREATE DATABASE "{name}"')
    try:
        env = {**os.environ, "DATABASE_URL": f"{server}/{name}", "DEBUG": "True", "VAR_DIR": str(tmp_path)}
        for command in (["migrate", "--noinput"], ["seed_demo"]):
            subprocess.run(
                [sys.executable, "manage.py", *command],
                cwd=ROOT,
                env=env,
                check=True,
                capture_output=True,
                timeout=300,
            )
        out = subprocess.run(
            ["bash", "scripts/verify-backup.sh"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert out.returncode == 0, out.stdout + out.stderr
        assert "identical counts after restore" in out.stdout
        tables = int(out.stdout.split("backup verified: ")[1].split(" tables")[0])
        assert tables > 40
    finally:
        admin.cursor().execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()
