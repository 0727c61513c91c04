"""Wagtail's page routing, kept in the public cache (`vvg.core.cache`) for each generation of the content.

Wagtail finds the page for a URL by walking the tree: the site for the host, the root in the
language, then one query for each level's child and another for its specific type: five to seven
queries and about a third of the work of a registration or of a page the page cache does not
keep. The route's answer (the site, the specific page, the routable view and its arguments) only
changes when pages, sites or locales do, and each of those starts a new content generation; so it
is kept under that generation, and a request whose route is cached makes no query for it.
The site of the request (with its root page) is kept the same way, for every view: settings, menus
and the API ask for it too.

A page is served from a fresh copy of the stored one: nothing a view sets on it reaches another
request. URLs that lead nowhere are not kept, so a scan of made-up addresses cannot fill the cache.
"""

from django.http import Http404
from django.utils import translation
from wagtail import views as wagtail_views
from wagtail.models import Page, Site

from . import cache


def route_key_parts(request, path):
    # Wagtail chooses the site by the host as sent and by the port, the root by the active language.
    return request._get_raw_host(), request.get_port(), translation.get_language(), path


def _components(path):
    return [component for component in path.split("/") if component]


def _replayable(request, path, site, route):
    """(page, the path's part the page routes itself) when the page alone gives the same route again.

    Wagtail consumes one component per level down from the site's root; the page's own `route()` (a
    routable page's sub-URLs) takes the rest. A `route()` that answers with another page, or differently
    on a second call, is not kept.
    """
    page, args, kwargs = route
    consumed = page.depth - site.root_page.depth
    components = _components(path)
    if not 0 <= consumed <= len(components):
        return None
    remaining = components[consumed:]
    again = page.route(request, remaining)
    if again.page is not page or again.args != args or again.kwargs != kwargs:
        return None
    return page, remaining


def _find_site(request):
    site = Site.find_for_request(request)
    if site is not None:
        site.root_page  # kept with the site: routing, menus and the API all ask for it
    return site


def site_for_request(request):
    """Wagtail's `Site.find_for_request()`, from the cache, for everything in this request that asks."""
    if not hasattr(request, "_wagtail_site"):
        request._wagtail_site = cache.remember(
            "site", lambda: _find_site(request), request._get_raw_host(), request.get_port(), content_only=True
        )
    return request._wagtail_site


def route_for_request(request, path):
    """Wagtail's `Page.route_for_request()`, from the cache when this generation has routed `path` before."""
    key_parts = route_key_parts(request, path)
    stored = cache.recall("route", *key_parts, content_only=True)
    if stored is not None:
        page, remaining = stored  # a copy of its own, unpickled from the cache
        # The page routes its own part again (no query): a routable page's view is bound to this copy.
        try:
            request._wagtail_route_for_request = page.route(request, remaining)
        except Http404:
            request._wagtail_route_for_request = None
        return request._wagtail_route_for_request
    route = Page.route_for_request(request, path)
    site = site_for_request(request)
    replayable = route and site and _replayable(request, path, site, route)
    if replayable:
        cache.store("route", replayable, *key_parts, content_only=True)
    return route


class CachedRoutingMiddleware:
    """Finds the request's Wagtail site, and routes the requests for Wagtail's `serve` view, from the
    cache; place after `LocaleMiddleware`."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        site_for_request(request)
        if view_func is wagtail_views.serve and not hasattr(request, "_wagtail_route_for_request"):
            route_for_request(request, view_kwargs.get("path", view_args[0] if view_args else ""))
        return None
