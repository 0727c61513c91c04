"""The lists other sites embed: open calls and upcoming events, framable only by the configured origins."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from events.models import EventBasePage
from vvg.calls.models import CallPage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_content")]

MUNICIPALITY = "https://www.ignalina.lt"


@pytest.mark.parametrize("url", ["/embed/kvietimai/", "/embed/renginiai/", "/embed/kvietimai/?format=json"])
def test_only_the_configured_origins_may_frame_the_embeds(client, vvg_settings, url):
    vvg_settings(EMBED_ORIGINS=[MUNICIPALITY, "https://turizmas.ignalina.lt"])
    response = client.get(url)
    assert response.status_code == 200
    assert "X-Frame-Options" not in response
    assert response["Content-Security-Policy"].endswith(f"; frame-ancestors {MUNICIPALITY} https://turizmas.ignalina.lt")

    vvg_settings(EMBED_ORIGINS=[])
    assert client.get(url)["Content-Security-Policy"].endswith("; frame-ancestors 'none'")


@pytest.mark.parametrize("url", ["/", "/kvietimai/", "/renginiai/", "/api/v2/pages/", "/api/v3/docs/"])
def test_every_other_page_still_refuses_frames(client, vvg_settings, url):
    vvg_settings(EMBED_ORIGINS=[MUNICIPALITY])
    response = client.get(url)
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "DENY"


def test_the_calls_embed_lists_open_calls_only_with_their_deadline(client):
    lithuanian = CallPage.objects.live().filter(locale__language_code="lt")  # /en/embed/ lists the English ones
    open_calls = [call for call in lithuanian if call.status == "open"]
    others = [call for call in lithuanian if call.status != "open"]
    assert open_calls and others

    soup = BeautifulSoup(client.get("/embed/kvietimai/").content, "html.parser")
    links = {link.get_text(" ", strip=True): link["href"] for link in soup.select("li a")}
    assert {call.full_url for call in open_calls} == set(links.values())
    deadline = soup.select_one("li time")
    assert datetime.datetime.fromisoformat(deadline["datetime"]) == open_calls[0].closes_at
    assert soup.html["lang"] == "lt" and soup.h1

    data = client.get("/embed/kvietimai/", {"format": "json"}).json()
    assert [item["url"] for item in data["items"]] == [call.full_url for call in open_calls]
    assert data["items"][0]["days_left"] == open_calls[0].days_left


def test_the_events_embed_lists_upcoming_events_soonest_first(client):
    upcoming = list(EventBasePage.objects.live().upcoming())
    assert upcoming and EventBasePage.objects.live().past().exists()

    data = client.get("/embed/renginiai/", {"format": "json"}).json()
    assert [item["url"] for item in data["items"]] == [event.full_url for event in upcoming]
    first = data["items"][0]
    assert datetime.datetime.fromisoformat(first["start"]) == upcoming[0].start
    assert (first["registration_open"], first["seats_left"]) == (upcoming[0].registration_is_open(), upcoming[0].seats_left)

    soup = BeautifulSoup(client.get("/embed/renginiai/").content, "html.parser")
    assert [link["href"] for link in soup.select("li a")] == [event.full_url for event in upcoming]


def test_the_embeds_load_only_their_stylesheet_and_lead_the_whole_window_to_the_site(client):
    soup = BeautifulSoup(client.get("/embed/renginiai/").content, "html.parser")
    assert not soup.select("script, img, iframe, style, [style]")
    assert [link["href"] for link in soup.select("link")] == ["/static/vvg_api/embed.css"]
    assert {link["target"] for link in soup.select("a")} == {"_top"}


def test_the_embeds_say_when_nothing_is_open(client):
    CallPage.objects.filter(closes_at__gt=timezone.now()).update(closes_at=timezone.now())
    soup = BeautifulSoup(client.get("/embed/kvietimai/").content, "html.parser")
    assert not soup.select("li") and soup.select_one("main p")
    assert client.get("/embed/kvietimai/", {"format": "json"}).json() == {"items": []}


def test_the_embeds_are_read_only(client):
    assert client.post("/embed/kvietimai/").status_code == 405
