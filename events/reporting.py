"""What trainings, events and consultations tell the indicators app through its hooks.

The protocols are in vvg/indicators/sources.py; only hook names are shared, so this app works
without vvg.indicators. Participation means attendance marked "attended", or a consultation given.
"""

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from vvg.core.models import Organisation

from .choices import Attendance, EventKind
from .models import Consultation, EventBasePage, Registration


def _organisation(record):
    """The record's organisation; an unsaved one for a typed name; None for a private person."""
    if record.organisation_id:
        return record.organisation
    if record.organisation_name:
        return Organisation(name=record.organisation_name, sector=record.sector)
    return None


def _day_bounds(start, end):
    """Aware datetimes bounding the local days from `start` to `end` (inclusive); None stays open."""
    first = timezone.make_aware(datetime.datetime.combine(start, datetime.time.min)) if start else None
    after = timezone.make_aware(datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min)) if end else None
    return first, after


def held_events(start=None, end=None, kind=None):
    """Live trainings and events that have ended, by their start from `start` to `end`."""
    events = EventBasePage.objects.live().filter(end__lt=timezone.now())
    first, after = _day_bounds(start, end)
    if first:
        events = events.filter(start__gte=first)
    if after:
        events = events.filter(start__lt=after)
    return events.filter(kind=kind) if kind else events


@hooks.register("register_vvg_participation_source")
class EventParticipationSource:
    """Organisations whose people attended a training or an event."""

    name = "events"
    label = _("Trainings and events (attended)")

    def participations(self):
        registrations = Registration.objects.filter(attended=Attendance.YES).select_related("event", "organisation")
        for registration in registrations.order_by("event__start", "pk"):
            event = registration.event
            day = timezone.localdate(event.start)
            yield _organisation(registration), f"{event.title} ({day:%Y-%m-%d})", day


@hooks.register("register_vvg_participation_source")
class ConsultationParticipationSource:
    """Organisations the VVG consulted (activity 1.2)."""

    name = "consultations"
    label = _("Consultations")

    def participations(self):
        for consultation in Consultation.objects.select_related("organisation").order_by("date", "pk"):
            yield _organisation(consultation), f"{consultation} (#{consultation.pk})", consultation.date


@hooks.register("register_vvg_activity_counter")
class TrainingsHeldCounter:
    name = "trainings_held"
    label = _("Trainings held")
    public = True

    def count(self, start=None, end=None):
        return held_events(start, end, EventKind.TRAINING).count()


@hooks.register("register_vvg_activity_counter")
class InformationEventsHeldCounter:
    name = "information_events_held"
    label = _("Information events held")
    public = True

    def count(self, start=None, end=None):
        return held_events(start, end, EventKind.INFO_EVENT).count()


@hooks.register("register_vvg_activity_counter")
class PeopleTrainedCounter:
    name = "people_trained"
    label = _("Participants who attended trainings")
    public = True

    def count(self, start=None, end=None):
        trainings = held_events(start, end, EventKind.TRAINING)
        return Registration.objects.filter(event__in=trainings, attended=Attendance.YES).count()


@hooks.register("register_vvg_activity_counter")
class ConsultationsCounter:
    name = "consultations_given"
    label = _("Consultations given")

    def count(self, start=None, end=None):
        consultations = Consultation.objects.all()
        if start:
            consultations = consultations.filter(date__gte=start)
        if end:
            consultations = consultations.filter(date__lte=end)
        return consultations.count()
