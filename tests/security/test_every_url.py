"""Every URL pattern, as an anonymous user: the login page or a refusal, never data. CSRF on every POST."""

import pytest
from django.test import Client

from tests.urls_catalog import PUBLIC, all_routes

pytestmark = pytest.mark.django_db
ROUTES = all_routes()


def test_the_catalog_sees_the_whole_site():
    names = {route.name for route in ROUTES}
    assert {"login", "healthz", "admin:index", "deadlines:dashboard", "documents:download"} <= names
    assert len(ROUTES) > 60


@pytest.mark.parametrize("route", [r for r in ROUTES if r.name not in PUBLIC], ids=lambda r: r.name)
def test_anonymous_get_goes_to_login(client, seed, route):
    response = client.get(route.url())
    assert response.status_code in (302, 403), response.status_code
    if response.status_code == 302:
        assert "/login/" in response["Location"]
    assert b"KMC" not in response.content


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
def test_post_without_a_csrf_token_is_refused(admin_user, seed, route):
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin_user)
    response = client.post(route.url(), {"anything": "1"})
    assert response.status_code == 403, response.status_code
    assert b"CSRF" in response.content


def test_a_post_with_the_token_gets_through(admin_user, seed):
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin_user)
    page = client.get("/admin/carriers/contact/add/")
    token = page.cookies["csrftoken"].value
    response = client.post("/admin/carriers/contact/add/", {"name": "Jane Roe", "csrfmiddlewaretoken": token})
    assert response.status_code == 302
