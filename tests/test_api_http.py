"""HTTP behaviour of the API, feeds and embeds for other sites: CORS for reads, validators, 304s, caching."""

import pytest

from events.models import EventBasePage, Registration
from vvg.news.models import NewsPage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_content", "municipality_may_read")]

MUNICIPALITY = "https://www.ignalina.lt"
MACHINE_READABLE = [
    "/api/v2/pages/?type=vvg_calls.CallPage&status=open",
    "/api/v3/pages/",
    "/naujienos/rss/",
    "/kvietimai/atom/",
    "/renginiai/ical/",
    "/embed/renginiai/",
]


@pytest.fixture
def municipality_may_read(settings):
    settings.CORS_ALLOWED_ORIGINS = [MUNICIPALITY]


@pytest.mark.parametrize("url", MACHINE_READABLE)
def test_allowed_origins_may_read_across_sites_others_may_not(client, url):
    allowed = client.get(url, headers={"Origin": MUNICIPALITY})
    assert allowed.status_code == 200
    assert allowed["Access-Control-Allow-Origin"] == MUNICIPALITY
    stranger = client.get(url, headers={"Origin": "https://elsewhere.example"})
    assert stranger.status_code == 200
    assert "Access-Control-Allow-Origin" not in stranger


def test_cross_site_writes_are_not_allowed_and_pages_are_not_shared(client):
    preflight = client.options(
        "/api/v3/pages/", headers={"Origin": MUNICIPALITY, "Access-Control-Request-Method": "POST"}
    )
    assert "POST" not in preflight.get("Access-Control-Allow-Methods", "")
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    page = client.get("/naujienos/", headers={"Origin": MUNICIPALITY})
    assert page.status_code == 200 and "Access-Control-Allow-Origin" not in page


@pytest.mark.parametrize("url", MACHINE_READABLE)
def test_unchanged_answers_are_not_sent_again(client, url):
    first = client.get(url)
    assert first.status_code == 200
    assert first["ETag"].startswith('"') and first["Last-Modified"]
    assert "public" in first["Cache-Control"] and "max-age=300" in first["Cache-Control"]

    by_etag = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert by_etag.status_code == 304 and by_etag.content == b""
    assert by_etag["ETag"] == first["ETag"]
    by_date = client.get(url, headers={"If-Modified-Since": first["Last-Modified"]})
    assert by_date.status_code == 304
    assert client.get(url, headers={"If-None-Match": '"something-else"'}).status_code == 200


def test_a_change_invalidates_both_validators(client):
    url = "/naujienos/rss/"
    first = client.get(url)
    news = NewsPage.objects.live().order_by("-date").first()
    news.title = "Pakeista antraštė"
    news.save_revision().publish()

    again = client.get(url, headers={"If-None-Match": first["ETag"], "If-Modified-Since": first["Last-Modified"]})
    assert again.status_code == 200 and "Pakeista antraštė" in again.content.decode()
    assert again["ETag"] != first["ETag"]
    assert client.get(url, headers={"If-Modified-Since": first["Last-Modified"]}).status_code == 200


def test_a_registration_changes_the_events_answer_without_any_publication(client):
    event = EventBasePage.objects.live().filter(capacity__isnull=False).order_by("start").last()
    url = f"/api/v2/pages/{event.pk}/"
    first = client.get(url)
    Registration.objects.create(event=event, name="Jonas", email="jonas@example.lt", processing_consent=True)
    again = client.get(url, headers={"If-Modified-Since": first["Last-Modified"]})
    assert again.status_code == 200
    assert again.json()["seats_left"] == first.json()["seats_left"] - 1


def test_token_readers_answers_are_kept_private(client):
    response = client.get("/api/v3/pages/", headers={"Authorization": "Bearer not-a-token"})
    assert response.status_code == 200
    assert "private" in response["Cache-Control"] and "ETag" not in response


def test_web_pages_keep_their_own_caching(client):
    response = client.get("/naujienos/")
    assert response.status_code == 200
    assert "ETag" not in response and "public" not in response.get("Cache-Control", "")


@pytest.mark.parametrize("url", ["/api/v2/pages/", "/api/v3/documents/", "/api/v3/pages/"])
def test_paging_numbers_too_large_for_the_database_are_refused_not_a_server_error(client, url):
    response = client.get(url, {"search": "Name", "offset": "1121089894213528164761600"})
    assert response.status_code == 400
    assert "offset" in response.json()["message"]
    assert client.get(url, {"limit": "99999999999999999999"}).status_code == 400
