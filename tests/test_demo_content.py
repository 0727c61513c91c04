"""`manage.py load_demo_content`: the pages it builds render, and a second run changes nothing."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page, Revision, Site

from home.models import StandardPage
from vvg.core.models import VVGSettings

PAGES = {
    "/apie-vvg/": "Apie VVG",
    "/apie-vvg/strategija/": "Vietos plėtros strategija",
    "/dokumentai/": "Dokumentai",
    "/kontaktai/": "Kontaktai",
    "/prieinamumas/": "Prieinamumo deklaracija",
    "/privatumas/": "Privatumo pranešimas",
}


def load():
    out = StringIO()
    call_command("load_demo_content", stdout=out)
    return out.getvalue()


@pytest.mark.parametrize(("path", "title"), PAGES.items())
def test_pages_render_with_their_titles(home_page, client, path, title):
    load()
    response = client.get(path)
    assert response.status_code == 200
    assert f"<h1>{title}</h1>" in response.content.decode()


def test_home_page_shows_goal_problems_indicators_and_agreement(home_page, client):
    load()
    html = client.get("/").content.decode()
    assert "<h1>Ignalinos miesto vietos veiklos grupė</h1>" in html
    assert "Mažinti socialiai pažeidžiamų grupių socialinę atskirtį" in html
    assert "Nr. 11-008-T-0009" in html and "Centrine projektų valdymo agentūra" in html
    assert "Nr. 1V-478" in html
    assert "<li>skurdo rizikos lygis Ignalinos rajono savivaldybėje yra apie 10 proc. didesnis nei šalies;</li>" in html
    assert "P.B.2.0080" in html and "R.S.2.3034" in html and "<caption>" in html
    assert 'href="/apie-vvg/"' in html  # the call to action
    assert "2023-2029" not in html and "2023–2029" not in html  # the source's typo in the agreement title


def test_pages_are_published_under_the_home_page_with_menu_flags(home_page):
    load()
    pages = {page.slug: page for page in StandardPage.objects.filter(locale=home_page.locale)}
    assert set(pages) == {"apie-vvg", "strategija", "dokumentai", "kontaktai", "prieinamumas", "privatumas"}
    for page in pages.values():
        assert page.live and page.live_revision_id and not page.has_unpublished_changes
        assert page.show_in_menus is (page.slug not in {"prieinamumas", "privatumas"})
    assert pages["strategija"].get_parent().pk == pages["apie-vvg"].pk
    assert all(pages[slug].get_parent().pk == home_page.pk for slug in pages if slug != "strategija")
    home_page.refresh_from_db()
    assert home_page.live_revision_id and home_page.body


def test_strategy_page_has_faq_that_opens_without_javascript(home_page, client):
    load()
    html = client.get("/apie-vvg/strategija/").content.decode()
    assert html.count("<details>") >= 4
    assert "rezervinis sąrašas" in html.lower() and "Nr. 1V-478" in html


def test_contacts_and_settings_use_the_generic_placeholders(home_page, client):
    load()
    settings = VVGSettings.for_site(Site.objects.get(is_default_site=True))
    assert settings.email == "info@ignalinosvvg.lt"
    assert settings.facebook_url == "https://www.facebook.com/groups/1342695026522437"
    assert settings.municipality_url.endswith("/ignalinos-miesto-vietos-veiklos-grupe/677")
    assert settings.address and not settings.phone
    html = client.get("/kontaktai/").content.decode()
    assert "VVG administracija" in html and "mailto:info@ignalinosvvg.lt" in html and "tel:" not in html


def test_second_run_creates_no_pages_and_no_revisions(home_page):
    first = load()
    assert "0 already present" in first
    counts = (Page.objects.count(), Revision.objects.count())
    revisions = dict(Page.objects.values_list("pk", "latest_revision_id"))

    second = load()

    assert (Page.objects.count(), Revision.objects.count()) == counts
    assert dict(Page.objects.values_list("pk", "latest_revision_id")) == revisions
    assert "0 created" in second


def test_existing_content_and_settings_are_kept(home_page):
    home_page.body = [{"type": "paragraph", "value": "<p>Redaktoriaus tekstas</p>"}]
    home_page.save_revision().publish()
    home_page.add_child(instance=StandardPage(title="Mūsų kontaktai", slug="kontaktai"))
    site = Site.objects.get(is_default_site=True)
    VVGSettings.objects.update_or_create(site=site, defaults={"email": "vvg@example.org"})

    load()

    home_page.refresh_from_db()
    assert home_page.body[0].value.source == "<p>Redaktoriaus tekstas</p>"
    assert [page.title for page in home_page.get_children().filter(slug="kontaktai")] == ["Mūsų kontaktai"]
    settings = VVGSettings.for_site(site)
    assert settings.email == "vvg@example.org" and settings.facebook_url  # only the empty ones are filled


def test_fails_clearly_without_a_home_page_as_site_root(db):
    Site.objects.all().delete()
    with pytest.raises(CommandError, match="HomePage"):
        load()


def test_common_questions_lead_to_their_promoted_answers(home_page, client):
    load()
    html = client.get("/paieska/", {"q": "paraiska"}).content.decode()
    assert "Rekomenduojama" in html and "/kvietimai/" in html
