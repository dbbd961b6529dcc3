"""End to end in Chromium: the seed request and the seed amendment entered by a paralegal, seen by counsel."""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime

import pytest
import time_machine

from deadlines.models import Deadline
from demo.seed import load_agreement, load_carriers, load_counsel
from tests import factories
from tests.browser.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
PASSWORD = "a-long-enough-password"
# Tuesday 25 January 2005, mid-morning in Missouri: the seed request's window opened on Saturday.
JAN_25_2005 = datetime(2005, 1, 25, 16, tzinfo=UTC)


@pytest.fixture
def people(reference_data):
    affiliates = load_carriers()
    counsel = load_counsel()
    users = {
        name: factories.UserFactory(username=name, role=name, password=PASSWORD)
        for name in ("paralegal", "counsel")
    }
    counsel.user = users["counsel"]
    counsel.save()
    return {"affiliates": affiliates, "counsel_record": counsel, **users}


def log_in(context, live_server, username: str):
    page = context.new_page()
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/")
    return page


def fill(page, values: dict[str, str]) -> None:
    for name, value in values.items():
        field = page.locator(f'[name="{name}"]')
        tag = field.evaluate("e => e.tagName.toLowerCase()")
        if tag == "select":
            field.select_option(value)
        elif field.get_attribute("type") == "checkbox":
            field.set_checked(bool(value))
        else:
            field.fill(value)


def fill_rows(page, prefix: str, rows: list[dict[str, str]]) -> None:
    """Fill a formset row by row, pressing its "Add a row" button when the blank rows run out."""
    for index, row in enumerate(rows):
        first = f"{prefix}-{index}-{next(iter(row))}"
        if page.locator(f'[name="{first}"]').count() == 0:
            page.locator(f'[data-add-row="{prefix}"]').click()
        fill(page, {f"{prefix}-{index}-{key}": value for key, value in row.items()})


def test_paralegal_enters_the_seed_request_and_counsel_sees_its_window(
    chromium, live_server, people, browser_settings, tmp_path
):
    with time_machine.travel(JAN_25_2005, tick=True):
        context = chromium.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
        page = log_in(context, live_server, "paralegal")
        page.goto(f"{live_server.url}/requests/new/")
        fill(
            page,
            {
                "collective_name": "KMC Telecom",
                "states": "MO",
                "letter_date": "2004-09-09",
                "delivery_method": "overnight",
                "counsel": str(people["counsel_record"].pk),
                "addressee_name": "CenturyTel, Inc.",
                "addressee_short_name": "CenturyTel",
                "attention": "Carrier Relations",
                "address": "100 Century Park Drive\nMonroe, LA 71203",
                "salutation": "Dear Sirs:",
            },
        )
        fill_rows(
            page,
            "requesting",
            [
                {"affiliate": "KMC Telecom III LLC"},
                {"affiliate": "KMC Telecom V, Inc."},
                {"affiliate": "KMC Data LLC"},
            ],
        )
        fill_rows(
            page,
            "incumbent",
            [{"affiliate": "CenturyTel of Missouri LLC"}, {"affiliate": "Spectra Communications"}],
        )
        fill_rows(
            page,
            "cc",
            [
                {
                    "name": "David D. Cole",
                    "title": "Senior Vice President",
                    "organisation": "CenturyTel, Inc.",
                },
                {"name": "Marva B. Johnson", "title": "Vice President", "organisation": "KMC Telecom"},
                {"name": "Mark W. Comley", "suffix": "Esq."},
            ],
        )
        page.locator("form.stacked button[type=submit], form button[type=submit]").last.click()
        page.wait_for_url(f"{live_server.url}/requests/*/")
        request_url = page.url

        # The letter: preview, generate, download.
        page.get_by_role("link", name="letter", exact=False).first.click()
        page.wait_for_url("**/documents/letter/*/")
        page.locator("form[action$='generate'] button[type=submit]").first.click()
        with page.expect_download() as download_info:
            page.get_by_role("link", name="Download", exact=False).first.click()
        letter = tmp_path / "letter.pdf"
        download_info.value.save_as(letter)
        text = subprocess.run(
            ["pdftotext", "-layout", str(letter), "-"], capture_output=True, text=True
        ).stdout
        assert "VIA OVERNIGHT MAIL" in text
        assert "KMC Telecom III LLC, KMC Telecom V, Inc., and KMC Data LLC" in " ".join(text.split())

        # Sent, then received with a proof of delivery: the deadlines appear at once.
        page.goto(request_url)
        fill(page, {"sent_on": "2004-09-09", "tracking_number": "7934 5521 0098"})
        page.locator("form[action$='/sent'] button[type=submit]").click()
        page.wait_for_url(request_url)
        proof = tmp_path / "fedex-proof.pdf"
        proof.write_bytes(b"%PDF-1.4 FedEx proof of delivery, signed 9 September 2004")
        fill(page, {"received_on": "2004-09-09"})
        page.locator("form[action$='/receipt'] input[type=file]").set_input_files(str(proof))
        page.locator("form[action$='/receipt'] button[type=submit]").click()
        page.wait_for_url(request_url)
        body = page.locator("main").inner_text()
        assert "Sat 22 Jan 2005" in body  # day 135
        assert "Mon 24 Jan 2005" in body  # first filing day
        assert "Wed 16 Feb 2005" in body  # day 160, the last safe filing day
        assert "Thu 9 Jun 2005" in body  # nine months
        screenshot(page, "request")
        context.close()

        assert dict(
            Deadline.objects.filter(request__collective_name="KMC Telecom").values_list("kind", "act_on")
        ) == {
            "window_opens": datetime(2005, 1, 24).date(),
            "window_closes": datetime(2005, 2, 16).date(),
            "resolution_due": datetime(2005, 6, 9).date(),
        }

        # Counsel opens the dashboard: the window is open, 22 days to the last safe filing day.
        from deadlines.services import advance_statuses

        advance_statuses()  # what the scheduler's sweep does every few minutes
        context = chromium.new_context(viewport={"width": 1280, "height": 900})
        page = log_in(context, live_server, "counsel")
        open_now = page.locator("main").inner_text()
        assert "Wed 16 Feb 2005" in open_now
        assert "22 days" in open_now
        assert "KMC Telecom" in open_now
        screenshot(page, "dashboard")
        context.close()


def test_paralegal_enters_the_seed_amendment_files_it_in_nine_states_and_the_agreement_changes(
    chromium, live_server, people, browser_settings
):
    agreement = load_agreement(people["affiliates"])
    with time_machine.travel(JAN_25_2005, tick=True):
        context = chromium.new_context(viewport={"width": 1280, "height": 900})
        page = log_in(context, live_server, "paralegal")
        page.goto(f"{live_server.url}/amendments/new/?agreement={agreement.pk}")
        fill(
            page,
            {
                "title": "Amendment",
                "effective_on": "2004-09-14",
                "schedule_title": "SCHEDULE OF KMC HOLDINGS, INC (KMC TELECOM) OPERATING AFFILIATES",
            },
        )
        fill_rows(
            page,
            "recitals",
            [
                {"text": "BellSouth and KMC Telecom entered into the Agreement on October 6, 2000, and;"},
                {
                    "text": "BellSouth and KMC Telecom are amending the Agreement to modify Local Number Portability "
                    "(LNP) recovery charge pursuant to the Order in the matter of the Telephone Number "
                    "Portability BellSouth Corporation Petition for Declaratory Ruling and/or Waiver, CC Docket "
                    "No. 95-116, released April 13, 2004;"
                },
            ],
        )
        fill_rows(
            page,
            "rate_changes",
            [{"action": "delete", "usoc": usoc} for usoc in ("LNPCX", "LNPCP", "LNPCN", "LNPCC")],
        )
        section = (
            "In addition to other charges specified in this Agreement for Local Number Portability KMC "
            "Telecom shall pay to BellSouth the Local Number Portability charges as set forth in Section 13 "
            "of the BellSouth FCC No. 1 Tariff;"
        )
        fill_rows(
            page,
            "section_changes",
            [
                {"action": "add", "attachment": "2", "number": "7.3", "text": section},
                {"action": "add", "attachment": "2", "number": "10.8", "text": section},
            ],
        )
        fill_rows(
            page,
            "signatures",
            [
                {
                    "party": "BellSouth Telecommunications, Inc.",
                    "signer_name": "KRISTEN E. LOWE",
                    "signer_title": "DIRECTOR",
                },
                {
                    "party": "KMC Telecom Holdings, Inc.",
                    "signer_name": "Maura Brown Johnson",
                    "signer_title": "Vice President & Senior Counsel",
                },
            ],
        )
        fill_rows(
            page,
            "schedule",
            [
                {"affiliate": "KMC Telecom, Inc.", "states": "AL, LA, FL, GA"},
                {"affiliate": "KMC Telecom II, Inc.", "states": "FL, NC"},
                {"affiliate": "KMC Telecom III, Inc.", "states": "AL, LA, FL, MS, SC, TN, NC"},
                {"affiliate": "KMC Telecom IV, Inc.", "states": "KY"},
                {"affiliate": "KMC Telecom V, Inc.", "states": "AL, LA, FL, GA, KY, MS, SC, TN, NC"},
            ],
        )
        page.locator("main form button[type=submit]").last.click()
        page.wait_for_url(f"{live_server.url}/amendments/*/")
        amendment_url = page.url

        # File it in every state of Attachment A, in one step.
        page.locator("form[action$='/file'] input[type=date]").first.fill("2004-09-20")
        page.locator("form[action$='/file'] button[type=submit]").click()
        page.wait_for_url(amendment_url)
        filed = page.locator("main").inner_text()
        for state in ("AL", "FL", "GA", "KY", "LA", "MS", "NC", "SC", "TN"):
            assert state in filed
        from agreements.models import StateFiling

        assert sorted(StateFiling.objects.values_list("state_id", flat=True)) == [
            "AL",
            "FL",
            "GA",
            "KY",
            "LA",
            "MS",
            "NC",
            "SC",
            "TN",
        ]

        # The agreement as amended: on 13 September 2004 the LNP USOCs are there, on the 14th they are gone.
        page.goto(f"{live_server.url}{agreement.get_absolute_url()}?as_of=2004-09-13")
        before = page.locator("section.as-amended").inner_text()
        assert all(usoc in before for usoc in ("LNPCX", "LNPCP", "LNPCN", "LNPCC"))
        assert "7.3" not in before
        assert "10.8" not in before
        page.goto(f"{live_server.url}{agreement.get_absolute_url()}?as_of=2004-09-14")
        after = page.locator("section.as-amended").inner_text()
        assert "7.3" in after
        assert "10.8" in after
        assert not any(usoc in after for usoc in ("LNPCX", "LNPCP", "LNPCN", "LNPCC"))
        screenshot(page, "agreement")
        context.close()


def test_hostile_text_typed_in_the_browser_reaches_the_letter_as_text_and_fetches_nothing(
    chromium, live_server, people, browser_settings, tmp_path
):
    import select
    import socket

    from demo.seed import load_request

    request = load_request(people["affiliates"], people["counsel_record"], people["paralegal"])
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    port = listener.getsockname()[1]
    hostile = (
        f'<img src="file:///etc/passwd"><style>@import url(http://127.0.0.1:{port}/x.css);</style>'
        f'<link rel=stylesheet href="http://127.0.0.1:{port}/y.css">'
    )
    context = chromium.new_context(accept_downloads=True)
    page = log_in(context, live_server, "paralegal")
    page.goto(f"{live_server.url}/requests/{request.pk}/edit/")
    fill(
        page, {"attention": hostile[:120], "salutation": f"@import url(http://127.0.0.1:{port}/z.css);"[:80]}
    )
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_url(f"{live_server.url}/requests/{request.pk}/")
    page.goto(f"{live_server.url}/documents/letter/{request.pk}/")
    page.locator("form[action$='generate'] button[type=submit]").first.click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download", exact=False).first.click()
    pdf = tmp_path / "letter.pdf"
    download_info.value.save_as(pdf)
    context.close()
    text = " ".join(
        subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout.split()
    )
    assert 'Attn: <img src="file:///etc/passwd">' in text  # printed as text, not fetched
    assert "root:x:0:0" not in text
    readable, _, _ = select.select([listener], [], [], 0.5)
    assert readable == [], "the renderer connected to the loopback address in the hostile text"
    listener.close()
