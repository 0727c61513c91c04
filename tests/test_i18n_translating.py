"""English as the second language before any demo content: the locale, translating a tree, number formats."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale, Page

from home.models import HomePage, StandardPage
from tests.test_i18n import NBSP, alternates, soup_of, switcher
from vvg.core.roles import EDITORS
from vvg.core.templatetags.vvg_tags import euro, lt_number, percent

pytestmark = pytest.mark.django_db


def test_migration_adds_english_and_keeps_the_tree_lithuanian(home_page):
    assert Locale.objects.filter(language_code="en").exists()
    assert home_page.locale.language_code == "lt"
    assert Locale.get_default().language_code == "lt"
    assert not Page.objects.filter(depth__gt=1).exclude(locale=home_page.locale).exists()


def test_a_site_with_one_language_shows_no_switcher(client, home_page):
    soup = soup_of(client, "/")
    assert switcher(soup) == {} and alternates(soup) == {}


def test_number_filters_follow_the_active_language():
    assert (lt_number(12500), euro(12500), percent(62.5)) == (f"12{NBSP}500", f"12{NBSP}500,00{NBSP}€", f"62,5{NBSP}%")
    with translation.override("en"):
        assert (lt_number(12500), euro(12500), percent(62.5)) == ("12,500", "€12,500.00", "62.5%")
        assert lt_number("2.5") == "2.50"


def test_an_editor_translates_a_page_tree_into_english_drafts(client, home_page, make_user):
    about = StandardPage(title="Apie VVG", slug="apie-vvg")
    home_page.add_child(instance=about)
    about.save_revision().publish()
    strategy = StandardPage(title="Strategija", slug="strategija")
    about.add_child(instance=strategy)
    strategy.save_revision().publish()
    english = Locale.objects.get(language_code="en")
    client.force_login(make_user("redaktore", EDITORS))

    url = reverse("simple_translation:submit_page_translation", args=[home_page.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"locales": [english.pk], "include_subtree": "on"})

    english_home = HomePage.objects.get(locale=english)
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_pages:edit", args=[english_home.pk])
    copies = {page.slug: page for page in Page.objects.filter(locale=english).exclude(pk=english_home.pk)}
    assert set(copies) == {"apie-vvg", "strategija"} and not english_home.live
    assert not any(page.live for page in copies.values())  # drafts until the editor translates and publishes
    assert not any(page.alias_of_id for page in copies.values())  # real copies, not aliases
    assert copies["strategija"].get_parent().pk == copies["apie-vvg"].pk
    assert english_home.get_translation(home_page.locale).pk == home_page.pk
    assert switcher(soup_of(client, "/apie-vvg/")) == {}  # nothing English is published yet

    english_home.title = "Ignalina Town Local Action Group"
    english_home.save_revision().publish()
    assert switcher(soup_of(client, "/apie-vvg/"))["English"]["href"] == "/en/"


def test_demo_translations_are_made_once(home_page):
    call_command("load_demo_content", verbosity=0)
    english = {page.url: page.title for page in Page.objects.filter(locale__language_code="en").specific()}
    assert english == {"/en/": "Ignalina Town Local Action Group", "/en/about/": "About the LAG",
                       "/en/calls/": "Calls",
                       "/en/calls/call-no-2/": "Call for local projects under the measure “Promoting local "
                                               "entrepreneurship and social business”"}
    revisions = dict(Page.objects.values_list("pk", "latest_revision_id"))
    call_command("load_demo_content", verbosity=0)
    assert dict(Page.objects.values_list("pk", "latest_revision_id")) == revisions
