"""Document search: the text of uploaded PDF and DOCX files, and which documents the public may find.

Text is read when a document is saved (pypdf for PDF, python-docx for DOCX). Files come from
editors' uploads and may be broken, encrypted or odd: reading them must never make an upload or a
search fail, so any failure of the readers means "no text" and the document is still found by title.
"""

import logging
from pathlib import PurePath

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField
from django.db.models.functions import Cast
from wagtail.documents import get_document_model
from wagtail.models import CollectionViewRestriction, Page, ReferenceIndex

from .models import DocumentText

logger = logging.getLogger(__name__)

MAX_CHARS = 200_000  # enough for any call's conditions; keeps the index small for huge files
MAX_PDF_PAGES = 300


def _pdf_text(file):
    from pypdf import PdfReader

    reader = PdfReader(file)
    # Files protected only against editing open with an empty password; others stay unread.
    if reader.is_encrypted and not reader.decrypt(""):
        return ""
    parts, length = [], 0
    for page in reader.pages[:MAX_PDF_PAGES]:
        text = page.extract_text() or ""
        parts.append(text)
        length += len(text)
        if length >= MAX_CHARS:
            break
    return "\n".join(parts)


def _docx_text(file):
    import docx

    document = docx.Document(file)
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


READERS = {".pdf": _pdf_text, ".docx": _docx_text}


def extract_text(document):
    """The document's text, or "" when its type has no reader or the file cannot be read."""
    reader = READERS.get(PurePath(document.file.name).suffix.lower())
    if reader is None:
        return ""
    try:
        with document.file.open("rb") as file:
            text = reader(file)
    except Exception:  # noqa: BLE001 - a third-party parser on an uploaded file: any failure means no text
        logger.warning("Could not read the text of document %s", document.pk, exc_info=True)
        return ""
    return " ".join(text.split())[:MAX_CHARS]


def sync_document_text(document):
    """Read the text again when the file changed; re-index the title either way."""
    entry = DocumentText.objects.filter(document=document).first()
    if entry is None:
        entry = DocumentText(document=document)
    if entry.source_name != document.file.name:
        entry.text = extract_text(document)
        entry.source_name = document.file.name
    entry.save()  # saving re-indexes it, with the document's current title
    return entry


def public_document_ids(public_pages):
    """Documents a live, public page links to (call documents, document lists, rich text), outside private collections.

    An upload nobody links to (an indicator's evidence, a draft's attachment) is not public yet.
    """
    document_type = ContentType.objects.get_for_model(get_document_model())
    page_type = ContentType.objects.get_for_model(Page)
    page_ids = public_pages.annotate(key=Cast("pk", output_field=CharField())).values("key")
    linked = ReferenceIndex.objects.filter(
        base_content_type=page_type, object_id__in=page_ids, to_content_type=document_type
    ).values_list("to_object_id", flat=True)
    restricted = set()
    for restriction in CollectionViewRestriction.objects.select_related("collection"):
        restricted.update(restriction.collection.get_descendants(inclusive=True).values_list("pk", flat=True))
    documents = get_document_model().objects.filter(pk__in={int(pk) for pk in linked})
    return documents.exclude(collection__in=restricted).values_list("pk", flat=True)
