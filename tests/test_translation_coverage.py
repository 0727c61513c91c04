"""Editors see a Lithuanian admin: our apps fully translated, Wagtail and the admin packages nearly so.

Coverage is measured as Django resolves strings at runtime (scripts/translation_coverage.py): our
`locale/` and `locale_thirdparty/` catalogues first, then each package's own Lithuanian."""

import json
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import reverse

sys.path.insert(0, str(Path(settings.BASE_DIR) / "scripts"))
import thirdparty_messages  # noqa: E402
import translation_coverage  # noqa: E402

THIRD_PARTY_MINIMUM = 0.95


@pytest.fixture(scope="module")
def coverage():
    return translation_coverage.coverage()


def shortfall(items):
    """Each package below its mark, with its share and a few of the ids it lacks."""
    return {f"{item.package} [{item.domain}]": (f"{item.share:.1%}", [e.msgid for e in item.missing[:3]])
            for item in items}


def test_every_package_whose_strings_editors_see_is_measured(coverage):
    measured = {(item.package, item.domain) for item in coverage if item.total}
    expected = {("wagtail", "django"), ("wagtail.admin", "django"), ("wagtail.admin", "djangojs"),
                ("wagtail.contrib.forms", "django"), ("wagtail.snippets", "django"),
                ("wagtail_modeladmin", "django"), ("import_export", "django"), ("django", "django"),
                ("django.contrib.auth", "django"), ("taggit", "django"), ("django_filters", "django"),
                ("vvg.core", "django"), ("events", "django"), ("site (home, search, templates)", "django")}
    assert expected <= measured


def test_our_own_apps_are_fully_translated(coverage):
    incomplete = [item for item in coverage if item.own and item.share < 1]
    assert not incomplete, f"run scripts/messages.py missing: {shortfall(incomplete)}"


def test_wagtail_and_the_admin_packages_are_at_least_95_percent_lithuanian(coverage):
    incomplete = [item for item in coverage if not item.own and item.share < THIRD_PARTY_MINIMUM]
    assert not incomplete, f"run scripts/thirdparty_messages.py missing: {shortfall(incomplete)}"


@pytest.mark.parametrize("domain", thirdparty_messages.DOMAINS)
def test_third_party_catalogue_keeps_placeholders_and_is_compiled(domain):
    po_file = thirdparty_messages.catalogue_path(domain)
    # --check-format fails on a translation that drops or renames a %(name)s or {name} placeholder.
    subprocess.run(["msgfmt", "--check-format", "-o", "/dev/null", str(po_file)], check=True)
    key = translation_coverage.message_key
    compiled = {key(entry): entry.msgstr for entry in polib.mofile(str(po_file.with_suffix(".mo")))
                if not entry.msgid_plural}
    written = {key(entry): entry.msgstr for entry in polib.pofile(str(po_file)).translated_entries()
               if not entry.msgid_plural}
    assert compiled == written, "recompile with scripts/thirdparty_messages.py prune: the .mo is stale"


@pytest.fixture
def admin_client(client, django_user_model):
    # No language preference of its own: the admin follows the site's default, Lithuanian.
    user = django_user_model.objects.create_superuser("vadove", "vadove@example.lt", "Slaptas-zodis-1")
    client.force_login(user)
    return client


def admin_pages(home_page):
    return {
        "dashboard": reverse("wagtailadmin_home"),
        "page editor": reverse("wagtailadmin_pages:edit", args=[home_page.id]),
        "participant register": reverse("events_registration_modeladmin_index"),
        "register import": reverse("vvg_registers:import", args=["events", "registration"]),
    }


# Labels Wagtail, modeladmin and our admin show on every page of the admin, formerly in English.
EVERY_PAGE_LITHUANIAN = ["Pereiti prie pagrindinio turinio", "Spartieji klavišai", "Išsaugoti pakeitimus"]
EVERY_PAGE_FORMERLY_ENGLISH = ["Skip to main content", "Keyboard shortcuts", "Save changes",
                               "Toggle sidebar", "Close modal dialogs", "Paste without formatting"]
ON_THE_PAGE = {
    "dashboard": (["Prietaisų skydas", "Ieškoti visuose puslapiuose…"],
                  ["Search all pages…", "editor guide"]),
    "page editor": (
        ["Turinio rodikliai", "Skaitymo laikas", "Pasirinkite, kas gali matyti publikuotą šio puslapio versiją"],
        ["Content metrics", "Reading time", "Minimap", "Choose who can view the live version of this page"],
    ),
    "participant register": (["Dalyvių registras", "Importuoti"], ["Participant register", ">Import<"]),
    "register import": (["Importuoti", "Rodyti arba slėpti naršymo kelią"],
                        ["Toggle breadcrumbs", "Import:"]),
}


@pytest.mark.django_db
@pytest.mark.parametrize("name", list(ON_THE_PAGE))
def test_admin_pages_speak_lithuanian_to_a_superuser(admin_client, home_page, name):
    response = admin_client.get(admin_pages(home_page)[name])
    assert response.status_code == 200
    content = response.content.decode()
    lithuanian, english = ON_THE_PAGE[name]
    assert [label for label in EVERY_PAGE_LITHUANIAN + lithuanian if label not in content] == []
    assert [label for label in EVERY_PAGE_FORMERLY_ENGLISH + english if label in content] == []


@pytest.mark.django_db
def test_admin_javascript_strings_are_lithuanian_with_four_plural_forms(admin_client):
    content = admin_client.get(reverse("wagtailadmin_javascript_catalog")).content.decode()

    def in_catalogue(text):  # the catalogue is JavaScript with non-ASCII letters escaped
        return json.dumps(text) in content

    assert in_catalogue("Įterpti bloką")  # "Insert a block", Wagtail's block picker
    assert in_catalogue("Prisegti įrankių juostą")  # "Pin toolbar", the rich text editor
    assert in_catalogue("%(num)s klaida") and in_catalogue("%(num)s klaidų")  # one and ten errors
