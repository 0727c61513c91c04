"""RSS 2.0 and Atom feeds of a news index, served as routes of NewsIndexPage (see models.py)."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _


class NewsRssFeed(Feed):
    """The latest published news of one index, with absolute links from Wagtail's site root URL."""

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

    def description(self, index_page):
        return index_page.intro or _("News of %(site)s") % {"site": self.title(index_page)}

    def link(self, index_page):
        return index_page.get_full_url(self.request)

    def feed_url(self, index_page):
        return index_page.get_full_url(self.request) + index_page.reverse_subpage(self.route_name).lstrip("/")

    def items(self, index_page):
        return index_page.news().prefetch_related("tags")[: index_page.feed_size]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.intro

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.last_published_at or item.published_at

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed
    route_name = "atom"

    def subtitle(self, index_page):
        return self.description(index_page)
