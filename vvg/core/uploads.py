"""Uploaded documents must be what their extension says.

Wagtail checks a document's extension (WAGTAILDOCS_EXTENSIONS) and size (WAGTAILDOCS_MAX_UPLOAD_SIZE),
but not its content: a program or a web page renamed `.pdf` would be offered to the public as a
PDF. The first bytes of the file decide. Images need nothing here: Wagtail opens every uploaded
image and refuses what is not one, and WAGTAILIMAGES_MAX_IMAGE_PIXELS with Pillow's own limit
refuses decompression bombs.

Activated by WAGTAILDOCS_DOCUMENT_FORM_BASE = "vvg.core.uploads.DocumentForm".
"""

import os

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image
from wagtail.documents.forms import BaseDocumentForm

ZIP = (b"PK\x03\x04", b"PK\x05\x06")  # a ZIP archive, or an empty one
OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)  # the container of old Word/Excel files

# Extension -> the ways a genuine file of that kind begins. Office Open XML, OpenDocument and
# e-signature containers (ASiC-E, ADOC) are ZIP archives.
SIGNATURES = {
    "pdf": (b"%PDF-",),
    "doc": OLE,
    "xls": OLE,
    "ppt": OLE,
    "rtf": (b"{\\rtf",),
    **{extension: ZIP for extension in ("docx", "xlsx", "pptx", "odt", "ods", "odp", "zip", "asice", "adoc")},
}
# Plain text has no signature; it must not be binary, nor a web page a browser might run.
TEXT = {"txt", "csv"}
HTML_STARTS = (b"<!doctype html", b"<html", b"<script", b"<svg", b"<?xml")
HEAD_BYTES = 8192


def read_head(uploaded):
    position = uploaded.tell()
    uploaded.seek(0)
    head = uploaded.read(HEAD_BYTES)
    uploaded.seek(position)
    return head


def content_matches_extension(name, head):
    extension = os.path.splitext(name)[1].lower().lstrip(".")
    if extension in SIGNATURES:
        return head.startswith(SIGNATURES[extension])
    if extension in TEXT:
        start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
        return b"\x00" not in head and not start.startswith(HTML_STARTS)
    return True  # an extension the site allows but we know no signature of


def validate_document_content(uploaded):
    if not content_matches_extension(uploaded.name, read_head(uploaded)):
        raise ValidationError(
            _("The content of “%(name)s” does not match its extension. Upload the file in the format its name says."),
            code="content_mismatch",
            params={"name": os.path.basename(uploaded.name)},
        )


class DocumentForm(BaseDocumentForm):
    """Wagtail's document form (single and multiple upload, choosers) with the content check."""

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded and "file" in self.changed_data:
            validate_document_content(uploaded)
        return uploaded


def limit_image_pixels():
    """Make Pillow itself refuse what Wagtail's upload form refuses, wherever an image is opened.

    Pillow warns above MAX_IMAGE_PIXELS and raises above twice that; with Wagtail's limit here,
    a decompression bomb that reached storage some other way cannot exhaust memory in a rendition.
    """
    limit = getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", None)
    if limit:
        Image.MAX_IMAGE_PIXELS = limit
