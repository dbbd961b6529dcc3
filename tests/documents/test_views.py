"""Preview, generate and download in the browser and the admin, each behind its permission."""

import pytest
from django.urls import reverse

from documents import rendering, services
from documents.models import GeneratedDocument
from tests.documents.textutil import is_marked_draft, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def counting_renders(monkeypatch):
    calls = []
    real = rendering.render

    def counted(*args, **kwargs):
        calls.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(rendering, "render", counted)
    return calls


def test_the_draft_preview_is_marked_draft_and_rendered_once_per_content(
    client, seed, viewer, counting_renders
):
    client.force_login(viewer)
    url = reverse("documents:letter-preview", args=[seed["request"].pk])
    first = client.get(url)
    assert first.status_code == 200
    assert first["Content-Type"] == "application/pdf"
    assert first["X-Frame-Options"] == "SAMEORIGIN"
    assert is_marked_draft(first.content)
    again = client.get(url)
    assert again.content == first.content
    assert counting_renders == ["letter"]

    # The browser's copy is still good: 304 without rendering.
    assert client.get(url, headers={"If-None-Match": first["ETag"]}).status_code == 304
    # HEAD answers the ETag the workspace polls, without rendering.
    assert client.head(url)["ETag"] == first["ETag"]
    assert counting_renders == ["letter"]

    request = seed["request"]
    request.salutation = "Dear Counsel:"
    request.save()
    changed = client.get(url)
    assert changed["ETag"] != first["ETag"]
    assert "Dear Counsel:" in pdf_text(changed.content)
    assert counting_renders == ["letter", "letter"]


def test_the_amendment_preview(client, seed, viewer):
    client.force_login(viewer)
    response = client.get(reverse("documents:amendment-preview", args=[seed["amendment"].pk]))
    assert response.status_code == 200
    assert "Attachment A" in pdf_text(response.content)


def test_the_preview_needs_permission_to_see_the_record(client, seed, factory):
    client.force_login(factory.UserFactory(username="nobody"))
    assert client.get(reverse("documents:letter-preview", args=[seed["request"].pk])).status_code == 403


def test_a_preview_of_an_incomplete_request_explains_why(client, viewer, factory):
    # A request being entered may have no parties or states yet: the preview says what is missing.
    request = factory.NegotiationRequestFactory()  # no parties yet
    client.force_login(viewer)
    response = client.get(reverse("documents:letter-preview", args=[request.pk]))
    assert response.status_code == 422
    assert b"requesting affiliate" in response.content


def test_the_preview_needs_a_login(client, seed):
    response = client.get(reverse("documents:letter-preview", args=[seed["request"].pk]))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_generate_needs_the_generate_permission(client, seed, viewer, media):
    client.force_login(viewer)
    response = client.post(reverse("documents:letter-generate", args=[seed["request"].pk]), {"format": "pdf"})
    assert response.status_code == 403
    assert not GeneratedDocument.objects.exists()


def test_generate_then_download(client, seed, paralegal, media):
    client.force_login(paralegal)
    url = reverse("documents:amendment-generate", args=[seed["amendment"].pk])
    response = client.post(url, {"format": "docx"})
    assert response.status_code == 302
    assert response["Location"] == reverse("documents:amendment", args=[seed["amendment"].pk])
    document = GeneratedDocument.objects.get()
    assert (document.kind, document.format, document.created_by) == ("amendment", "docx", paralegal)

    download = client.get(reverse("documents:download", args=[document.pk]))
    assert download.status_code == 200
    assert (
        download["Content-Disposition"]
        == f'attachment; filename="amendment-{seed["amendment"].pk}-amendment-v1.docx"'
    )
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")
    assert b"".join(download.streaming_content) == document.file.open("rb").read()
    assert download["ETag"] == f'"{document.sha256}"'

    page = client.get(response["Location"])
    assert page.status_code == 200
    assert reverse("documents:download", args=[document.pk]).encode() in page.content


def test_generate_refuses_an_unknown_format(client, seed, paralegal, media):
    client.force_login(paralegal)
    response = client.post(reverse("documents:letter-generate", args=[seed["request"].pk]), {"format": "rtf"})
    assert response.status_code == 400


def test_download_needs_the_view_permission(client, seed, viewer, paralegal, media):
    document = services.generate_document(seed["request"], "letter", "pdf", paralegal)
    client.force_login(viewer)
    assert client.get(reverse("documents:download", args=[document.pk])).status_code == 403


def test_the_workspace_shows_generate_only_to_those_who_may(client, seed, viewer, paralegal):
    url = reverse("documents:letter", args=[seed["request"].pk])
    client.force_login(viewer)
    assert b'name="format"' not in client.get(url).content
    client.force_login(paralegal)
    page = client.get(url)
    assert page.status_code == 200
    assert b'name="format"' in page.content
    assert reverse("documents:letter-preview", args=[seed["request"].pk]).encode() in page.content


def test_the_admin_lists_and_shows_documents_with_a_download_link(admin_client, seed, paralegal, media):
    document = services.generate_document(seed["request"], "letter", "pdf", paralegal)
    download = reverse("documents:download", args=[document.pk]).encode()
    listing = admin_client.get(reverse("admin:documents_generateddocument_changelist"))
    assert listing.status_code == 200
    assert download in listing.content
    detail = admin_client.get(reverse("admin:documents_generateddocument_change", args=[document.pk]))
    assert detail.status_code == 200
    assert download in detail.content
    assert b"Dear Sirs:" in detail.content
    assert admin_client.get(reverse("admin:documents_generateddocument_add")).status_code == 403
    assert admin_client.get(download.decode()).status_code == 200


def test_the_admin_edits_the_clause_library(admin_client, db):
    listing = admin_client.get(reverse("admin:documents_standardclause_changelist"))
    assert listing.status_code == 200
    assert b"Section 252(e)" not in listing.content
    assert b"All other provisions unchanged" in listing.content
    response = admin_client.post(
        reverse("admin:documents_standardclause_add"),
        {
            "key": "bad",
            "title": "Bad",
            "text": "Reads {agreement_date.__class__}",
            "order": 1,
            "active": "on",
        },
    )
    assert response.status_code == 200
    assert b"Unknown placeholder" in response.content
