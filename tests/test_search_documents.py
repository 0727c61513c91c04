"""Document search: the text of PDF and DOCX call documents is found; broken files never break anything."""

import pytest
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from search.models import DocumentText
from vvg.calls.choices import DocumentType
from vvg.calls.models import CallDocument
from tests.test_calls import add_call
from tests.test_events_fixtures import lt
from tests.test_search_fixtures import *  # noqa: F403 - the shared content fixtures
from tests.test_search_fixtures import add_page, attach, docx_bytes, make_document, pdf_bytes

pytestmark = pytest.mark.django_db


def results(client, query, **params):
    page = BeautifulSoup(client.get("/paieska/", {"q": query, **params}).content, "html.parser")
    return [(a.get_text(), a["href"]) for a in page.select(".search-results h2 a")], page


@pytest.fixture
def call_documents(lt_site):
    pdf = make_document("Sodinimo taisyklės", "taisykles.pdf", pdf_bytes("Ąžuolų sodinimo tvarka ir terminai"))
    form = make_document("Paraiškos forma", "forma.docx", docx_bytes("Pareiškėjo duomenys", cell="Žemės sklypo plotas"))
    attach(lt_site["call"], pdf, form)
    return pdf, form


@pytest.mark.parametrize(("query", "title"), [
    ("azuolu sodinimo", "Sodinimo taisyklės"),  # PDF text, without diacritics
    ("tvarka terminai", "Sodinimo taisyklės"),
    ("pareiškėjo duomenys", "Paraiškos forma"),  # a DOCX paragraph
    ("zemes sklypo", "Paraiškos forma"),  # a DOCX table cell
])
def test_text_of_pdf_and_docx_call_documents_is_found(client, call_documents, query, title):
    found, _ = results(client, query)
    document = get_document_model().objects.get(title=title)
    assert found == [(title, document.url)]


def test_documents_have_a_facet_of_their_own(client, call_documents):
    found, page = results(client, "sodinimo")
    assert [title for title, _ in found] == ["Sodinimo taisyklės"]
    facet = [a.get_text(" ", strip=True) for a in page.select("#search-facet-tipas ~ ul a")]
    assert f"{lt('Documents')} (1)" in facet
    assert results(client, "sodinimo", tipas="dokumentai")[0] == found
    assert results(client, "sodinimo", tipas="kvietimai")[0] == []
    assert page.select_one(".search-results mark").get_text() == "sodinimo"


def test_documents_no_public_page_links_to_are_not_found(client, lt_site, home_page):
    make_document("Vertinimo pažyma", "pazyma.docx", docx_bytes("Slaptas vertinimas"))  # linked from nowhere
    restricted = Collection.get_first_root_node().add_child(name="Vidiniai")
    CollectionViewRestriction.objects.create(collection=restricted, restriction_type="login")
    hidden = make_document("Vidinis", "vidinis.docx", docx_bytes("Slaptas protokolas"))
    hidden.collection = restricted
    hidden.save()
    attach(lt_site["call"], hidden)
    draft = add_call(lt_site["call"].get_parent(), "Juodraštis", lt_site["call"].opens_at, lt_site["call"].closes_at,
                     lt_site["call"].measure, publish=False)
    draft.documents.add(CallDocument(document=make_document("Priedas", "priedas.docx", docx_bytes("Slaptas priedas")),
                                     document_type=DocumentType.OTHER))
    draft.save()
    assert results(client, "slaptas")[0] == []


def upload(admin_client, title, name, content):
    response = admin_client.post(reverse("wagtaildocs:add"), {
        "title": title, "file": SimpleUploadedFile(name, content), "collection": Collection.get_first_root_node().pk,
    })
    assert response.status_code == 302, response.content.decode()[:500]
    return get_document_model().objects.get(title=title)


def test_broken_and_encrypted_files_upload_and_are_found_by_title(admin_client, client, lt_site):
    broken = upload(admin_client, "Sugadintas failas", "sugadintas.pdf", b"%PDF-1.7 not really a pdf")
    locked = upload(admin_client, "Užrakintas failas", "uzrakintas.pdf", pdf_bytes("Slapta paslaptis", password="x"))
    bad_docx = upload(admin_client, "Netikras docx", "netikras.docx", b"PK\x03\x04 broken zip")
    good = upload(admin_client, "Tikras failas", "tikras.pdf", pdf_bytes("Bendruomenės šventė"))
    assert DocumentText.objects.get(document=good).text == "Bendruomenės šventė"
    for document in (broken, locked, bad_docx):
        assert DocumentText.objects.get(document=document).text == ""
    attach(lt_site["call"], broken, locked, bad_docx, good)
    found = sorted(title for title, _ in results(client, "failas")[0])
    assert found == ["Sugadintas failas", "Tikras failas", "Užrakintas failas"]
    assert results(client, "paslaptis")[0] == []
    assert [title for title, _ in results(client, "svente")[0]] == ["Tikras failas"]


def test_a_new_file_is_read_again_and_old_documents_are_read_by_the_command(client, call_documents):
    pdf, form = call_documents
    pdf.file = ContentFile(pdf_bytes("Pievų šienavimo grafikas"), name="grafikas.pdf")
    pdf.save()
    assert results(client, "tvarka")[0] == []
    assert [title for title, _ in results(client, "sienavimo")[0]] == ["Sodinimo taisyklės"]
    DocumentText.objects.all().delete()
    call_command("extract_document_text", verbosity=0)
    assert [title for title, _ in results(client, "zemes sklypo")[0]] == ["Paraiškos forma"]


def test_pages_of_results_run_on_from_pages_into_documents(client, lt_site, home_page):
    for number in range(4):
        add_page(home_page, f"Skelbimas {number}", "Susitikimas Ignalinoje.")
    attach(lt_site["call"], make_document("Ataskaita", "ataskaita.docx", docx_bytes("Veikla Ignalinoje")))
    first, page = results(client, "Ignalinoje")
    assert len(first) == 10 and "Ataskaita" not in [title for title, _ in first]
    next_link = page.select_one(".pagination a[rel=next]")["href"]
    assert "q=Ignalinoje" in next_link and "page=2" in next_link
    second = BeautifulSoup(client.get("/paieska/" + next_link).content, "html.parser")
    titles = [a.get_text() for a in second.select(".search-results h2 a")]
    assert len(titles) == 2 and titles[-1] == "Ataskaita"
    assert second.select_one(".search-results")["start"] == "11"
