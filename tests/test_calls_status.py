"""A call's status and days left, computed from its dates and `now` (vvg/calls/services.py)."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from vvg.calls.choices import CallStatus
from vvg.calls.services import call_status, days_left, deadline_text, years_between

VILNIUS = ZoneInfo("Europe/Vilnius")
MINUTE = datetime.timedelta(minutes=1)


def local(*args):
    return datetime.datetime(*args, tzinfo=VILNIUS)


OPENS = local(2026, 3, 2, 9, 0)
CLOSES = local(2026, 4, 30, 16, 0)


@pytest.mark.parametrize(("now", "expected"), [
    (OPENS - MINUTE, CallStatus.UPCOMING),
    (OPENS, CallStatus.OPEN),
    (OPENS + MINUTE, CallStatus.OPEN),
    (CLOSES - MINUTE, CallStatus.OPEN),
    (CLOSES, CallStatus.CLOSED),
    (CLOSES + MINUTE, CallStatus.CLOSED),
])
def test_status_at_the_edges_of_the_application_period(now, expected):
    assert call_status(OPENS, CLOSES, now) == expected


def test_status_compares_instants_whatever_time_zone_they_are_given_in():
    # 09:00 in Vilnius in winter is 07:00 UTC.
    utc = datetime.UTC
    assert call_status(OPENS, CLOSES, datetime.datetime(2026, 3, 2, 6, 59, tzinfo=utc)) == CallStatus.UPCOMING
    assert call_status(OPENS, CLOSES, datetime.datetime(2026, 3, 2, 7, 0, tzinfo=utc)) == CallStatus.OPEN


def test_results_show_only_once_the_call_has_closed():
    assert call_status(OPENS, CLOSES, CLOSES + MINUTE, has_results=True) == CallStatus.RESULTS
    assert call_status(OPENS, CLOSES, CLOSES - MINUTE, has_results=True) == CallStatus.OPEN  # a rolling call
    assert call_status(OPENS, CLOSES, OPENS - MINUTE, has_results=True) == CallStatus.UPCOMING


@pytest.mark.parametrize(("now", "closes_at", "days"), [
    (local(2026, 4, 27, 10, 0), CLOSES, 3),
    (local(2026, 4, 29, 23, 59), CLOSES, 1),
    (local(2026, 4, 30, 0, 0), CLOSES, 0),
    (local(2026, 4, 30, 15, 59), CLOSES, 0),
    # Spring forward (29 March, 03:00 → 04:00): less than 24 hours, yet the deadline is tomorrow.
    (local(2026, 3, 29, 0, 30), local(2026, 3, 30, 0, 15), 1),
    (local(2026, 3, 28, 12, 0), local(2026, 4, 1, 10, 0), 4),
    # Fall back (25 October, 04:00 → 03:00): in UTC both are a day earlier or later than in Vilnius.
    (local(2026, 10, 24, 23, 30), local(2026, 10, 26, 0, 10), 2),
    (local(2026, 10, 25, 1, 0), local(2026, 10, 25, 23, 30), 0),
    # Closing at midnight makes the day before the last day.
    (local(2026, 4, 30, 10, 0), local(2026, 5, 1, 0, 0), 0),
    (local(2026, 4, 29, 10, 0), local(2026, 5, 1, 0, 0), 1),
])
def test_days_left_are_calendar_days_in_vilnius(now, closes_at, days):
    assert days_left(closes_at, now) == days


def test_days_left_count_vilnius_days_when_now_is_given_in_utc():
    # 23:30 UTC on 28 April is already 29 April (02:30) in Vilnius.
    now = datetime.datetime(2026, 4, 28, 23, 30, tzinfo=datetime.UTC)
    assert days_left(CLOSES, now) == 1


def test_deadline_text_says_days_left_or_last_day():
    with translation.override("en"):
        assert deadline_text(3) == "3 days left"
        assert deadline_text(1) == "1 day left"
        assert deadline_text(0) == "last day"


def test_years_between_are_local_years_newest_first():
    # 23:30 UTC on 31 December is already the new year in Vilnius.
    first = datetime.datetime(2024, 12, 31, 23, 30, tzinfo=datetime.UTC)
    assert years_between(first, local(2026, 2, 1, 0, 0)) == [2026, 2025]
    assert years_between(None, None) == []
