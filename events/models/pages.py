"""Trainings and events (renginiai): the index at /renginiai/ and the page types under it.

TrainingPage and EventPage share a concrete base, EventBasePage, rather than an abstract one:
registrations point at "an event or a training" with one foreign key, and the index, the calendar
and the feeds list both kinds sorted by date in one query.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework.fields import BooleanField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from vvg.core.blocks import ContentStreamBlock, DocumentLinkBlock
from vvg.core.cache import public
from vvg.core.models import ListingPage, VVGPage

from ..choices import EventKind, RegistrationStatus


class EventQuerySet(PageQuerySet):
    def upcoming(self, now=None):
        """Events not over yet (ongoing ones included), soonest first."""
        return self.filter(end__gte=now or timezone.now()).order_by("start", "pk")

    def past(self, now=None):
        return self.filter(end__lt=now or timezone.now()).order_by("-start", "-pk")

    def between(self, first_day, last_day):
        """Events taking place on any local day from first_day to last_day (dates, inclusive)."""
        start = timezone.make_aware(datetime.datetime.combine(first_day, datetime.time.min))
        stop = timezone.make_aware(datetime.datetime.combine(last_day + datetime.timedelta(days=1), datetime.time.min))
        return self.filter(start__lt=stop, end__gte=start).order_by("start", "pk")

    def with_seat_counts(self):
        """Annotate `registered_count`, so listings show the seats left without a query per event."""
        return self.annotate(
            registered_count=Count("registrations", filter=Q(registrations__status=RegistrationStatus.REGISTERED))
        )


EventManager = PageManager.from_queryset(EventQuerySet)


class EventBasePage(RoutablePageMixin, VVGPage):
    """What trainings and events have in common: time, place, audience, capacity and registration."""

    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices, default=EventKind.INFO_EVENT)
    intro = models.TextField(
        _("introduction"), help_text=_("One or two sentences shown in the list, in the calendar feed and when shared.")
    )
    start = models.DateTimeField(_("starts at"), help_text=_("Local time (Europe/Vilnius)."))
    end = models.DateTimeField(_("ends at"), help_text=_("Local time (Europe/Vilnius)."))
    venue = models.CharField(
        _("venue"), max_length=255, blank=True, help_text=_("Address of the venue; leave empty for an online event.")
    )
    online_url = models.URLField(
        _("online link"), blank=True, help_text=_("Link to join online (e.g. a video meeting), if any.")
    )
    audience = models.CharField(_("audience"), max_length=255, blank=True, help_text=_("Whom the event is for."))
    organiser = models.CharField(_("trainer or organiser"), max_length=255, blank=True)
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Number of seats; leave empty for no limit.")
    )
    registration_enabled = models.BooleanField(
        _("registration on the site"), default=True, help_text=_("Accept registrations through the form on this page.")
    )
    registration_opens = models.DateTimeField(
        _("registration opens"), null=True, blank=True, help_text=_("Leave empty to open registration on publishing.")
    )
    registration_closes = models.DateTimeField(
        _("registration closes"), null=True, blank=True, help_text=_("Leave empty to close registration at the start.")
    )
    related_call = models.ForeignKey(
        "vvg_calls.CallPage",
        verbose_name=_("related call"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The call for proposals this event is about, if any."),
    )
    materials = StreamField(
        [("document", DocumentLinkBlock(label=_("document")))],
        verbose_name=_("materials"),
        blank=True,
        help_text=_("Presentations, handouts and other documents of the event."),
    )
    body = StreamField(ContentStreamBlock(), verbose_name=_("content"), blank=True)
    # iCalendar SEQUENCE: raised on every publication (signals.py); kept out of revisions below.
    ical_sequence = models.PositiveIntegerField(_("calendar revision"), default=0, editable=False)

    objects = EventManager()

    schedule_panels = [
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")], heading=_("Time")),
        FieldRowPanel([FieldPanel("venue"), FieldPanel("online_url")], heading=_("Place")),
        FieldPanel("audience"),
        FieldPanel("organiser"),
    ]
    registration_panels = [
        MultiFieldPanel(
            [
                FieldPanel("registration_enabled"),
                FieldPanel("capacity"),
                FieldRowPanel([FieldPanel("registration_opens"), FieldPanel("registration_closes")]),
            ],
            heading=_("Registration"),
        )
    ]
    content_panels = VVGPage.content_panels + [FieldPanel("intro")]
    trailing_panels = [FieldPanel("related_call"), FieldPanel("body"), FieldPanel("materials")]

    search_fields = VVGPage.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.SearchField("venue"),
        index.SearchField("audience"),
        index.SearchField("organiser"),
        index.FilterField("kind"),
        index.FilterField("start"),
        index.FilterField("end"),
    ]
    # Counts only: who registered never leaves the admin.
    api_fields = [
        APIField("kind"),
        APIField("intro"),
        APIField("start"),
        APIField("end"),
        APIField("venue"),
        APIField("online_url"),
        APIField("audience"),
        APIField("organiser"),
        APIField("capacity"),
        APIField("seats_left"),
        APIField("registration_enabled"),
        APIField("registration_open", serializer=BooleanField(source="registration_is_open", read_only=True)),
        APIField("registration_opens"),
        APIField("registration_closes"),
        APIField("related_call"),
        APIField("body"),
        APIField("materials"),
    ]

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []
    is_creatable = False  # editors add an EventPage or a TrainingPage

    class Meta:
        verbose_name = _("training or event")
        verbose_name_plural = _("trainings and events")

    @classmethod
    def api_queryset(cls, queryset):
        """The API listing's trainings and events with their seats taken and their related call."""
        return queryset.with_seat_counts().select_related("related_call")

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("The end must be after the start.")
        if not self.venue and not self.online_url:
            errors["venue"] = _("Enter the venue, the online link or both.")
        if self.registration_opens and self.registration_closes and self.registration_closes <= self.registration_opens:
            errors["registration_closes"] = _("Registration must close after it opens.")
        if self.registration_closes and self.end and self.registration_closes > self.end:
            errors["registration_closes"] = _("Registration cannot close after the event ends.")
        if errors:
            raise ValidationError(errors)

    def with_content_json(self, content):
        # The sequence counts publications of the page as a whole, so no revision may roll it back.
        page = super().with_content_json(content)
        page.ical_sequence = self.ical_sequence
        return page

    @property
    def registered_seats(self):
        if hasattr(self, "registered_count"):  # annotated by EventQuerySet.with_seat_counts()
            return self.registered_count
        return self.registrations.filter(status=RegistrationStatus.REGISTERED).count()

    @property
    def seats_left(self):
        """Free seats, or None when the capacity is unlimited."""
        if self.capacity is None:
            return None
        return max(self.capacity - self.registered_seats, 0)

    @property
    def registration_closes_at(self):
        return self.registration_closes or self.start

    def registration_is_open(self, now=None):
        now = now or timezone.now()
        return (
            self.registration_enabled
            and self.live
            and (self.registration_opens is None or self.registration_opens <= now)
            and now < self.registration_closes_at
            and now < self.start
        )

    def registration_not_open_yet(self, now=None):
        now = now or timezone.now()
        return self.registration_enabled and self.registration_opens is not None and now < self.registration_opens

    def is_past(self, now=None):
        return self.end < (now or timezone.now())

    def get_event_index(self):
        parent = self.get_parent()
        parent = parent.specific if parent else None
        return parent if isinstance(parent, EventIndexPage) else None

    # Views live in views.py; imported on call because views import these models.
    @path("")
    def index_route(self, request, *args, **kwargs):
        from ..views import event_page

        return event_page(request, self)

    @path("registracija/<str:token>/<str:signature>/", name="registration")
    def registration_route(self, request, token, signature):
        from ..views import registration_detail

        return registration_detail(request, self, token, signature)

    @path("ical/", name="ical")
    def ical_route(self, request):
        from ..views import event_ical

        return event_ical(request, self)


class EventPage(EventBasePage):
    """An event (renginys): an information event, a meeting or another gathering."""

    content_panels = (
        EventBasePage.content_panels
        + [FieldPanel("kind")]
        + EventBasePage.schedule_panels
        + EventBasePage.registration_panels
        + EventBasePage.trailing_panels
    )

    template = "events/event_page.html"

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")


class TrainingPage(EventBasePage):
    """A training (mokymai) of the VVG's activity 1.2 for applicants and project implementers."""

    programme = RichTextField(
        _("programme"), blank=True, features=["h3", "bold", "italic", "ol", "ul", "link"],
        help_text=_("The agenda: topics and times."),
    )
    hours = models.DecimalField(
        _("academic hours"), max_digits=4, decimal_places=1, null=True, blank=True,
        help_text=_("Length of the training in academic hours, if participants need it for a certificate."),
    )

    content_panels = (
        EventBasePage.content_panels
        + EventBasePage.schedule_panels
        + [FieldPanel("hours"), FieldPanel("programme")]
        + EventBasePage.registration_panels
        + EventBasePage.trailing_panels
    )
    search_fields = EventBasePage.search_fields + [index.SearchField("programme")]
    api_fields = EventBasePage.api_fields + [APIField("programme"), APIField("hours")]
    template = "events/event_page.html"  # one template; the programme and hours show when present

    class Meta:
        verbose_name = _("training")
        verbose_name_plural = _("trainings")

    def save(self, *args, **kwargs):
        self.kind = EventKind.TRAINING  # a training is always of the kind "training"
        super().save(*args, **kwargs)


class EventIndexPage(ListingPage):
    """Trainings and events (/renginiai/): upcoming first, the past archive, a month calendar, iCal feeds."""

    template = "events/event_index_page.html"
    subpage_types = ["events.EventPage", "events.TrainingPage"]


    class Meta:
        verbose_name = _("trainings and events index page")
        verbose_name_plural = _("trainings and events index pages")

    def events(self):
        """Published, publicly visible trainings and events under this index."""
        return public(EventBasePage.objects.child_of(self).live())

    @path("")
    def index_route(self, request, *args, **kwargs):
        from ..views import event_index

        return event_index(request, self)

    @path("kalendorius/", name="calendar")
    @path("kalendorius/<int:year>/<int:month>/", name="calendar_month")
    def calendar_route(self, request, year=None, month=None):
        from ..views import event_calendar

        return event_calendar(request, self, year, month)

    @path("ical/", name="ical")
    def ical_route(self, request):
        from ..views import index_ical

        return index_ical(request, self)
