"""RSS 2.0 and Atom feeds of a calls index, served as routes of CallIndexPage (see models.py)."""

from django.utils.translation import gettext as _

from vvg.core.feeds import AtomFeedMixin, IndexPageFeed


class CallRssFeed(IndexPageFeed):
    """The calls of one index, latest first published first; each says when applications are accepted."""

    def description(self, index_page):
        return index_page.intro or _("Calls for local projects of %(site)s") % {"site": self.title(index_page)}

    def items(self, index_page):
        return index_page.calls().select_related("measure").order_by("-first_published_at")[: index_page.feed_size]

    def item_description(self, call):
        return f"{call.summary} {call.period_text()}"

    def item_pubdate(self, call):
        return call.first_published_at

    def item_categories(self, call):
        return [str(call.measure)]


class CallAtomFeed(AtomFeedMixin, CallRssFeed):
    pass
