"""Keep what depends on publication current: the iCalendar SEQUENCE and the waiting list."""

from django.db.models import F
from wagtail.signals import page_published

from .models import EventBasePage
from .services import promote_waiting


def event_published(sender, instance, **kwargs):
    if not isinstance(instance, EventBasePage):
        return
    EventBasePage.objects.filter(pk=instance.pk).update(ical_sequence=F("ical_sequence") + 1)
    # A larger capacity frees seats for the people waiting.
    promote_waiting(instance)


def connect():
    page_published.connect(event_published, dispatch_uid="events.event_published")
