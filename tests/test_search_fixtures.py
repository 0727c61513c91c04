"""Content and files the site search tests share (this module holds no tests).

Pages come from the apps' own test helpers; the words in them are chosen for the search pairs.
"""

import datetime
import io

import docx
import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject, NumberObject
from wagtail.documents import get_document_model

from home.models import StandardPage
from tests.test_calls import add_call, call_index  # noqa: F401 - fixtures used by name
from tests.test_events_fixtures import add_event, event_index  # noqa: F401
from tests.test_news import add_news, news_index  # noqa: F401
from tests.test_projects import add_project, measures, organisations, project_index  # noqa: F401
from vvg.calls.choices import DocumentType
from vvg.calls.models import CallDocument

D = datetime.date


def add_page(parent, title, intro="", publish=True, **extra):
    page = StandardPage(title=title, slug=extra.pop("slug", None) or f"p-{StandardPage.objects.count() + 1}",
                        intro=intro, live=False, **extra)
    parent.add_child(instance=page)
    if publish:
        page.save_revision().publish()
        page.refresh_from_db()
    return page


@pytest.fixture
def lt_site(home_page, news_index, event_index, call_index, project_index, organisations, measures):
    """One page of every kind; all mention "Ignalinoje", each with its own Lithuanian words."""
    opens = timezone.make_aware(datetime.datetime(2025, 3, 3, 9))
    return {
        "call": add_call(call_index, "Kvietimas kaimo verslams", opens, opens + datetime.timedelta(days=60), measures["VPS-1.1"],
                         eligible_activities="<p>Žemės ūkis ir amatai Ignalinoje.</p>"),
        "project": add_project(project_index, "Bendruomenės daržai", organisations["civil"], measures["VPS-1.1"],
                               aim="Daržininkystės būrelis Ignalinoje.", start_date=D(2025, 6, 1)),
        "news": add_news(news_index, "Pasodinta alėja", date=D(2024, 10, 5),
                         body=[("paragraph", "<p>Prie bendruomenės namų Ignalinoje pasodintas ąžuolas.</p>")]),
        "news_2025": add_news(news_index, "Metų ataskaita", date=D(2025, 1, 20), body=[("paragraph", "<p>VVG darbai Ignalinoje.</p>")]),
        "training": add_event(event_index, "Mokymų ciklas pareiškėjams",
                              start=timezone.make_aware(datetime.datetime(2025, 11, 4, 10)),
                              intro="Praktiniai užsiėmimai Ignalinoje."),
        # Typed without diacritics, as visitors often do; queries with them must find it too.
        "howto": add_page(home_page, "Kaip pateikti paraiska", "Paraiskos pildymo zingsniai Ignalinoje."),
        "about": add_page(home_page, "Apie grupę", "Vietos veiklos grupė Ignalinoje."),
    }


LETTERS = "ąčęėįšųūžĄČĘĖĮŠŲŪŽ"
GLYPHS = ["aogonek", "ccaron", "eogonek", "edotaccent", "iogonek", "scaron", "uogonek", "umacron", "zcaron"]
GLYPHS += [name[0].upper() + name[1:] for name in GLYPHS]


def pdf_bytes(text, password=None):
    """A real one-page PDF showing `text` in Helvetica; Lithuanian letters by glyph name (/Differences)."""
    codes = {letter: 128 + i for i, letter in enumerate(LETTERS)}
    raw = bytes(codes.get(char, ord(char)) for char in text)
    raw = raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    encoding = DictionaryObject({
        NameObject("/Type"): NameObject("/Encoding"),
        NameObject("/BaseEncoding"): NameObject("/WinAnsiEncoding"),
        NameObject("/Differences"): ArrayObject([NumberObject(128), *(NameObject("/" + name) for name in GLYPHS)]),
    })
    font = DictionaryObject({
        NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Helvetica"), NameObject("/Encoding"): encoding,
    })
    writer = PdfWriter()
    page = writer.add_blank_page(width=595, height=842)
    page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})})
    stream = DecodedStreamObject()
    stream.set_data(b"BT /F1 12 Tf 72 770 Td (" + raw + b") Tj ET")
    page.replace_contents(stream)
    if password:
        writer.encrypt(password)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def docx_bytes(paragraph, cell=""):
    document = docx.Document()
    document.add_paragraph(paragraph)
    if cell:
        document.add_table(rows=1, cols=1).rows[0].cells[0].text = cell
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def make_document(title, name, content):
    return get_document_model().objects.create(title=title, file=ContentFile(content, name=name))


def attach(call, *documents):
    """Publish `call` with `documents` as its call documents."""
    for document in documents:
        call.documents.add(CallDocument(document=document, document_type=DocumentType.OTHER))
    call.save_revision().publish()
    call.refresh_from_db()
    return call
