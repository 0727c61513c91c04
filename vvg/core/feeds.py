"""RSS 2.0 and Atom feeds of an index page, served as routes of the page (RoutablePageMixin).

An app subclasses IndexPageFeed with its items, their description and publication date, and makes
the Atom twin with AtomFeedMixin: `class NewsAtomFeed(AtomFeedMixin, NewsRssFeed)`.
"""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed


class IndexPageFeed(Feed):
    """The latest pages of one index, with absolute links from Wagtail's site root URL."""

    feed_type = Rss201rev2Feed
    route_name = "rss"

    def get_object(self, request, index_page):
        # Django passes only the object or the item to the other hooks; page URLs need the request.
        self.request = request
        # The language of the index's locale: "lt" for the main tree, "en" for its translation.
        self.language = index_page.locale.language_code
        return index_page

    def title(self, index_page):
        site = index_page.get_site()
        return f"{index_page.title} – {site.site_name}" if site and site.site_name else index_page.title

    def link(self, index_page):
        return index_page.get_full_url(self.request)

    def feed_url(self, index_page):
        return index_page.get_full_url(self.request) + index_page.reverse_subpage(self.route_name).lstrip("/")

    def item_title(self, item):
        return item.title

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_updateddate(self, item):
        return item.last_published_at or self.item_pubdate(item)


class AtomFeedMixin:
    """Turns an IndexPageFeed into its Atom twin, served at the index's "atom" route."""

    feed_type = Atom1Feed
    route_name = "atom"

    def subtitle(self, index_page):
        return self.description(index_page)
