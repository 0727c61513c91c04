"""News: listing order, pagination, tag filter, feeds, the news page's meta tags, query counts, demo."""

import datetime
import io

import feedparser
import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.core.files.images import ImageFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import PageViewRestriction
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from vvg.news.demo import build_news_demo
from vvg.news.models import NewsIndexPage, NewsPage

pytestmark = pytest.mark.django_db

D = datetime.date


def make_image(title="Nuotrauka"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (1600, 900), (40, 90, 160)).save(buffer, format="PNG")
    return get_image_model().objects.create(title=title, file=ImageFile(buffer, name="nuotrauka.png"))


@pytest.fixture
def news_index(home_page):
    index = home_page.add_child(
        instance=NewsIndexPage(title="Naujienos", slug="naujienos", intro="VVG naujienos.", live=False)
    )
    index.save_revision().publish()
    index.refresh_from_db()
    return index


_counter = iter(range(1, 10_000))


def add_news(index, title, date=D(2025, 5, 1), tags=(), image=None, publish=True, **extra):
    news = NewsPage(
        title=title,
        slug=f"naujiena-{next(_counter)}",
        date=date,
        intro=f"Trumpai: {title}.",
        main_image=image,
        live=False,
        **extra,
    )
    news.tags.add(*tags)
    index.add_child(instance=news)
    if publish:
        news.save_revision().publish()
        news.refresh_from_db()  # publish() saves a copy built from the revision
    return news


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def listed_titles(response):
    return [a.get_text(strip=True) for a in soup(response).select(".news-list h2 a")]


def test_index_lists_newest_first_and_same_day_by_latest_added(client, news_index):
    add_news(news_index, "Senesnė", D(2024, 7, 29))
    add_news(news_index, "Naujausia", D(2026, 3, 2))
    add_news(news_index, "Vidurinė A", D(2025, 9, 18))
    add_news(news_index, "Vidurinė B", D(2025, 9, 18))

    assert listed_titles(client.get("/naujienos/")) == ["Naujausia", "Vidurinė B", "Vidurinė A", "Senesnė"]


def test_index_is_paginated_by_ten(client, news_index):
    for day in range(1, 24):
        add_news(news_index, f"Naujiena {day:02d}", D(2025, 1, day))

    first = client.get("/naujienos/")
    assert len(listed_titles(first)) == 10
    assert listed_titles(first)[0] == "Naujiena 23"
    assert soup(first).select_one(".pagination a[rel=next]")["href"] == "?page=2"

    last = client.get("/naujienos/?page=3")
    assert listed_titles(last) == ["Naujiena 03", "Naujiena 02", "Naujiena 01"]
    assert soup(last).select_one(".pagination a[rel=prev]")["href"] == "?page=2"
    # A page number out of range or not a number shows a page of the list rather than an error.
    assert listed_titles(client.get("/naujienos/?page=99")) == listed_titles(last)
    assert listed_titles(client.get("/naujienos/?page=du")) == listed_titles(first)


def test_tag_filter_works_without_javascript(client, news_index):
    add_news(news_index, "Kvietimas Nr. 1", D(2026, 3, 2), tags=["kvietimai"])
    add_news(news_index, "Mokymai", D(2026, 4, 1), tags=["mokymai"])
    add_news(news_index, "Informacinis renginys", D(2026, 3, 16), tags=["renginiai", "kvietimai"])

    page = soup(client.get("/naujienos/"))
    topic_links = {a.get_text(strip=True): a["href"] for a in page.select(".tag-filter a")}
    assert topic_links == {
        "kvietimai": "/naujienos/?tag=kvietimai",
        "mokymai": "/naujienos/?tag=mokymai",
        "renginiai": "/naujienos/?tag=renginiai",
    }

    filtered = client.get(topic_links["kvietimai"])
    assert listed_titles(filtered) == ["Informacinis renginys", "Kvietimas Nr. 1"]
    active = soup(filtered).select_one(".active-filter")
    assert "kvietimai" in active.get_text()
    assert active.a["href"] == "/naujienos/"
    assert soup(filtered).select_one('.tag-filter a[aria-current="true"]').get_text() == "kvietimai"

    assert client.get("/naujienos/?tag=nera-tokios").status_code == 404


def test_pages_of_a_filtered_list_keep_the_tag(client, news_index):
    for day in range(1, 13):
        add_news(news_index, f"Kvietimo naujiena {day:02d}", D(2025, 2, day), tags=["kvietimai"])
    add_news(news_index, "Kita", D(2025, 3, 1), tags=["kita"])

    first = soup(client.get("/naujienos/?tag=kvietimai"))
    next_href = first.select_one(".pagination a[rel=next]")["href"]
    assert next_href == "?tag=kvietimai&page=2"
    assert listed_titles(client.get("/naujienos/" + next_href)) == ["Kvietimo naujiena 02", "Kvietimo naujiena 01"]


def test_a_tag_with_lithuanian_letters_filters_too(client, news_index):
    add_news(news_index, "Atranka", tags=["projektų atranka"])
    add_news(news_index, "Kita")

    href = soup(client.get("/naujienos/")).select_one(".tag-filter a")["href"]
    assert listed_titles(client.get(href)) == ["Atranka"]


def test_only_published_public_news_are_listed(client, news_index):
    add_news(news_index, "Paskelbta")
    add_news(news_index, "Juodraštis", publish=False)
    withdrawn = add_news(news_index, "Atšaukta")
    withdrawn.unpublish()
    private = add_news(news_index, "Tik nariams")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="x")

    assert listed_titles(client.get("/naujienos/")) == ["Paskelbta"]
    assert client.get(withdrawn.url).status_code == 404


def test_listing_card_shows_lithuanian_date_tags_and_a_responsive_lazy_webp_image(client, news_index):
    add_news(news_index, "Sutartis pasirašyta", D(2024, 12, 10), tags=["CPVA"], image=make_image())

    card = soup(client.get("/naujienos/")).select_one(".news-card")
    time = card.find("time")
    assert time["datetime"] == "2024-12-10"
    assert time.get_text() == "2024 m. gruodžio 10 d."
    assert card.select_one(".tag-list a")["href"] == "/naujienos/?tag=cpva"
    img = card.find("img")
    assert img["loading"] == "lazy"
    assert img["alt"] == ""
    assert (img["width"], img["height"]) == ("480", "270")
    sources = [part.split() for part in img["srcset"].split(",")]
    assert [width for _, width in sources] == ["480w", "960w"]
    assert all(url.endswith(".webp") for url, _ in sources)


def test_news_page_shows_its_content_and_meta_tags(client, news_index):
    news = add_news(
        news_index,
        "Pasirašyta paramos sutartis",
        D(2024, 12, 10),
        tags=["strategija"],
        image=make_image("Sutarties pasirašymas"),
        body=[("paragraph", "<p>Sutarties Nr. 11-008-T-0009 tekstas.</p>")],
    )

    page = soup(client.get(news.url))
    assert page.h1.get_text() == "Pasirašyta paramos sutartis"
    assert page.select_one("main time")["datetime"] == "2024-12-10"
    assert "Sutarties Nr. 11-008-T-0009 tekstas." in page.select_one(".stream").get_text()
    assert page.select_one("main .tag-list a")["href"] == "/naujienos/?tag=strategija"
    assert page.select_one(".news-image img")["alt"] == "Sutarties pasirašymas"
    meta = {tag.get("property") or tag.get("name"): tag["content"] for tag in page.select("meta[content]")}
    assert meta["description"] == "Trumpai: Pasirašyta paramos sutartis."
    assert meta["og:description"] == meta["description"]
    assert meta["og:type"] == "article"
    assert meta["og:title"] == "Pasirašyta paramos sutartis"
    assert meta["og:url"] == news.full_url
    assert meta["article:published_time"] == "2024-12-10"
    assert meta["article:tag"] == "strategija"


def test_a_share_shows_the_main_image_when_no_social_image_is_set(client, news_index):
    # Needs base.html to read page.get_social_image rather than page.social_image.
    news = add_news(news_index, "Su nuotrauka", image=make_image())

    og_image = soup(client.get(news.url)).select_one('meta[property="og:image"]')
    assert og_image is not None
    assert og_image["content"].startswith("http") and "fill-1200x630" in og_image["content"]


def test_the_social_image_wins_over_the_main_image(news_index):
    social, main = make_image("Socialinis"), make_image("Pagrindinis")
    assert add_news(news_index, "A", image=main, social_image=social).get_social_image() == social
    assert add_news(news_index, "B", image=main).get_social_image() == main


def test_index_and_news_pages_advertise_both_feeds(client, news_index):
    news = add_news(news_index, "Naujiena")
    for url in ("/naujienos/", news.url):
        head = soup(client.get(url)).head
        rss = head.select_one('link[rel=alternate][type="application/rss+xml"]')["href"]
        atom = head.select_one('link[rel=alternate][type="application/atom+xml"]')["href"]
        assert (rss, atom) == ("/naujienos/rss/", "/naujienos/atom/")


@pytest.mark.parametrize(("url", "version", "content_type"), [
    ("/naujienos/rss/", "rss20", "application/rss+xml; charset=utf-8"),
    ("/naujienos/atom/", "atom10", "application/atom+xml; charset=utf-8"),
])
def test_feeds_hold_the_latest_twenty_published_news(client, news_index, url, version, content_type):
    for day in range(1, 23):
        add_news(news_index, f"Naujiena {day:02d}", D(2025, 1, day), tags=["kvietimai"])
    add_news(news_index, "Juodraštis", D(2026, 1, 1), publish=False)
    add_news(news_index, "Atšaukta", D(2026, 1, 2)).unpublish()

    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == version
    assert feed.feed.language == "lt"
    assert feed.feed.link == news_index.full_url
    titles = [entry.title for entry in feed.entries]
    assert titles == [f"Naujiena {day:02d}" for day in range(22, 2, -1)]
    newest = NewsPage.objects.get(title="Naujiena 22")
    assert feed.entries[0].link == newest.full_url
    assert feed.entries[0].link.startswith("http://")
    assert feed.entries[0].summary == "Trumpai: Naujiena 22."
    assert [tag.term for tag in feed.entries[0].tags] == ["kvietimai"]
    assert feed.entries[0].published_parsed[:3] == (2025, 1, 21)  # local midnight of the 22nd, in UTC


def test_feeds_follow_the_index_when_it_moves(client, news_index):
    add_news(news_index, "Naujiena")
    news_index.slug = "aktualijos"
    news_index.save_revision().publish()

    assert client.get("/naujienos/rss/").status_code == 404
    feed = feedparser.parse(client.get("/aktualijos/rss/").content)
    assert feed.entries[0].link.endswith("/aktualijos/" + NewsPage.objects.get().slug + "/")


def test_site_search_finds_news_by_text_and_tag(client, news_index):
    add_news(news_index, "Pirma", tags=["socialinisverslas"], body=[("paragraph", "<p>Žygiai dviračiais.</p>")])
    add_news(news_index, "Antra")

    for query in ("socialinisverslas", "dviračiais"):
        results = soup(client.get("/paieska/", {"q": query})).select(".search-results h2 a")
        assert [a.get_text() for a in results] == ["Pirma"]


def test_news_can_only_be_created_under_a_news_index(home_page, news_index):
    assert not NewsPage.can_create_at(home_page)
    assert NewsPage.can_create_at(news_index)
    assert NewsIndexPage.can_create_at(home_page)


def test_an_editor_publishes_tagged_news_from_the_admin(admin_client, client, news_index):
    add_url = f"/admin/pages/add/vvg_news/newspage/{news_index.pk}/"
    assert admin_client.get(add_url).status_code == 200
    form = nested_form_data({
        "title": "Naujiena iš administravimo",
        "slug": "naujiena-is-administravimo",
        "date": "2026-11-20",
        "tags": "kvietimai, projektų atranka",
        "intro": "Trumpai apie naujieną.",
        "body": streamfield([("paragraph", rich_text("<p>Tekstas.</p>"))]),
        "comments": inline_formset([]),
        "action-publish": "publish",
    })
    assert admin_client.post(add_url, form).status_code == 302

    assert listed_titles(client.get("/naujienos/?tag=kvietimai")) == ["Naujiena iš administravimo"]
    assert "Tekstas." in client.get("/naujienos/naujiena-is-administravimo/").content.decode()


def _index_queries(client):
    cache.clear()  # Renditions and site roots are cached; only the database work is measured.
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/naujienos/")
    assert response.status_code == 200
    return response, len(queries)


def test_index_queries_do_not_grow_with_the_number_of_news(client, news_index):
    def add(count):
        for _ in range(count):
            add_news(news_index, "Naujiena", tags=["kvietimai", "mokymai"], image=make_image())
        client.get("/naujienos/")  # the first view makes the renditions; later views only read them

    add(5)
    response, with_five = _index_queries(client)
    assert len(soup(response).select(".news-card img[srcset]")) == 5
    add(20)
    response, with_twenty_five = _index_queries(client)
    assert len(soup(response).select(".news-card img[srcset]")) == 10
    assert with_twenty_five == with_five


def test_demo_news_are_built_once(client, home_page):
    # Another news index beside it is left alone; only the one at /naujienos/ gets the demo news.
    home_page.add_child(instance=NewsIndexPage(title="Kita", slug="kita"))

    assert len(build_news_demo(home_page)) == 7
    assert build_news_demo(home_page) == []

    assert not NewsPage.objects.child_of(NewsIndexPage.objects.get(slug="kita")).exists()
    index = NewsIndexPage.objects.get(slug="naujienos")
    assert (index.slug, index.live, index.show_in_menus) == ("naujienos", True, True)
    news = NewsPage.objects.child_of(index)
    assert news.count() == 6 and all(item.live and item.tags.exists() for item in news)
    assert min(news.values_list("date", flat=True)) >= D(2024, 7, 1)
    assert max(news.values_list("date", flat=True)) <= D(2026, 11, 30)
    titles = listed_titles(client.get("/naujienos/"))
    assert len(titles) == 6
    assert any("11-008-T-0009" in item.intro for item in news)
