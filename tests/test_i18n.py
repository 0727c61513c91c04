"""English as the second language: the Lithuanian site unchanged, the English pages under /en/, the switcher."""

import re

import pytest
from bs4 import BeautifulSoup
from django.utils import translation

from home.models import HomePage, StandardPage
from vvg.calls.models import CallPage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_content")]
NBSP = "\u00a0"


def soup_of(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return BeautifulSoup(response.content, "html.parser")


def switcher(soup):
    """{visible text: link} of the language switcher; {} when the page has none."""
    nav = soup.select_one("nav.language-switcher")
    return {a.get_text(strip=True): a for a in nav.find_all("a")} if nav else {}


def alternates(soup):
    return {link["hreflang"]: link["href"] for link in soup.select("head link[rel=alternate][hreflang]")}


def test_lithuanian_page_links_to_its_english_translation_and_back(client):
    links = switcher(soup_of(client, "/apie-vvg/"))
    assert list(links) == ["Lietuvių", "English"]
    english = links["English"]
    assert english["href"] == "/en/about/"
    assert (english["lang"], english["hreflang"]) == ("en", "en") and not english.has_attr("aria-current")
    assert links["Lietuvių"]["aria-current"] == "true" and links["Lietuvių"]["href"] == "/apie-vvg/"

    back = switcher(soup_of(client, "/en/about/"))
    assert back["Lietuvių"]["href"] == "/apie-vvg/" and back["Lietuvių"]["lang"] == "lt"
    assert back["English"]["aria-current"] == "true"


def test_a_page_without_translation_links_to_the_english_home_page(client):
    links = switcher(soup_of(client, "/dokumentai/"))
    assert links["English"]["href"] == "/en/"
    assert "<h1>Ignalina Town Local Action Group</h1>" in client.get("/en/").content.decode()


@pytest.mark.parametrize("url", ["/", "/apie-vvg/", "/apie-vvg/strategija/", "/kontaktai/", "/kvietimai/",
                                 "/kvietimai/kvietimas-nr-1/", "/kvietimai/kvietimas-nr-2/", "/naujienos/",
                                 "/paieska/?q=strategija", "/en/", "/en/about/", "/en/calls/call-no-2/"])
def test_the_switcher_never_leads_to_a_missing_page(client, url):
    links = switcher(soup_of(client, url))
    assert set(links) == {"Lietuvių", "English"}
    for link in links.values():
        assert client.get(link["href"]).status_code == 200, f"{url} links to {link['href']}"


@pytest.mark.parametrize("url", ["/nera-tokio/", "/en/no-such-page/"])
def test_a_missing_page_offers_both_home_pages(client, url):
    response = client.get(url)
    assert response.status_code == 404
    links = switcher(BeautifulSoup(response.content, "html.parser"))
    assert {name: link["href"] for name, link in links.items()} == {"Lietuvių": "/", "English": "/en/"}


def test_no_switcher_while_english_content_is_missing_or_unpublished(client):
    for page in HomePage.objects.get(locale__language_code="en").get_descendants(inclusive=True).live():
        page.unpublish(set_expired=False, log_action=False)  # as the admin's "unpublish with subpages"
    for url in ("/", "/apie-vvg/", "/dokumentai/"):
        assert switcher(soup_of(client, url)) == {}, url


def test_a_draft_translation_is_not_linked(client):
    about = StandardPage.objects.get(locale__language_code="en", slug="about")
    about.unpublish(set_expired=False, log_action=False)
    soup = soup_of(client, "/apie-vvg/")
    assert switcher(soup)["English"]["href"] == "/en/"
    assert alternates(soup) == {}


def test_translated_pages_name_each_language_version_in_the_head(client):
    soup = soup_of(client, "/apie-vvg/")
    found = alternates(soup)
    assert set(found) == {"lt", "en", "x-default"}
    assert found["lt"].endswith("/apie-vvg/") and found["en"].endswith("/en/about/")
    assert found["x-default"] == found["lt"] and found["en"].startswith("http")
    assert alternates(soup_of(client, "/en/about/")) == found
    assert alternates(soup_of(client, "/dokumentai/")) == {}  # no translation: nothing to point to


def test_html_lang_follows_the_page_language(client):
    assert soup_of(client, "/apie-vvg/").html["lang"] == "lt"
    assert soup_of(client, "/en/about/").html["lang"] == "en"
    assert soup_of(client, "/en/").html["lang"] == "en"


def test_english_pages_speak_english_around_the_content(client):
    soup = soup_of(client, "/en/about/")
    text = soup.get_text(" ", strip=True)
    assert soup.select_one("a.skip-link").get_text(strip=True) == "Skip to content"
    assert soup.select_one(".site-search label").get_text(strip=True) == "Search the site"
    assert soup.select_one(".site-search")["action"] == "/en/paieska/"
    assert soup.select_one("nav.main-nav")["aria-label"] == "Main menu"
    assert "Accessibility statement" in text and "Privacy notice" in text
    assert soup.select_one("footer .eu-statement").get_text(strip=True) == "Co-funded by the European Union"
    for lithuanian in ("Pereiti prie turinio", "Bendrai finansuoja", "Pagrindinis meniu", "Prieinamumo deklaracija"):
        assert lithuanian not in text
    lithuanian_page = soup_of(client, "/apie-vvg/")
    assert lithuanian_page.select_one("footer .eu-statement").get_text(strip=True) == "Bendrai finansuoja Europos Sąjunga"


def test_menu_and_breadcrumbs_stay_in_the_english_tree(client):
    soup = soup_of(client, "/en/calls/call-no-2/")
    menu = {a.get_text(strip=True): a["href"] for a in soup.select("nav.main-nav a")}
    assert menu == {"Home": "/en/", "Calls": "/en/calls/", "About the LAG": "/en/about/"}
    assert soup.select_one("nav.main-nav a[aria-current=page]").get_text(strip=True) == "Calls"
    crumbs = [(a.get_text(strip=True), a["href"]) for a in soup.select("nav.breadcrumbs a")]
    assert crumbs == [("Home", "/en/"), ("Calls", "/en/calls/")]
    lithuanian_menu = [a["href"] for a in soup_of(client, "/").select("nav.main-nav a")]
    assert not any(href.startswith("/en/") for href in lithuanian_menu)


def test_english_call_shows_english_amounts_and_dates(client):
    call = CallPage.objects.get(locale__language_code="en")
    text = soup_of(client, "/en/calls/call-no-2/").get_text(" ", strip=True)
    assert "Promoting local entrepreneurship and social business" in text
    assert "€120,000.00" in text and "€25,000.00" in text and "70%" in text
    assert f"120{NBSP}000,00{NBSP}€" not in text
    with translation.override("en"):
        assert call.closes_at.strftime("%Y") in text
    month = r"(Jan|Feb|March|April|May|June|July|Aug|Sept|Oct|Nov|Dec)\.? \d{1,2}, \d{4}"
    assert re.search(month, text), "dates in English"
    lithuanian = soup_of(client, "/kvietimai/kvietimas-nr-2/").get_text(" ", strip=True)
    assert f"120{NBSP}000,00{NBSP}€" in lithuanian and f"70{NBSP}%" in lithuanian


def test_english_home_page_gathers_only_english_content(client):
    soup = soup_of(client, "/en/")
    calls = soup.find(attrs={"aria-labelledby": "home-calls"})
    titles = [h.get_text(strip=True) for h in calls.select(".card-list h3")]
    assert titles == [CallPage.objects.get(locale__language_code="en").title]
    assert calls.find("a", string="All calls")["href"] == "/en/calls/"
    assert not soup.find(attrs={"aria-labelledby": "home-news"})  # no English news yet: no section
    lithuanian = soup_of(client, "/").find(attrs={"aria-labelledby": "home-calls"})
    assert "Promoting local entrepreneurship" not in lithuanian.get_text()


@pytest.mark.parametrize("headers", [{"HTTP_ACCEPT_LANGUAGE": "en"}, {"HTTP_ACCEPT_LANGUAGE": "en-GB,en;q=0.9"}])
def test_lithuanian_stays_the_default_for_an_english_browser(client, headers):
    client.cookies["django_language"] = "en"
    response = client.get("/", **headers)
    assert response.status_code == 200  # no redirect to /en/
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.html["lang"] == "lt" and response["Content-Language"] == "lt"
    assert soup.select_one("a.skip-link").get_text(strip=True) == "Pereiti prie turinio"
    assert "<h1>Ignalinos miesto vietos veiklos grupė</h1>" in response.content.decode()


@pytest.mark.parametrize("url", ["/api/v2/pages/", "/api/v3/openapi.json", "/sitemap.xml", "/robots.txt",
                                 "/kvietimai/rss/", "/naujienos/atom/", "/renginiai/ical/", "/embed/kvietimai/",
                                 "/projektai/duomenys.csv", "/admin/login/"])
def test_other_addresses_keep_working_without_a_prefix(client, url):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200, f"{url} answered {response.status_code}"


def test_the_sitemap_lists_the_pages_of_both_languages(client):
    sitemap = client.get("/sitemap.xml").content.decode()
    for path in ("/apie-vvg/", "/kvietimai/kvietimas-nr-2/", "/en/", "/en/about/", "/en/calls/call-no-2/"):
        assert f"{path}</loc>" in sitemap, path
    assert sitemap.count("/en/") == 4
