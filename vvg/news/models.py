"""News (naujienos): an index with tag filter, pagination and feeds, and the news pages under it."""

import datetime

from django.core.paginator import Paginator
from django.db import models
from django.db.models import Prefetch
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import path
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.images.api.fields import ImageRenditionField
from wagtail.search import index

from vvg.core.blocks import ContentStreamBlock
from vvg.core.cache import public
from vvg.core.models import ListingPage, VVGPage

from .feeds import NewsAtomFeed, NewsRssFeed
from .serializers import PREFETCHED_TAGS, TagNamesField

# The renditions the listing card asks for; they must match the {% srcset_image %} spec in
# vvg_news/includes/news_card.html, or prefetching them does not spare the per-card queries.
CARD_RENDITIONS = ("fill-480x270|format-webp", "fill-960x540|format-webp")
API_IMAGE_RENDITION = "fill-1200x630|format-webp"


class NewsPageTag(TaggedItemBase):
    """The through model that lets a NewsPage's tags live in its revisions (modelcluster)."""

    content_object = ParentalKey("vvg_news.NewsPage", on_delete=models.CASCADE, related_name="tagged_items")

    class Meta:
        verbose_name = _("news tag")
        verbose_name_plural = _("news tags")


class NewsIndexPage(ListingPage):
    """The list of news (/naujienos/), newest first, filterable by tag, with RSS and Atom feeds."""

    subpage_types = ["vvg_news.NewsPage"]

    feed_size = 20

    class Meta:
        verbose_name = _("news index page")
        verbose_name_plural = _("news index pages")

    def news(self):
        """Published, publicly visible news under this index, newest first."""
        return public(NewsPage.objects.child_of(self).live()).order_by("-date", "-pk")

    @staticmethod
    def with_listing_relations(queryset):
        """Fetch tags, main images and their card renditions in a fixed number of queries."""
        images = get_image_model().objects.prefetch_renditions(*CARD_RENDITIONS)
        return queryset.prefetch_related("tags", Prefetch("main_image", queryset=images))

    def used_tags(self, news=None):
        """Tags of the published news here, for the filter links."""
        news = self.news() if news is None else news
        return Tag.objects.filter(vvg_news_newspagetag_items__content_object__in=news).distinct().order_by("name")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        all_news = news = self.news()
        active_tag = None
        slug = request.GET.get("tag")
        if slug:
            # An unknown tag is a broken link, not an empty list: 404 keeps crawlers off junk URLs.
            active_tag = Tag.objects.filter(slug=slug).first()
            if active_tag is None:
                raise Http404(_("No such tag."))
            news = news.filter(tags=active_tag)
        paginator = Paginator(self.with_listing_relations(news), self.paginate_by)
        context.update(
            news_items=paginator.get_page(request.GET.get("page")),
            active_tag=active_tag,
            tags=self.used_tags(all_news),
        )
        return context

    # The feeds are routes of the page so their address follows the index wherever it is moved.
    @path("rss/", name="rss")
    def rss_feed(self, request):
        return NewsRssFeed()(request, index_page=self)

    @path("atom/", name="atom")
    def atom_feed(self, request):
        return NewsAtomFeed()(request, index_page=self)


class NewsPage(VVGPage):
    """One news item (naujiena)."""

    date = models.DateField(_("date"), default=timezone.localdate, help_text=_("Shown in the list and feeds."))
    intro = models.TextField(
        _("introduction"), help_text=_("One or two sentences shown in the list, in the feeds and when shared.")
    )
    main_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("main image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown in the list and above the text; also used when shared if no social media image is set."),
    )
    body = StreamField(ContentStreamBlock(), verbose_name=_("content"), blank=True)
    tags = ClusterTaggableManager(verbose_name=_("tags"), through=NewsPageTag, blank=True)

    content_panels = VVGPage.content_panels + [
        MultiFieldPanel([FieldPanel("date"), FieldPanel("tags")], heading=_("Date and tags")),
        FieldPanel("intro"),
        FieldPanel("main_image"),
        FieldPanel("body"),
    ]
    search_fields = VVGPage.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("date"),
    ]
    api_fields = [
        APIField("date"),
        APIField("intro"),
        APIField("tags", serializer=TagNamesField()),
        APIField("main_image", serializer=ImageRenditionField(API_IMAGE_RENDITION)),
        APIField("body"),
    ]

    parent_page_types = ["vvg_news.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")

    @classmethod
    def api_queryset(cls, queryset):
        """The API listing's articles with their main image's rendition and their tags in name order."""
        images = get_image_model().objects.prefetch_renditions(API_IMAGE_RENDITION)
        tagged_items = NewsPageTag.objects.select_related("tag").order_by("tag__name")
        return queryset.prefetch_related(
            Prefetch("main_image", queryset=images),
            Prefetch("tagged_items", queryset=tagged_items, to_attr=PREFETCHED_TAGS),
        )

    @property
    def published_at(self):
        """The news date as a local midnight datetime, which feeds need for pubDate/published."""
        return timezone.make_aware(datetime.datetime.combine(self.date, datetime.time()))

    def get_social_image(self):
        """The image shown when shared: the social media image, else the main image."""
        return self.social_image or self.main_image

    def get_news_index(self):
        parent = self.get_parent()
        parent = parent.specific if parent else None
        return parent if isinstance(parent, NewsIndexPage) else None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["news_index"] = self.get_news_index()
        return context
