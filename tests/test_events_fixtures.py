"""Fixtures and helpers the events and registration tests share (this module holds no tests)."""

import datetime
import itertools

import pytest
from django.core.cache import cache
from django.utils import timezone, translation

from events.models import EventIndexPage, EventPage, TrainingPage

_slugs = itertools.count(1)


@pytest.fixture
def event_index(home_page):
    index = home_page.add_child(instance=EventIndexPage(title="Renginiai", slug="renginiai", intro="VVG renginiai.", live=False))
    index.save_revision().publish()
    return EventIndexPage.objects.get(pk=index.pk)


def add_event(index, title="Mokymai pareiškėjams", *, model=TrainingPage, start=None, days=10, hours=3, publish=True, **extra):
    """A published training (or `model`) starting `days` from now, unless `start` is given."""
    start = start or (timezone.now() + datetime.timedelta(days=days)).replace(microsecond=0)
    fields = {"venue": "Ignalina", "intro": f"Apie {title}.", **extra}
    event = model(title=title, slug=f"renginys-{next(_slugs)}", start=start, end=start + datetime.timedelta(hours=hours), live=False, **fields)
    index.add_child(instance=event)
    if publish:
        event.save_revision().publish()
    return type(event).objects.get(pk=event.pk)


def add_meeting(index, title="Susitikimas", **extra):
    return add_event(index, title, model=EventPage, kind="meeting", **extra)


def form_data(name="Vardenis Pavardenis", email="vardenis@example.lt", **extra):
    return {"name": name, "email": email, "phone": "", "organisation": "", "sector": "", "processing_consent": "on", **extra}


def lt(message, **values):
    """What the site shows for `message` (an English msgid) in Lithuanian, placeholders filled in.

    Tests compare with this rather than with literal text, so they hold while translations change.
    """
    with translation.override("lt"):
        text = translation.gettext(message)
    return text % values if values else text


def lt_count(singular, plural, number, **values):
    with translation.override("lt"):
        return translation.ngettext(singular, plural, number) % values


@pytest.fixture
def no_rate_limits_left_over():
    """Registration attempts counted by earlier tests (the cache outlives a test) must not refuse this test's."""
    cache.clear()
