"""Hostile values in every text field: nothing is read, fetched or hung, and the text prints escaped."""

import os
import signal
import socket
import time
from contextlib import contextmanager
from io import BytesIO

import pytest
from django.db import models

from agreements.models import Agreement
from amendments.models import Amendment
from carriers.models import Affiliate, Contact, FirmOffice, FormerName
from documents import fetcher
from documents.fetcher import RefusedURL, StaticOnlyFetcher
from documents.rendering import RenderError, pdf_from_html, render
from documents.snapshot import TEXT_LIMIT, amendment_snapshot, letter_snapshot, signature_image
from tests.documents.textutil import docx_body_paragraphs, normalise, pdf_text

PASSWD = open("/etc/passwd").readline().strip()  # noqa: SIM115 (one line, closed at exit)


@pytest.fixture
def listener():
    """A socket on loopback that must never see a connection."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    sock.setblocking(False)
    yield sock
    sock.close()


def assert_never_connected(sock) -> None:
    with pytest.raises(BlockingIOError):
        sock.accept()


@pytest.fixture
def fetched(monkeypatch):
    """Every URL the PDF renderer asks for, whether served or refused."""
    urls = []
    real = StaticOnlyFetcher.fetch

    def spy(self, url, headers=None):
        urls.append(url)
        return real(self, url, headers)

    monkeypatch.setattr(StaticOnlyFetcher, "fetch", spy)
    return urls


@contextmanager
def deadline(seconds: int):
    """Fail instead of hanging: SIGALRM interrupts a blocked open() or read()."""

    def expire(signum, frame):
        raise TimeoutError(f"took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def hostile(port: int) -> str:
    return (
        f'<img src="file:///etc/passwd"> <style>@import url(http://127.0.0.1:{port}/a.css);</style> '
        f'@import url("http://127.0.0.1:{port}/b.css"); <link rel="stylesheet" href="http://127.0.0.1:{port}/c">'
        f' <iframe src="http://127.0.0.1:{port}/"></iframe> {{{{ request }}}} {{% debug %}}'
    )


def text_fields(instance: models.Model) -> list[str]:
    return [
        f.name
        for f in instance._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField)
        and not f.choices
        and not f.primary_key
        and not isinstance(f, models.FileField)
    ]


def poison(instances, value_for) -> int:
    """Put a hostile value in every free-text field of every record the documents print."""
    count = 0
    for index, instance in enumerate(instances):
        for name in text_fields(instance):
            if name == "usoc":
                continue  # a USOC is five capitals; the database column holds nothing else
            text = f"#{index} {value_for(name)}"
            # The column's own limit (PostgreSQL enforces it): the hostile start of the value survives.
            limit = instance._meta.get_field(name).max_length
            setattr(instance, name, text[:limit] if limit else text)
            count += 1
        instance.save()
    return count


def seed_records(seed) -> list[models.Model]:
    request, amendment, counsel = seed["request"], seed["amendment"], seed["counsel"]
    firm = counsel.firm
    return [
        firm,
        *FirmOffice.objects.filter(firm=firm),
        counsel,
        request,
        *Contact.objects.filter(copied_on=request),
        *Affiliate.objects.all(),
        *FormerName.objects.all(),
        *Agreement.objects.all(),
        *request.states.all(),
        amendment,
        *amendment.recitals.all(),
        *amendment.provisions.all(),
        *amendment.rate_changes.all(),
        *amendment.section_changes.all(),
        *amendment.signatures.all(),
    ]


@pytest.mark.django_db
def test_hostile_text_in_every_field_is_printed_escaped_and_fetches_nothing(seed, listener, fetched):
    port = listener.getsockname()[1]
    value = hostile(port)
    assert poison(seed_records(seed), lambda name: value) > 80

    with deadline(60):
        letter = letter_snapshot(seed["request"])
        amendment = amendment_snapshot(Amendment.objects.get(pk=seed["amendment"].pk))
        outputs = {
            (kind, fmt): render(kind, snapshot, fmt)
            for kind, snapshot in (("letter", letter), ("amendment", amendment))
            for fmt in ("pdf", "docx")
        }

    assert_never_connected(listener)
    assert fetched
    assert all(url.startswith(("ica-static:documents/", "ica-resource:")) for url in fetched)
    for (kind, fmt), content in outputs.items():
        text = pdf_text(content) if fmt == "pdf" else "\n".join(docx_body_paragraphs(content))
        flat = normalise(text)
        assert PASSWD not in flat, (kind, fmt)
        # The markup is on the page as text, which is how we know it was escaped and not obeyed.
        assert '<img src="file:///etc/passwd">' in flat, (kind, fmt)
        assert f"@import url(http://127.0.0.1:{port}/a.css);" in flat, (kind, fmt)
        assert "{{ request }} {% debug %}" in flat, (kind, fmt)


@pytest.mark.django_db
def test_a_megabyte_in_a_field_renders_truncated_in_bounded_time(seed):
    request = seed["request"]
    request.address = "A" * 1_000_000  # one unbroken word: the worst case for line breaking
    request.collective_name = "word " * 24  # a CharField holds no more than its max_length on PostgreSQL
    request.save()
    recital = seed["amendment"].recitals.first()
    recital.text = "<b>" * 350_000
    recital.save()

    started = time.monotonic()
    with deadline(60):
        letter = letter_snapshot(request)
        amendment = amendment_snapshot(seed["amendment"])
        assert len(letter["addressee"]["address"]) == TEXT_LIMIT
        assert len(letter["collective_name"]) == 120  # the field's own max_length
        pdfs = [render("letter", letter, "pdf"), render("amendment", amendment, "pdf")]
        render("letter", letter, "docx")
    elapsed = time.monotonic() - started
    assert elapsed < 30, f"{elapsed:.1f} s"
    assert "[truncated]" in normalise(pdf_text(pdfs[0]))
    assert "<b><b><b>" in normalise(pdf_text(pdfs[1]))


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://127.0.0.1:1/",
        "https://example.com/x.css",
        "data:text/css,body{}",
        "ftp://example.com/x",
        "ica-static:documents/../../config/settings.py",
        "ica-static:/etc/passwd",
        "ica-static:css/site.css",  # a static file, but not one of the documents'
        "ica-static:documents/missing.css",
        "ica-resource:signature",  # no such resource was handed to this render
    ],
)
def test_the_fetcher_refuses_everything_but_our_document_static_files(url, listener):
    with pytest.raises(RefusedURL):
        StaticOnlyFetcher().fetch(url)


def test_the_fetcher_serves_our_stylesheets_and_this_documents_resources():
    response = StaticOnlyFetcher().fetch("ica-static:documents/print.css")
    assert response.content_type == "text/css"
    assert b"@page" in response.read()
    resource = fetcher.Resource(b"\x89PNG...", "image/png")
    served = StaticOnlyFetcher({"signature": resource}).fetch("ica-resource:signature")
    assert served.read() == b"\x89PNG..."


def test_a_template_that_reached_outside_would_stop_the_render(listener):
    port = listener.getsockname()[1]
    html = f'<html><head><link rel="stylesheet" href="http://127.0.0.1:{port}/x.css"></head><body>x</body></html>'
    with pytest.raises(RenderError, match="refused"):
        pdf_from_html(html)
    html = '<html><body><img src="file:///etc/passwd"></body></html>'
    with pytest.raises(RenderError, match="refused"):
        pdf_from_html(html)
    assert_never_connected(listener)


class _Field:
    """Just what signature_image reads of an ImageField."""

    def __init__(self, storage, name):
        self.storage, self.name = storage, name

    def __bool__(self):
        return True


@pytest.mark.django_db
def test_a_signature_that_is_endless_huge_a_device_or_elsewhere_is_not_read(media):
    from django.core.files.storage import default_storage

    os.mkfifo(media / "fifo.png")  # open() of a FIFO blocks until a writer comes: endless
    os.symlink("/dev/zero", media / "zero.png")  # a link to an endless device
    os.symlink("/etc/passwd", media / "passwd.png")
    with open(media / "huge.png", "wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: 50 MB without writing them
    (media / "notes.png").write_bytes(b"not an image at all")
    for name in ["fifo.png", "zero.png", "passwd.png", "huge.png", "notes.png", "../../../etc/passwd"]:
        started = time.monotonic()
        with deadline(5):
            image, problem = signature_image(_Field(default_storage, name))
        assert image is None, name
        assert problem.startswith("The signature image cannot be used"), name
        assert time.monotonic() - started < 2, name


@pytest.mark.django_db
def test_an_unusable_signature_leaves_the_letter_unsigned_not_broken(seed, media):
    os.mkfifo(media / "signature.png")
    counsel = seed["counsel"]
    counsel.signature.name = "signature.png"
    counsel.save()
    with deadline(10):
        snapshot = letter_snapshot(seed["request"])
    assert snapshot["counsel"]["signature"] is None
    assert "not a regular file" in snapshot["counsel"]["signature_problem"]
    assert "Andrew M. Klein" in pdf_text(render("letter", snapshot, "pdf"))


def test_a_decompression_bomb_is_refused(tmp_path):
    from django.core.files.storage import FileSystemStorage
    from PIL import Image

    out = BytesIO()
    Image.new("1", (5_000, 1_000)).save(out, format="PNG")  # a small file of 5 million pixels
    (tmp_path / "bomb.png").write_bytes(out.getvalue())
    image, problem = signature_image(_Field(FileSystemStorage(location=tmp_path), "bomb.png"))
    assert image is None
    assert problem
