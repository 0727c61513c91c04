"""RSS 2.0 and Atom feeds of a news index, served as routes of NewsIndexPage (see models.py)."""

from django.utils.translation import gettext as _

from vvg.core.feeds import AtomFeedMixin, IndexPageFeed


class NewsRssFeed(IndexPageFeed):
    """The latest published news of one index."""

    def description(self, index_page):
        return index_page.intro or _("News of %(site)s") % {"site": self.title(index_page)}

    def items(self, index_page):
        return index_page.news().prefetch_related("tags")[: index_page.feed_size]

    def item_description(self, item):
        return item.intro

    def item_pubdate(self, item):
        return item.published_at

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]


class NewsAtomFeed(AtomFeedMixin, NewsRssFeed):
    pass
