"""Site search: Lithuanian relevance on both databases, facets, years, highlighting, promotions, the query log."""

import threading

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.urls import reverse
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion
from wagtail.models import PageViewRestriction
from wagtail.search.index import get_indexed_models

from events import services as registrations
from events.services import Applicant
from search import services
from search.highlight import highlight, snippet
from tests.test_events_fixtures import add_event, lt, lt_count
from tests.test_search_fixtures import *  # noqa: F403 - the shared content fixtures
from tests.test_search_fixtures import add_page
from vvg.core.roles import EDITORS

pytestmark = pytest.mark.django_db

POSTGRES_ONLY = pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite's FTS5 has no Lithuanian stemmer")

# (query, the keys of lt_site pages it must find): diacritics folded both ways on both databases,
# word forms (another case or number) where PostgreSQL's Lithuanian stemmer is used.
PAIRS = [
    ("azuolas", ["news"]),  # text "ąžuolas"
    ("ąžuolas", ["news"]),
    ("AZUOLAS", ["news"]),
    ("zemes ukis", ["call"]),  # text "Žemės ūkis"
    ("ŽEMĖS ŪKIS", ["call"]),
    ("paraiškos", ["howto"]),  # text "Paraiskos", typed without diacritics
    ("žingsniai", ["howto"]),
    ("daržininkystės", ["project"]),
    ("darzininkystes", ["project"]),
    ("mokymų ciklas", ["training"]),
    ("mokymu", ["training"]),
    pytest.param("mokymai", ["training"], marks=POSTGRES_ONLY),  # text "Mokymų"
    pytest.param("ąžuolų", ["news"], marks=POSTGRES_ONLY),
    pytest.param("zemes ukio", ["call"], marks=POSTGRES_ONLY),
    pytest.param("paraiška", ["howto"], marks=POSTGRES_ONLY),
    pytest.param("ataskaitos", ["news_2025"], marks=POSTGRES_ONLY),
]


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def titles(response):
    return [a.get_text() for a in soup(response).select(".search-results h2 a")]


@pytest.mark.parametrize(("query", "expected"), PAIRS)
def test_lithuanian_queries_find_their_pages(client, lt_site, query, expected):
    assert sorted(titles(client.get("/paieska/", {"q": query}))) == sorted(lt_site[key].title for key in expected)


def facets(response, param):
    links = soup(response).select(f"#search-facet-{param} ~ ul a")
    return {a.get_text(" ", strip=True): a.get("aria-current") for a in links}


def test_facets_by_type_and_year_with_counts(client, lt_site):
    response = client.get("/paieska/", {"q": "Ignalinoje"})
    assert len(titles(response)) == 7
    assert facets(response, "tipas") == {
        lt("All"): "true", f"{lt('Calls')} (1)": None, f"{lt('Projects')} (1)": None, f"{lt('News')} (2)": None,
        f"{lt('Trainings and events')} (1)": None, f"{lt('Pages')} (2)": None,
    }
    years = facets(response, "metai")
    assert {"2024 (1)", "2025 (4)"} <= set(years)  # news by date, calls by opening, events by start


def test_a_type_facet_narrows_results_and_the_year_counts(client, lt_site):
    page = soup(client.get("/paieska/", {"q": "Ignalinoje"}))
    news_link = next(a["href"] for a in page.select("#search-facet-tipas ~ ul a") if a.get_text().startswith(lt("News")))
    response = client.get("/paieska/" + news_link)
    assert sorted(titles(response)) == ["Metų ataskaita", "Pasodinta alėja"]
    assert facets(response, "tipas")[f"{lt('News')} (2)"] == "true"
    assert set(facets(response, "metai")) == {lt("All"), "2024 (1)", "2025 (1)"}
    assert lt_count("%(counter)s result for “%(query)s”.", "%(counter)s results for “%(query)s”.", 2,
                    counter=2, query="Ignalinoje") in soup(response).find(attrs={"role": "status"}).get_text()


def test_the_year_filter_keeps_the_type(client, lt_site):
    response = client.get("/paieska/", {"q": "Ignalinoje", "metai": "2024"})
    assert titles(response) == ["Pasodinta alėja"]
    assert facets(response, "metai")["2024 (1)"] == "true"
    assert titles(client.get("/paieska/", {"q": "Ignalinoje", "metai": "2025", "tipas": "kvietimai"})) == [
        "Kvietimas kaimo verslams"
    ]


def test_nothing_found_gives_help_and_a_way_back_from_a_facet(client, lt_site):
    page = soup(client.get("/paieska/", {"q": "Ignalinoje", "metai": "1999"}))
    assert not page.select(".search-results")
    help_text = page.select_one(".search-help").get_text()
    assert lt("Letters without diacritics work too: “zemes ukis” finds “žemės ūkis”.") in help_text
    back = page.select_one(".search-help a")["href"]
    assert "metai" not in back and "q=Ignalinoje" in back
    assert "Pagal" in soup(client.get("/paieska/", {"q": "nerandamaszodis"})).find(attrs={"role": "status"}).get_text()


def test_drafts_and_private_pages_are_never_found(client, lt_site, home_page):
    add_page(home_page, "Juodraštis apie ąžuolą", "ąžuolas juodraštyje", publish=False)
    private = add_page(home_page, "Vidinis ąžuolas", "ąžuolas tik nariams")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="x")
    assert titles(client.get("/paieska/", {"q": "azuolas"})) == ["Pasodinta alėja"]


def test_query_words_are_marked_in_the_snippet(client, lt_site):
    result = soup(client.get("/paieska/", {"q": "azuolas"})).select_one(".search-results .search-snippet")
    assert [mark.get_text() for mark in result.select("mark")] == ["ąžuolas"]


def test_highlighting_escapes_the_text_and_the_query():
    assert highlight("a <b>ąžuolas</b> & co", "azuolas") == "a &lt;b&gt;<mark>ąžuolas</mark>&lt;/b&gt; &amp; co"
    assert highlight("Mokymų ciklas", "mokymai") == "<mark>Mokymų</mark> ciklas"
    assert "<script>" not in snippet("<script>alert(1)</script> tekstas", "<script>alert(1)</script>")


def test_a_script_in_the_query_is_shown_as_text(client, lt_site):
    attack = "<script>alert(1)</script>"
    html = client.get("/paieska/", {"q": attack}).content.decode()
    assert attack not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_promoted_results_come_first_and_only_when_public(client, lt_site, home_page):
    draft = add_page(home_page, "Paslėptas", publish=False)
    query = Query.get("paraiškos")
    SearchPromotion.objects.create(query=query, page=lt_site["about"], description="Kaip teikti paraišką.", sort_order=1)
    SearchPromotion.objects.create(query=query, page=draft, sort_order=0)
    page = soup(client.get("/paieska/", {"q": " PARAISKOS "}))
    promoted = page.select_one(".search-promotions")
    assert promoted.find("h2").get_text() == lt("Recommended") == "Rekomenduojama"
    assert [a.get_text() for a in promoted.select("a")] == ["Apie grupę"]
    body = str(page.select_one("main"))
    assert body.index("search-promotions") < body.index("search-results")


def test_searches_are_counted_without_anything_about_who_searched(client, lt_site, admin_user):
    client.force_login(admin_user)
    client.get("/paieska/", {"q": "Ąžuolas"}, REMOTE_ADDR="10.1.2.3")
    client.get("/paieska/", {"q": "ąžuolas", "page": "2"})
    client.get("/paieska/", {"q": "ąžuolas", "tipas": "naujienos"})
    client.get("/paieska/", {"q": "vardenis@example.lt"})
    client.get("/paieska/", {"q": "+370 612 34567"})
    assert [(hit.query.query_string, hit.hits) for hit in QueryDailyHits.objects.all()] == [("ąžuolas", 1)]
    assert {f.name for f in Query._meta.concrete_fields} == {"id", "query_string"}
    assert {f.name for f in QueryDailyHits._meta.concrete_fields} == {"id", "query", "date", "hits"}


@POSTGRES_ONLY  # SQLite lets one writer in at a time anyway
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_searches_at_the_same_moment_are_all_counted():
    people = 8
    together = threading.Barrier(people)

    def search():
        try:
            together.wait()
            services.log_query("Ąžuolas")  # each thread on its own connection, as requests are
        finally:
            connection.close()

    threads = [threading.Thread(target=search) for _ in range(people)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [(hit.query.query_string, hit.hits) for hit in QueryDailyHits.objects.all()] == [("ąžuolas", people)]


def test_editors_choose_promoted_results_in_the_admin(client, make_user, lt_site):
    client.force_login(make_user("redaktore", group=EDITORS))
    assert client.get(reverse("wagtailsearchpromotions:index")).status_code == 200
    response = client.post(reverse("wagtailsearchpromotions:add"), {
        "query_string": "Paraiškų teikimas",
        "editors_picks-TOTAL_FORMS": "1", "editors_picks-INITIAL_FORMS": "0",
        "editors_picks-MIN_NUM_FORMS": "0", "editors_picks-MAX_NUM_FORMS": "1000",
        "editors_picks-0-page": lt_site["howto"].pk, "editors_picks-0-description": "", "editors_picks-0-ORDER": "1",
    })
    assert response.status_code == 302, response.content.decode()[:300]
    promoted = soup(client.get("/paieska/", {"q": "paraisku teikimas"})).select(".search-promotions a")
    assert [a.get_text() for a in promoted] == ["Kaip pateikti paraiska"]


def test_registers_and_applications_are_neither_indexed_nor_found(client, lt_site, event_index):
    registrations.register(add_event(event_index, "Ateities mokymai", capacity=5), Applicant(name="Ąžuolė Slaptutė", email="slaptute@example.lt",
                                                          processing_consent=True))
    assert titles(client.get("/paieska/", {"q": "slaptute"})) == []
    indexed = {model._meta.label for model in get_indexed_models()}
    assert not indexed & {"events.Registration", "events.Consultation", "vvg_evaluations.Application",
                          "vvg_evaluations.Declaration", "vvg_evaluations.Score"}


@POSTGRES_ONLY
def test_postgresql_indexes_with_the_lithuanian_configuration(settings):
    assert settings.WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] == "lithuanian_unaccent"
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_tsvector('lithuanian_unaccent', 'Žemės ūkio mokymų')::text")
        assert cursor.fetchone()[0] == "'mokym':3 'uk':2 'zem':1"


@pytest.mark.parametrize("query", ['"', 'ąžuolas"', "*", "NEAR(", "a AND", "OR", "-", "x:y", "^", "'", "a & !b", "(", "\\", "ž" * 300])
def test_odd_queries_answer_without_error(client, lt_site, query):
    assert client.get("/paieska/", {"q": query}).status_code == 200


def test_results_are_kept_from_shared_caches(client, lt_site):
    assert "private" in client.get("/paieska/", {"q": "azuolas"})["Cache-Control"]
