"""Funded projects (finansuoti projektai): a filterable listing with totals and open data, and the projects."""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from rest_framework.fields import DecimalField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Orderable
from wagtail.search import index

from vvg.core.blocks import ContentStreamBlock
from vvg.core.cache import public
from vvg.core.models import SOCIAL_IMAGE_RENDITION, ListingPage, VVGPage
from vvg.core.serializers import MeasureSerializer

from . import services
from .choices import ProjectStatus
from .exports import csv_response, json_response
from .forms import ProjectFilterForm
from .qr import qr_svg
from .serializers import CallSerializer, OrganisationSerializer

# The renditions the gallery asks for; they must match the {% srcset_image %} spec in
# funded_project_page.html, or prefetching them does not spare a query per photo.
GALLERY_RENDITIONS = ("width-480|format-webp", "width-960|format-webp", "width-1440|format-webp")
API_GALLERY_RENDITION = "width-1440|format-webp"
MONEY = {"max_digits": 12, "decimal_places": 2, "validators": [MinValueValidator(0)]}


class FundedProjectIndexPage(ListingPage):
    """The funded projects (/projektai/): GET filters, totals that follow them, a table and CSV/JSON files."""

    subpage_types = ["vvg_projects.FundedProjectPage"]

    paginate_by = 20
    listing_order = ("-start_date", "code")

    class Meta:
        verbose_name = _("funded project index page")
        verbose_name_plural = _("funded project index pages")

    def projects(self):
        """Published, publicly visible projects under this index: drafts are never listed nor exported."""
        return public(FundedProjectPage.objects.child_of(self).live())

    def filtered_projects(self, request):
        """The filter form of the request's query string and the projects it selects."""
        projects = self.projects()
        form = ProjectFilterForm(request.GET, projects)
        return form, services.filter_projects(projects, form.filters).order_by(*self.listing_order)

    @staticmethod
    def with_listing_relations(projects):
        return projects.select_related("beneficiary", "measure", "call")

    def data_url(self, request, route_name):
        # Wagtail gives every route a trailing slash; a file's address is nicer without it.
        return self.get_url(request) + self.reverse_subpage(route_name).rstrip("/")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        form, projects = self.filtered_projects(request)
        query = form.querystring()
        suffix = f"?{query}" if query else ""
        totals = services.project_totals(projects)
        paginator = Paginator(self.with_listing_relations(projects), self.paginate_by)
        paginator.count = totals["count"]  # the totals counted the same projects: no second COUNT query
        context.update(
            filter_form=form,
            is_filtered=bool(query),
            totals=totals,
            projects=paginator.get_page(request.GET.get("page")),
            data_urls={
                "csv": self.data_url(request, "data_csv") + suffix,
                "json": self.data_url(request, "data_json") + suffix,
            },
        )
        return context

    def export_rows(self, request):
        _form, projects = self.filtered_projects(request)
        for project in self.with_listing_relations(projects):
            yield services.export_row(project, project.get_full_url(request))

    # Routes of the page, so the files follow the index wherever it moves; the site's URLconf includes
    # vvg.projects.urls for them, as Wagtail's own pattern takes no dot.
    @path("duomenys.csv/", name="data_csv")
    def data_csv(self, request):
        return csv_response(self.export_rows(request), f"{self.slug}.csv")

    @path("duomenys.json/", name="data_json")
    def data_json(self, request):
        return json_response(self.export_rows(request), f"{self.slug}.json")


class FundedProjectPartner(Orderable):
    page = ParentalKey("vvg_projects.FundedProjectPage", on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey(
        "vvg_core.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )

    panels = [FieldPanel("organisation")]
    api_fields = [APIField("organisation", serializer=OrganisationSerializer())]

    class Meta(Orderable.Meta):
        verbose_name = _("partner")
        verbose_name_plural = _("partners")


class FundedProjectImage(Orderable):
    page = ParentalKey("vvg_projects.FundedProjectPage", on_delete=models.CASCADE, related_name="gallery_images")
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("image"), on_delete=models.CASCADE, related_name="+"
    )
    alt_text = models.CharField(
        _("alternative text"),
        max_length=255,
        help_text=_("Describe what the photo shows, for those who cannot see it."),
    )
    caption = models.CharField(_("caption"), max_length=255, blank=True)

    panels = [FieldPanel("image"), FieldPanel("alt_text"), FieldPanel("caption")]
    api_fields = [
        APIField("image", serializer=ImageRenditionField(API_GALLERY_RENDITION)),
        APIField("alt_text"),
        APIField("caption"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("gallery image")
        verbose_name_plural = _("gallery images")


class FundedProjectPage(RoutablePageMixin, VVGPage):
    """One funded local project (finansuotas projektas), with an A3 publicity poster at plakatas/."""

    code = models.CharField(
        _("project code"), max_length=50, help_text=_("As in the funding contract, e.g. IGN-LEADER-6B-DV-24-1-00001.")
    )
    beneficiary = models.ForeignKey(
        "vvg_core.Organisation", verbose_name=_("beneficiary"), on_delete=models.PROTECT, related_name="funded_projects"
    )
    call = models.ForeignKey(
        "vvg_calls.CallPage",
        verbose_name=_("call"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="funded_projects",
    )
    measure = models.ForeignKey(
        "vvg_core.Measure", verbose_name=_("measure"), on_delete=models.PROTECT, related_name="funded_projects"
    )
    grant = models.DecimalField(_("grant, €"), **MONEY)
    total_value = models.DecimalField(
        _("total value, €"), **MONEY, help_text=_("The own contribution is the total value less the grant.")
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    status = models.CharField(_("status"), max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.SIGNED)
    address = models.CharField(_("address"), max_length=255, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text=_("Decimal degrees, e.g. 55.340 for Ignalina."),
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        help_text=_("Decimal degrees, e.g. 26.160 for Ignalina."),
    )
    aim = models.TextField(
        _("aim"), help_text=_("The project's aim in a few sentences; shown on the poster and when shared.")
    )
    results = RichTextField(_("results"), blank=True, help_text=_("What the project achieved or is to achieve."))
    body = StreamField(ContentStreamBlock(), verbose_name=_("content"), blank=True)

    summary_field = "aim"

    content_panels = VVGPage.content_panels + [
        FieldPanel("code"),
        MultiFieldPanel(
            [FieldPanel("beneficiary"), InlinePanel("partners", label=_("Partners"))],
            heading=_("Beneficiary and partners"),
        ),
        MultiFieldPanel([FieldPanel("call"), FieldPanel("measure")], heading=_("Call and measure")),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("grant"), FieldPanel("total_value")]),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                FieldPanel("status"),
            ],
            heading=_("Funding, period and status"),
        ),
        MultiFieldPanel(
            [FieldPanel("address"), FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")])],
            heading=_("Location"),
        ),
        FieldPanel("aim"),
        InlinePanel("gallery_images", label=_("Gallery")),
        FieldPanel("results"),
        FieldPanel("body"),
    ]
    search_fields = VVGPage.search_fields + [
        index.SearchField("code_terms"),
        index.AutocompleteField("code"),
        index.SearchField("aim"),
        index.SearchField("results"),
        index.SearchField("body"),
        index.RelatedFields("beneficiary", [index.SearchField("name")]),
        index.FilterField("status"),
        index.FilterField("start_date"),
    ]
    api_fields = [
        APIField("code"),
        APIField("beneficiary", serializer=OrganisationSerializer()),
        APIField("partners"),
        APIField("call", serializer=CallSerializer(source="public_call")),
        APIField("measure", serializer=MeasureSerializer()),
        APIField("grant"),
        APIField("total_value"),
        APIField("own_contribution", serializer=DecimalField(max_digits=12, decimal_places=2, read_only=True)),
        APIField("status"),
        APIField("start_date"),
        APIField("end_date"),
        APIField("address"),
        APIField("latitude"),
        APIField("longitude"),
        APIField("aim"),
        APIField("results"),
        APIField("gallery_images"),
        APIField("body"),
    ]

    parent_page_types = ["vvg_projects.FundedProjectIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("funded project")
        verbose_name_plural = _("funded projects")

    @classmethod
    def api_queryset(cls, queryset):
        """The API listing's projects with their organisations, call, measure and gallery renditions."""
        images = get_image_model().objects.prefetch_renditions(API_GALLERY_RENDITION)
        gallery = FundedProjectImage.objects.prefetch_related(Prefetch("image", queryset=images))
        return queryset.select_related("beneficiary", "call", "measure").prefetch_related(
            Prefetch("partners", queryset=FundedProjectPartner.objects.select_related("organisation")),
            Prefetch("gallery_images", queryset=gallery),
        )

    @property
    def own_contribution(self):
        return services.own_contribution(self.total_value, self.grant)

    @property
    def public_call(self):
        """The call, once it is published: an unpublished call's title is not shown nor exported."""
        return self.call if self.call and self.call.live else None

    def code_terms(self):
        """The code's parts as words for search: PostgreSQL reads "-1" of a hyphenated code as a number."""
        return self.code.replace("-", " ")

    @property
    def coordinates(self):
        """The point as ("55.3401", "26.1612") without trailing zeros, for display and map links; None if unset."""
        if self.latitude is None or self.longitude is None:
            return None
        return tuple(f"{value.normalize():f}" for value in (self.latitude, self.longitude))

    def clean(self):
        super().clean()
        errors = services.project_errors(self)
        if errors:
            raise ValidationError(errors)

    def gallery(self):
        # The first photo is also the page's Open Graph image when no social image is set.
        images = get_image_model().objects.prefetch_renditions(*GALLERY_RENDITIONS, SOCIAL_IMAGE_RENDITION)
        return self.gallery_images.prefetch_related(Prefetch("image", queryset=images))

    def get_social_image(self):
        """The image shown when shared: the social media image, else the first gallery photo."""
        if self.social_image_id:
            return self.social_image
        # The page view has loaded the gallery already (get_context): no second query for its first photo.
        gallery = getattr(self, "_gallery", None)
        if gallery is None:
            first = self.gallery_images.select_related("image").first()
        else:
            first = gallery[0] if gallery else None
        return first.image if first else None

    def get_project_index(self):
        parent = self.get_parent()
        parent = parent.specific if parent else None
        return parent if isinstance(parent, FundedProjectIndexPage) else None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        self.prime_related("beneficiary", "measure", "call")
        self._gallery = list(self.gallery())
        context.update(
            project_index=self.get_project_index(),
            partners=self.partners.select_related("organisation"),
            gallery=self._gallery,
        )
        return context

    @path("plakatas/", name="poster")
    def poster(self, request):
        """A printable A3 publicity poster: EU emblem and statement, key facts and a QR code of the page."""
        page_url = self.get_full_url(request)
        return self.render(
            request,
            template="vvg_projects/poster.html",
            context_overrides={"page_url": page_url, "qr_code": qr_svg(page_url)},
        )

