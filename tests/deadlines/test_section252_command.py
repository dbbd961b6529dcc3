"""manage.py section252 prints what the app computes, from the same code."""

import json
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db


def run(*args) -> dict:
    out = StringIO()
    call_command("section252", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


def test_the_worked_example():
    got = run("--received", "2004-09-09", "--state", "MO")
    assert {
        k: got[k]
        for k in (
            "received",
            "window_opens",
            "window_closes",
            "first_filing_day",
            "last_safe_filing_day",
            "resolution_due",
        )
    } == {
        "received": "2004-09-09",
        "window_opens": "2005-01-22",
        "window_closes": "2005-02-16",
        "first_filing_day": "2005-01-24",
        "last_safe_filing_day": "2005-02-16",
        "resolution_due": "2005-06-09",
    }
    assert got["window_opens_closure"] == "Saturday"


def test_petition_and_approval_inputs():
    got = run(
        "--received",
        "2004-09-09",
        "--state",
        "MO",
        "--petition-filed",
        "2005-02-17",
        "--submitted",
        "2005-06-01",
        "--origin",
        "negotiated",
    )
    assert (got["petition_status"], got["response_due"], got["deemed_approved_on"]) == (
        "untimely",
        "2005-03-14",
        "2005-08-30",
    )


def test_missouri_lincolns_birthday_comes_from_the_database():
    # Received 5 September 2006: day 160 is Monday 12 February 2007, Lincoln's Birthday in Missouri.
    got = run("--received", "2006-09-05", "--state", "MO")
    assert (got["window_closes"], got["window_closes_closure"], got["last_safe_filing_day"]) == (
        "2007-02-12",
        "Lincoln's Birthday",
        "2007-02-09",
    )
    federal = run("--received", "2006-09-05")
    assert federal["last_safe_filing_day"] == "2007-02-12"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--received", "2005-02-30"], "--received '2005-02-30' is not a date; use YYYY-MM-DD."),
        (["--received", "2005-02-03", "--state", "ZZ"], "“ZZ” is not a US state code."),
        (["--received", "2005-02-03", "--submitted", "2005-03-01"], "--submitted and --origin go together."),
    ],
)
def test_bad_input_is_a_one_line_error_with_status_2(args, message):
    with pytest.raises(CommandError) as caught:
        call_command("section252", *args)
    assert caught.value.returncode == 2
    assert message in str(caught.value)


def test_exit_status_2_from_the_shell():
    out = subprocess.run(
        [sys.executable, "manage.py", "section252", "--received", "2005-13-01"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 2
    assert (
        out.stderr.strip().splitlines()[-1]
        == "CommandError: --received '2005-13-01' is not a date; use YYYY-MM-DD."
    )
