"""Wagtail API v2 at /api/v2/: pages (with the filters of filters.py), images and documents.

Only live, public pages of the requested site are listed (Wagtail's own rule); registers,
evaluations and other non-page data have no endpoint at all.

A listing costs the same few queries however many pages it has: a page type whose fields read
related rows (measures, documents, images, …) fetches them for all its pages at once in its
`api_queryset(queryset)` class method, which the pages endpoint applies to the listing.
"""

from django.urls import NoReverseMatch
from rest_framework.renderers import JSONRenderer
from wagtail.api.v2.filters import (
    AncestorOfFilter,
    ChildOfFilter,
    DescendantOfFilter,
    FieldsFilter,
    LocaleFilter,
    OrderingFilter,
    SearchFilter,
    TranslationOfFilter,
)
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.serializers import PageHtmlUrlField, PageSerializer
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from .filters import CallStatusFilter, UpcomingFilter


class JSONOnly:
    # DRF's browsable HTML view would need "rest_framework" installed, whose Lithuanian catalogue
    # overrides Django's own messages (form errors) all over the site; consumers want JSON anyway.
    renderer_classes = (JSONRenderer,)


class HtmlUrlField(PageHtmlUrlField):
    """A page's address, with the site's root paths read once per request (Wagtail's field reads them
    from the cache once per page: twenty round trips for a listing)."""

    def to_representation(self, page):
        try:
            return page.get_full_url(self.context["request"])
        except NoReverseMatch:
            return None


class VVGPageSerializer(PageSerializer):
    html_url = HtmlUrlField(read_only=True)


class VVGPagesAPIViewSet(JSONOnly, PagesAPIViewSet):
    base_serializer_class = VVGPageSerializer
    # Right after the field filter: before OrderingFilter (`order` wins over the date order of
    # `upcoming`) and SearchFilter (last, as its results cannot be filtered further).
    filter_backends = (
        FieldsFilter,
        CallStatusFilter,
        UpcomingFilter,
        ChildOfFilter,
        AncestorOfFilter,
        DescendantOfFilter,
        OrderingFilter,
        TranslationOfFilter,
        LocaleFilter,
        SearchFilter,
    )
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(["status", "upcoming"])

    def get_base_queryset(self):
        # Wanted by get_queryset, the serializer context and the tree filters alike: the view
        # restrictions and the site are read once per request, not once per use.
        if not hasattr(self, "_base_queryset"):
            self._base_queryset = super().get_base_queryset()
        return self._base_queryset

    def get_queryset(self):
        queryset = super().get_queryset().select_related("locale")  # every page's meta has its locale
        api_queryset = getattr(queryset.model, "api_queryset", None)
        return api_queryset(queryset) if api_queryset else queryset


class VVGImagesAPIViewSet(JSONOnly, ImagesAPIViewSet):
    pass


class VVGDocumentsAPIViewSet(JSONOnly, DocumentsAPIViewSet):
    pass


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", VVGPagesAPIViewSet)
api_router.register_endpoint("images", VVGImagesAPIViewSet)
api_router.register_endpoint("documents", VVGDocumentsAPIViewSet)
