"""The languages a page is offered in: the language switcher and the hreflang links of every page.

A language is offered only where the visitor lands on a live, public page: the translation of the
current page, else the home page of that language. A language with neither is left out, so the
switcher never leads to a 404, and a site with one language shows no switcher at all.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from wagtail.models import Page, Site

from . import cache


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str  # in the language itself, as LANGUAGES names it: "Lietuvių", "English"
    url: str
    is_current: bool


def content_languages():
    """{code: name} of the languages pages may be written in, in the site's order."""
    return dict(getattr(settings, "WAGTAIL_CONTENT_LANGUAGES", settings.LANGUAGES))


def _live_versions(page, request, full=False):
    """{language code: URL} of the live, public pages sharing `page`'s translation key, itself included.

    Kept in the public cache (a publication starts a new generation): every page view asks for them.
    """

    def build():
        versions = Page.objects.filter(translation_key=page.translation_key).live().public().select_related("locale")
        urls = {}
        for version in versions:
            url = version.get_full_url(request) if full else version.get_url(request)
            if url:  # a translation outside every site's tree has no address
                urls[version.locale.language_code] = url
        return urls

    site = Site.find_for_request(request) if request else None
    return cache.remember("translations", build, getattr(site, "pk", 0), page.translation_key, int(full), content_only=True)


def _page_of(context_page):
    return context_page if isinstance(context_page, Page) and context_page.translation_key else None


def language_links(request, context_page=None):
    """The switcher's links, one per language that has somewhere to land; [] when only one has."""
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []
    page = _page_of(context_page)
    current = page.locale.language_code if page else translation.get_language()
    homes = _live_versions(site.root_page, request)
    translations = _live_versions(page, request) if page else {}
    links = []
    for code, name in content_languages().items():
        # Without a page (search, a 404) even the current language's link leads to its home page.
        url = page.get_url(request) if page and code == current else None
        url = url or translations.get(code) or homes.get(code)
        if url:
            links.append(LanguageLink(code, name, url, code == current))
    return links if len(links) > 1 else []


def alternates(request, context_page=None):
    """(hreflang, absolute URL) of each live language version of a translated page, and x-default.

    x-default is the version in the site's default language, where visitors without a match go.
    A page without translations gets none: its canonical link says all there is to say.
    """
    page = _page_of(context_page)
    if page is None or request is None:
        return []
    versions = _live_versions(page, request, full=True)
    if len(versions) < 2:
        return []
    links = [(code, versions[code]) for code in content_languages() if code in versions]
    default = versions.get(settings.LANGUAGE_CODE)
    if default:
        links.append(("x-default", default))
    return links
