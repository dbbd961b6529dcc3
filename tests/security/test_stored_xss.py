"""Stored XSS: hostile text in every text field of every model, then every page, the admin pages
and the calendar feed show it as text. (The PDFs and DOCX: tests/documents/test_security.py.)"""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import models
from django.test import Client
from icalendar import Calendar

from tests.security.test_role_matrix import POLICY, world  # noqa: F401 - the fixture
from tests.urls_catalog import all_routes

pytestmark = pytest.mark.django_db
HOSTILE = "<script>alert('x')</script><img src=x onerror=alert(1)>\r\nATTACH:http://127.0.0.1:9/evil"
RAW = ("<script>alert(", "<img src=x onerror")
OUR_APPS = {"jurisdictions", "carriers", "agreements", "amendments", "deadlines", "documents", "accounts"}
# Values the app computes with, not free text: a zone name, hashes and paths, a USOC's five capitals.
KEEP = {
    "time_zone",
    "usoc",
    "sha256",
    "token_hash",
    "code",
    "kind",
    "status",
    "action",
    "role",
    "decision",
    "origin",
    "delivery_method",
    "claim_token",
    "field",
    "ip",
    "order",
    "number",
}


def text_fields(model) -> list[models.Field]:
    return [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField)
        and not f.choices
        and not f.primary_key
        and not isinstance(f, models.FileField)
        and f.name not in KEEP
        and not f.name.endswith(("hash", "token"))
    ]


def poison() -> int:
    count = 0
    for model in apps.get_models():
        if model._meta.app_label not in OUR_APPS or model.__name__.startswith("Historical"):
            continue
        fields = text_fields(model)
        for index, obj in enumerate(model.objects.all()):
            for field in fields:
                value = f"#{index}{HOSTILE}"
                setattr(obj, field.name, value[: field.max_length] if field.max_length else value)
                count += 1
            if fields:
                obj.save()
    return count


def html_pages(ids) -> list[str]:
    from django.contrib import admin

    routes = {r.name: r for r in all_routes()}
    urls = [routes[name].url(**ids.get(name, {})) for name, (method, _) in POLICY.items() if method == "GET"]
    for model in admin.site._registry:
        base = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        urls.append(base)
        first = model._default_manager.first()
        if first is not None:
            urls += [f"{base}{first.pk}/change/", f"{base}{first.pk}/history/"]
    return urls


def test_hostile_text_is_escaped_on_every_page(world):  # noqa: F811
    users, ids = world
    assert poison() > 150
    client = Client()
    client.force_login(users["admin"])
    escaped_somewhere = 0
    unsafe = []
    for url in html_pages(ids):
        response = client.get(url)
        assert response.status_code in (200, 302, 304), (url, response.status_code)
        if "text/html" not in response.get("Content-Type", ""):
            continue
        body = response.content.decode()
        if any(raw in body for raw in RAW):
            unsafe.append(url)
        escaped_somewhere += body.count("&lt;script&gt;alert(")
    assert unsafe == []
    assert escaped_somewhere > 50, "the hostile text was shown, escaped, on the pages"


def test_hostile_text_cannot_add_properties_to_the_calendar_feed(world):  # noqa: F811
    from deadlines.models import Deadline
    from deadlines.services import issue_feed

    users, _ = world
    poison()
    Deadline.objects.update(responsible_counsel=users["counsel"], status="upcoming")
    token = issue_feed(users["counsel"], by=users["counsel"])
    client = Client()
    response = client.get(f"/calendar/{token}.ics")
    assert response.status_code == 200
    calendar = Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    assert events
    for event in events:
        assert "ATTACH" not in event  # a line break in the data did not start a property of its own
        assert HOSTILE.split("\r\n")[0][:20] in str(event["SUMMARY"]) + str(event.get("DESCRIPTION", ""))
