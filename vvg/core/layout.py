"""What the layout of every page shows (main menu, breadcrumbs, links by slug), built once per cache generation.

Each would cost the database one to three queries on every page view; they change only when pages
are published, moved or deleted, which start a new generation (`vvg.core.cache`). The entries hold
plain URLs and titles, never page objects, so they are small and safe to share between visitors.
"""

from django.utils.translation import get_language
from wagtail.models import Page, Site

from . import cache


def _site(request):
    return Site.find_for_request(request) if request else None


def _root(site):
    return site.root_page.localized


def menu(request):
    """{"home_url", "root_path", "items": [{"url", "title", "path"}]}: the site's top-level menu pages."""
    site = _site(request)
    if site is None:
        return None

    def build():
        root = _root(site)
        children = root.get_children().live().public().in_menu()
        items = [{"url": child.get_url(request), "title": child.title, "path": child.path} for child in children]
        return {"home_url": root.get_url(request), "root_path": root.path, "items": items}

    return cache.remember("menu", build, site.pk, get_language(), content_only=True)


def ancestors(request, page):
    """[{"url", "title"}] from the site's home page down to the parent of `page`; [] on the home page."""
    site = _site(request)
    if site is None or not getattr(page, "path", ""):
        return []

    def build():
        root = _root(site)
        if page.path == root.path:
            return []
        return [{"url": p.get_url(request), "title": p.title} for p in page.get_ancestors().filter(depth__gte=root.depth)]

    return cache.remember("ancestors", build, site.pk, page.pk, get_language(), content_only=True)


def url_for_slug(request, slug):
    """The URL of the site's page with this slug (Wagtail's `slugurl`), or ""."""
    site = _site(request)
    if site is None:
        return ""

    def build():
        page = Page.objects.in_site(site).filter(slug=slug).first() or Page.objects.filter(slug=slug).first()
        return (page.get_url(request) if page else None) or ""

    return cache.remember("slug-url", build, site.pk, slug, get_language(), content_only=True)
