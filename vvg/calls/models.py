"""Calls for local projects (kvietimai): the index with filters and feeds, and the call pages under it."""

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.paginator import Paginator
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import BooleanField, Exists, Max, Min, OuterRef, Prefetch, Value
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, PageManager, PageQuerySet
from wagtail.search import index

from vvg.core.blocks import ContentStreamBlock
from vvg.core.cache import public
from vvg.core.models import ListingPage, Measure, VVGPage
from vvg.core.serializers import MeasureSerializer

from . import services
from .choices import CallStatus, DocumentType, SelectionMode
from .feeds import CallAtomFeed, CallRssFeed
from .forms import CallFilterForm
from .serializers import CallDocumentSerializer

MONEY = {"max_digits": 12, "decimal_places": 2, "validators": [MinValueValidator(0)]}
LOCAL_TIME_HELP = _("Lithuanian time (Europe/Vilnius).")


class CallIndexPage(ListingPage):
    """The list of calls (/kvietimai/): open first, filterable by status, measure and year, with feeds."""

    subpage_types = ["vvg_calls.CallPage"]

    feed_size = 20

    class Meta:
        verbose_name = _("calls index page")
        verbose_name_plural = _("calls index pages")

    def calls(self):
        """Published, publicly visible calls under this index."""
        return public(CallPage.objects.child_of(self).live())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        calls = self.calls()
        span = calls.aggregate(first=Min("opens_at"), last=Max("closes_at"))
        form = CallFilterForm(
            request.GET,
            measures=Measure.objects.filter(calls__in=calls).distinct(),
            years=services.years_between(span["first"], span["last"]),
        )
        matching = form.filter(calls.with_results_flag(), now).order_by(*services.listing_order(now))
        paginator = Paginator(matching.select_related("measure"), self.paginate_by)
        context.update(calls=paginator.get_page(request.GET.get("page")), filter_form=form)
        return context

    # The feeds are routes of the page so their address follows the index wherever it is moved.
    @path("rss/", name="rss")
    def rss_feed(self, request):
        return CallRssFeed()(request, index_page=self)

    @path("atom/", name="atom")
    def atom_feed(self, request):
        return CallAtomFeed()(request, index_page=self)


class CallPageQuerySet(PageQuerySet):
    def with_results_flag(self):
        """Annotate services.RESULTS_FLAG: whether live funded projects of the call exist.

        The projects app adds the relation (FundedProjectPage.call, related_name "funded_projects");
        without it no call has results.
        """
        try:
            relation = CallPage._meta.get_field("funded_projects")
        except FieldDoesNotExist:
            return self.annotate(**{services.RESULTS_FLAG: Value(False, output_field=BooleanField())})
        projects = relation.related_model.objects.filter(**{relation.field.name: OuterRef("pk"), "live": True})
        return self.annotate(**{services.RESULTS_FLAG: Exists(projects)})


class CallPage(VVGPage):
    """One call for local projects (kvietimas); its status is computed from its dates, never stored."""

    number = models.CharField(_("number"), max_length=20, help_text=_("As the call documents give it, e.g. “Nr. 1”."))
    measure = models.ForeignKey(
        "vvg_core.Measure", verbose_name=_("measure"), on_delete=models.PROTECT, related_name="calls"
    )
    summary = models.TextField(
        _("summary"), help_text=_("One or two sentences shown in the list, in the feeds and when shared.")
    )
    opens_at = models.DateTimeField(_("applications accepted from"), help_text=LOCAL_TIME_HELP)
    closes_at = models.DateTimeField(_("applications accepted until"), help_text=LOCAL_TIME_HELP)
    total_allocation = models.DecimalField(_("total allocation, €"), **MONEY)
    max_grant = models.DecimalField(_("maximum grant per project, €"), **MONEY)
    funding_rate = models.DecimalField(
        _("funding rate, %"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("The largest share of a project's eligible costs the grant may cover."),
    )
    selection_mode = models.CharField(_("selection mode"), max_length=20, choices=SelectionMode.choices)
    eligible_applicants = RichTextField(_("who may apply"))
    eligible_activities = RichTextField(_("eligible activities"))
    target_groups = RichTextField(_("target groups"), blank=True)
    contact_name = models.CharField(_("contact person"), max_length=255, help_text=_("A VVG staff member."))
    contact_email = models.EmailField(_("contact e-mail"), help_text=_("A work address; it is shown on the site."))
    contact_phone = models.CharField(
        _("contact phone"), max_length=50, blank=True, help_text=_("A work number; it is shown on the site.")
    )
    information_event = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("information event page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    information_event_url = models.URLField(
        _("information event link"), blank=True, help_text=_("For an event announced elsewhere.")
    )
    body = StreamField(ContentStreamBlock(), verbose_name=_("content"), blank=True)

    objects = PageManager.from_queryset(CallPageQuerySet)()

    summary_field = "summary"

    content_panels = VVGPage.content_panels + [
        MultiFieldPanel([FieldPanel("number"), FieldPanel("measure")], heading=_("Call")),
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("opens_at"), FieldPanel("closes_at")], heading=_("Application period")),
        MultiFieldPanel(
            [
                FieldPanel("total_allocation"),
                FieldPanel("max_grant"),
                FieldPanel("funding_rate"),
                FieldPanel("selection_mode"),
            ],
            heading=_("Funding"),
        ),
        FieldPanel("eligible_applicants"),
        FieldPanel("eligible_activities"),
        FieldPanel("target_groups"),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_email"), FieldPanel("contact_phone")],
            heading=_("Contact person"),
        ),
        InlinePanel("documents", heading=_("Call documents"), label=_("document")),
        MultiFieldPanel(
            [FieldPanel("information_event"), FieldPanel("information_event_url")], heading=_("Information event")
        ),
        FieldPanel("body"),
    ]
    search_fields = VVGPage.search_fields + [
        index.SearchField("number"),
        index.SearchField("summary"),
        index.SearchField("eligible_applicants"),
        index.SearchField("eligible_activities"),
        index.SearchField("target_groups"),
        index.SearchField("body"),
        index.RelatedFields("measure", [index.SearchField("code"), index.SearchField("name")]),
        index.FilterField("opens_at"),
        index.FilterField("closes_at"),
    ]
    api_fields = [
        APIField("number"),
        APIField("measure", serializer=MeasureSerializer()),
        APIField("summary"),
        APIField("opens_at"),
        APIField("closes_at"),
        APIField("total_allocation"),
        APIField("max_grant"),
        APIField("funding_rate"),
        APIField("selection_mode"),
        APIField("status"),
        APIField("days_left"),
        APIField("documents", serializer=CallDocumentSerializer(many=True)),
        APIField("eligible_applicants"),
        APIField("eligible_activities"),
        APIField("target_groups"),
        APIField("information_event_url"),
        APIField("body"),
    ]

    parent_page_types = ["vvg_calls.CallIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("call")
        verbose_name_plural = _("calls")

    def clean(self):
        super().clean()
        errors = {}
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            errors["closes_at"] = _("The call must close after it opens.")
        if self.max_grant is not None and self.total_allocation is not None and self.max_grant > self.total_allocation:
            errors["max_grant"] = _("The maximum grant cannot exceed the call's total allocation.")
        if errors:
            raise ValidationError(errors)

    @classmethod
    def api_queryset(cls, queryset):
        """The API listing's calls with what their fields read: measure, status (results flag) and documents."""
        documents = CallDocument.objects.select_related("document")
        return (
            queryset.with_results_flag()
            .select_related("measure")
            .prefetch_related(Prefetch("documents", queryset=documents))
        )

    def has_results(self):
        """Whether live funded projects of this call exist (the projects app adds the relation)."""
        if hasattr(self, services.RESULTS_FLAG):  # annotated by a listing: no query per call
            return getattr(self, services.RESULTS_FLAG)
        return hasattr(self, "funded_projects") and self.funded_projects.live().exists()

    def funded_project_list(self):
        """The call's published funded projects for its page; empty without the projects app."""
        if not hasattr(self, "funded_projects"):
            return []
        return public(self.funded_projects.live()).select_related("beneficiary").order_by("title")

    @property
    def status(self):
        return services.call_status(self.opens_at, self.closes_at, timezone.now(), self.has_results())

    @property
    def days_left(self):
        """Calendar days left to apply while the call is open, else None."""
        now = timezone.now()
        if services.call_status(self.opens_at, self.closes_at, now) != CallStatus.OPEN:
            return None
        return services.days_left(self.closes_at, now)

    @property
    def deadline_text(self):
        days = self.days_left
        return None if days is None else services.deadline_text(days)

    def period_text(self):
        """The application period in words and local time, for the feeds."""
        return gettext("Applications are accepted from %(opens)s until %(closes)s.") % {
            "opens": date_format(timezone.localtime(self.opens_at), "DATETIME_FORMAT"),
            "closes": date_format(timezone.localtime(self.closes_at), "DATETIME_FORMAT"),
        }

    def get_call_index(self):
        parent = self.get_parent()
        parent = parent.specific if parent else None
        return parent if isinstance(parent, CallIndexPage) else None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        self.prime_related("measure", "information_event")
        funded_projects = list(self.funded_project_list())
        setattr(self, services.RESULTS_FLAG, bool(funded_projects))  # the status needs no query of its own
        context.update(
            call_index=self.get_call_index(),
            documents=self.documents.select_related("document"),
            funded_projects=funded_projects,
        )
        return context


class CallDocument(Orderable):
    """A document of a call: its funding conditions, the application form or another one."""

    page = ParentalKey(CallPage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("document"), on_delete=models.CASCADE, related_name="+"
    )
    document_type = models.CharField(_("type"), max_length=20, choices=DocumentType.choices)
    title = models.CharField(
        _("title"), max_length=255, blank=True, help_text=_("Leave empty to use the document's title.")
    )

    panels = [FieldPanel("document"), FieldPanel("document_type"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("call document")
        verbose_name_plural = _("call documents")

    def __str__(self):
        return self.display_title

    @property
    def display_title(self):
        return self.title or self.document.title
