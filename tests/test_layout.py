"""The base layout every page carries: EU statement, landmarks, language, links, self-contained assets."""

from urllib.parse import urlparse

import pytest
from bs4 import BeautifulSoup
from django.test import RequestFactory
from django.views.defaults import server_error

from home.models import StandardPage
from vvg.core.models import VVGSettings

pytestmark = pytest.mark.django_db


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def add_standard_page(parent, title, slug, **fields):
    page = StandardPage(title=title, slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_home_page_carries_the_eu_emblem_and_statement(client, home_page):
    soup = soup_of(client.get("/"))
    statement = soup.select_one("footer .eu-statement")
    assert "Bendrai finansuoja Europos Sąjunga" in statement.get_text()
    assert statement.find("img")["src"].endswith("eu-emblem.svg")


def test_edited_eu_statement_shows_on_every_page(client, home_page):
    settings = VVGSettings.for_site(home_page.get_site())
    settings.eu_statement = "Finansuoja Europos Sąjunga (pakeista)"
    settings.save()
    add_standard_page(home_page, "Apie", "apie")
    for url in ("/", "/apie/"):
        assert "Finansuoja Europos Sąjunga (pakeista)" in client.get(url).content.decode()


def test_layout_has_language_landmarks_and_skip_link(client, home_page):
    soup = soup_of(client.get("/"))
    assert soup.html["lang"] == "lt"
    skip = soup.select_one("a.skip-link")
    assert skip["href"] == "#main" and skip.get_text(strip=True) == "Pereiti prie turinio"
    assert soup.find("main", id="main")
    assert soup.find("header") and soup.find("footer")
    assert soup.find("nav", attrs={"aria-label": True})
    assert soup.find("form", attrs={"role": "search"})


def test_footer_links_to_accessibility_statement_and_privacy_notice(client, home_page):
    add_standard_page(home_page, "Prieinamumo deklaracija", "prieinamumas", show_in_menus=False)
    add_standard_page(home_page, "Privatumo pranešimas", "privatumas", show_in_menus=False)
    soup = soup_of(client.get("/"))
    footer_links = {a.get_text(strip=True): a["href"] for a in soup.select("footer a")}
    assert footer_links["Prieinamumo deklaracija"] == "/prieinamumas/"
    assert footer_links["Privatumo pranešimas"] == "/privatumas/"
    assert client.get("/prieinamumas/").status_code == 200


def test_pages_load_nothing_from_other_hosts(client, home_page):
    add_standard_page(home_page, "Apie", "apie", intro="Apie mus")
    for url in ("/", "/apie/", "/paieska/?q=apie"):
        soup = soup_of(client.get(url))
        assets = [tag.get("src") for tag in soup.find_all(["script", "img", "iframe"])]
        assets += [tag.get("href") for tag in soup.find_all("link") if "canonical" not in tag.get("rel", [])]
        external = [a for a in assets if a and urlparse(a).netloc]
        assert not external, f"{url} loads {external}"


def test_meta_description_and_open_graph(client, home_page):
    add_standard_page(home_page, "Strategija", "strategija", intro="Mažinti socialinę atskirtį Ignalinos mieste.")
    soup = soup_of(client.get("/strategija/"))
    assert soup.find("meta", attrs={"name": "description"})["content"] == "Mažinti socialinę atskirtį Ignalinos mieste."
    assert soup.find("meta", property="og:title")["content"] == "Strategija"
    assert soup.find("meta", property="og:url")["content"].endswith("/strategija/")
    assert soup.find("link", rel="icon")


def test_main_menu_lists_top_level_pages_and_marks_the_current_one(client, home_page):
    about = add_standard_page(home_page, "Apie VVG", "apie-vvg", show_in_menus=True)
    add_standard_page(home_page, "Paslėptas", "pasleptas", show_in_menus=False)
    add_standard_page(about, "Strategija", "strategija", show_in_menus=True)
    soup = soup_of(client.get("/apie-vvg/strategija/"))
    menu = soup.select_one("header nav.main-nav")
    titles = [a.get_text(strip=True) for a in menu.find_all("a")]
    assert titles == ["Pradžia", "Apie VVG"]
    assert menu.find("a", attrs={"aria-current": "page"}).get_text(strip=True) == "Apie VVG"
    crumbs = [li.get_text(strip=True) for li in soup.select(".breadcrumbs li")]
    assert crumbs == ["Pradžia", "Apie VVG", "Strategija"]


def test_not_found_page_is_lithuanian_in_the_site_layout(client, home_page):
    response = client.get("/tokio-puslapio-nera/")
    assert response.status_code == 404
    soup = soup_of(response)
    assert soup.h1.get_text(strip=True) == "Puslapis nerastas"
    assert "Bendrai finansuoja Europos Sąjunga" in soup.footer.get_text()


def test_server_error_page_is_lithuanian_and_needs_no_database(django_assert_num_queries):
    request = RequestFactory().get("/")
    with django_assert_num_queries(0):
        response = server_error(request)
    html = response.content.decode()
    assert response.status_code == 500
    assert "Serverio klaida" in html and "Bendrai finansuoja Europos Sąjunga" in html


def test_sitemap_and_robots(client, home_page):
    add_standard_page(home_page, "Kontaktai", "kontaktai")
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/kontaktai/" in sitemap
    robots = client.get("/robots.txt")
    assert robots["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in robots.content.decode()


def test_search_finds_live_pages_and_pages_through_results_keeping_the_words(client, home_page):
    for number in range(12):
        add_standard_page(home_page, f"Mokymai {number}", f"mokymai-{number}", intro="Mokymai pareiškėjams")
    draft = StandardPage(title="Mokymai juodraštis", slug="juodrastis", live=False)
    home_page.add_child(instance=draft)
    soup = soup_of(client.get("/paieska/", {"q": "mokymai"}))
    assert "rasta 12 rezultatų" in soup.find(attrs={"role": "status"}).get_text()
    assert len(soup.select(".search-results li")) == 10
    next_link = soup.select_one(".pagination a[rel=next]")["href"]
    assert "q=mokymai" in next_link and "page=2" in next_link
    page_two = soup_of(client.get("/paieska/" + next_link))
    assert len(page_two.select(".search-results li")) == 2
    assert "juodraštis" not in page_two.get_text()
