"""Lithuanian is the site's language: every string of our own apps is translated and compiled.

The plugin's apps carry their own catalogues, so a host site that installs the package gets them."""

import gettext
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

sys.path.insert(0, str(Path(settings.BASE_DIR) / "scripts"))
from messages import catalogues  # noqa: E402

PLUGIN_APPS = ["vvg/core", "vvg/calls", "vvg/projects", "vvg/news", "vvg/evaluations",
               "vvg/indicators", "vvg/api", "events"]


def catalogue_name(po_file):
    return str(po_file.relative_to(settings.BASE_DIR).parents[3]).replace(".", "site")


def test_every_plugin_app_ships_its_catalogue():
    root = Path(settings.BASE_DIR)
    shipped = {str(path.relative_to(root).parents[3]) for path in catalogues()}
    assert set(PLUGIN_APPS) <= shipped


@pytest.mark.parametrize("po_file", catalogues(), ids=catalogue_name)
def test_every_string_has_a_lithuanian_translation(po_file):
    catalog = polib.pofile(str(po_file))
    untranslated = [entry.msgid for entry in catalog.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalog.fuzzy_entries()]
    assert not untranslated, f"untranslated: {untranslated}"
    assert not fuzzy, f"fuzzy (check and clear the flag): {fuzzy}"


@pytest.mark.parametrize("po_file", catalogues(), ids=catalogue_name)
def test_compiled_catalog_matches_the_po_file(po_file):
    catalog = polib.pofile(str(po_file))
    with open(po_file.with_suffix(".mo"), "rb") as mo_file:
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
