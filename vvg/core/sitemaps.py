"""The sitemap with every language's pages: Wagtail's own lists only the tree of the site's root page."""

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class TranslatedSitemap(Sitemap):
    """Live public pages under the site's home page and under its translations (/en/…)."""

    def items(self):
        roots = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        trees = Q()
        for root in roots.only("path"):
            trees |= Q(path__startswith=root.path)
        return Page.objects.filter(trees).live().public().order_by("path").defer_streamfields().specific()
