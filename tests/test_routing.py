"""Wagtail's page routing kept in the public cache (vvg.core.routing): cheaper, and never a wrong page."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Page, Site
from wagtail.url_routing import RouteResult

from vvg.core import cache as public_cache
from vvg.core import routing
from vvg.core.models import VVGSettings
from tests.test_events_fixtures import add_event, event_index  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def settled_site(db):
    # A running site has saved its settings long ago; creating them on the first view starts a new generation.
    VVGSettings.for_site(Site.objects.get(is_default_site=True))


def routing_queries(client, url):
    """The answer to a GET of `url`, and the queries Wagtail's routing made for it (site, pages on the path)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, [query["sql"] for query in queries if '"wagtailcore_site"' in query["sql"]
                      or 'FROM "wagtailcore_page"' in query["sql"] and '"slug" =' in query["sql"]]


def test_a_page_routed_once_is_routed_from_the_cache(client, event_index):
    event = add_event(event_index, "Mokymai apie kvietimą")
    first, first_routing = routing_queries(client, event.url)
    second, second_routing = routing_queries(client, event.url)
    assert first.status_code == second.status_code == 200
    assert first_routing and not second_routing
    assert "Mokymai apie kvietimą" in second.content.decode()
    assert second.context["page"].pk == event.pk


def test_a_sub_url_of_a_routable_page_gets_its_own_view_from_the_cache(client, event_index):
    event = add_event(event_index, "Susitikimas")
    client.get(event.url + "ical/")
    response, queries = routing_queries(client, event.url + "ical/")
    assert not queries
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    assert b"SUMMARY:Susitikimas" in response.content
    # The page itself, cached separately, is still the page.
    assert client.get(event.url)["Content-Type"].startswith("text/html")


def test_a_renamed_page_is_found_at_its_new_address_only(client, event_index):
    event = add_event(event_index)
    old_url = event.url
    assert client.get(old_url).status_code == 200
    event.slug = "naujas-adresas"
    event.save_revision().publish()
    assert client.get(old_url).status_code == 404
    assert client.get(event_index.url + "naujas-adresas/").status_code == 200


def test_an_unpublished_page_is_not_served_from_a_remembered_route(client, event_index):
    event = add_event(event_index)
    assert client.get(event.url).status_code == 200
    event.unpublish()
    assert client.get(event.url).status_code == 404


def test_addresses_that_lead_nowhere_are_not_remembered(client, home_page):
    request = RequestFactory().get("/nera-tokio-puslapio/")
    for _ in range(2):
        assert client.get("/nera-tokio-puslapio/").status_code == 404
    with translation.override("lt"):
        assert public_cache.recall("route", *routing.route_key_parts(request, "nera-tokio-puslapio/"),
                                    content_only=True) is None


def test_a_route_that_answers_with_another_page_is_not_remembered(event_index):
    """A page whose own route() answers differently the second time could not be replayed from the cache."""
    event = add_event(event_index)
    other = add_event(event_index, "Kitas")
    request = RequestFactory().get(event.url)
    site = Site.objects.get(is_default_site=True)
    route = Page.route_for_request(request, event.url)
    page = route.page
    assert page.pk == event.pk and routing._replayable(request, event.url, site, route) == (page, [])
    page.route = lambda request, components: RouteResult(other)
    assert routing._replayable(request, event.url, site, route) is None


def test_the_site_of_any_view_is_found_from_the_cache(client, home_page):
    """Not only pages: the API (and the settings, menus, feeds) ask for the request's site too."""
    def site_queries():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/api/v2/pages/").status_code == 200
        return [query["sql"] for query in queries if '"wagtailcore_site"' in query["sql"]]

    assert site_queries()
    assert not site_queries()
    site = Site.objects.get(is_default_site=True)
    site.site_name = "Kita VVG"
    site.save()  # a changed site is looked up afresh
    assert site_queries()
