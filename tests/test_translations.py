"""Lithuanian is the site's language: every string of our own apps is translated and compiled."""

import gettext
from pathlib import Path

import polib
from django.conf import settings

PO_FILE = Path(settings.BASE_DIR) / "locale" / "lt" / "LC_MESSAGES" / "django.po"


def test_every_string_of_our_apps_has_a_lithuanian_translation():
    catalog = polib.pofile(str(PO_FILE))
    untranslated = [entry.msgid for entry in catalog.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalog.fuzzy_entries()]
    assert not untranslated, f"untranslated: {untranslated}"
    assert not fuzzy, f"fuzzy (check and clear the flag): {fuzzy}"


def test_compiled_catalog_matches_the_po_file():
    catalog = polib.pofile(str(PO_FILE))
    with open(PO_FILE.with_suffix(".mo"), "rb") as mo_file:
        compiled = gettext.GNUTranslations(mo_file)
    def compiled_text(entry):
        if entry.msgctxt:
            return compiled.pgettext(entry.msgctxt, entry.msgid)
        return compiled.gettext(entry.msgid)

    stale = [
        entry.msgid
        for entry in catalog.translated_entries()
        if not entry.msgid_plural and compiled_text(entry) != entry.msgstr
    ]
    assert not stale, f"run `make messages`: the .mo file is out of date for {stale[:5]}"
