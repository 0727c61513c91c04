"""The home page gathers open calls, upcoming trainings and events, the latest news and results."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import EventBasePage
from vvg.calls.models import CallPage
from vvg.news.models import NewsPage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_content")]


def section(client, heading_id):
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    return soup.find(attrs={"aria-labelledby": heading_id})


def card_titles(found):
    return [heading.get_text(strip=True) for heading in found.select(".card-list h3")]


def test_home_page_lists_only_open_calls(client):
    calls = section(client, "home-calls")
    lithuanian = CallPage.objects.live().filter(locale__language_code="lt")  # the demo translates one into English
    open_titles = [call.title for call in lithuanian if call.status == "open"]
    assert open_titles and card_titles(calls) == open_titles
    assert calls.find("a", string="Visi kvietimai")["href"] == "/kvietimai/"


def test_home_page_lists_upcoming_events_soonest_first_with_seats(client):
    events = section(client, "home-events")
    upcoming = EventBasePage.objects.live().upcoming()[:3]
    assert card_titles(events) == [event.title for event in upcoming]
    assert "Liko 1 vieta" in events.get_text()


def test_home_page_shows_the_three_latest_news_and_no_drafts(client):
    latest = NewsPage.objects.live().order_by("-date")[:3]
    draft = latest[0]
    draft.unpublish()
    news = section(client, "home-news")
    expected = [item.title for item in NewsPage.objects.live().order_by("-date")[:3]]
    assert card_titles(news) == expected and draft.title not in news.get_text()


def test_home_page_shows_the_public_headline_figures(client):
    figures = section(client, "home-results")
    labels = [term.get_text(strip=True) for term in figures.select("dt")]
    assert "Paskelbti kvietimai" in labels
    assert figures.find("a")["href"] == "/rezultatai/"


def test_home_page_queries_do_not_grow_with_more_content(client):
    client.get("/")  # warm: publishing clears Wagtail's cached site paths, a cost of the first request only
    with CaptureQueriesContext(connection) as before:
        client.get("/")
    index = NewsPage.objects.live().first().get_parent()
    for number in range(5):
        news = NewsPage(title=f"Naujiena {number}", slug=f"naujiena-{number}", intro="Trumpai.")
        news.tags.add("mokymai", f"zyma-{number}")
        index.add_child(instance=news)
        news.save_revision().publish()
    client.get("/")
    with CaptureQueriesContext(connection) as after:
        client.get("/")
    assert len(after) == len(before)
