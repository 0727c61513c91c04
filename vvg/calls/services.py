"""The rules of a call's status: pure functions of its dates and `now`, in Python and as SQL conditions.

A call accepts applications from `opens_at` (inclusive) until `closes_at` (exclusive). Once it has
closed, it shows "results published" as soon as funded projects of it are published; a rolling
call keeps accepting applications while some of its projects are already funded, so results do
not end the open period.
"""

import datetime

from django.db.models import Case, F, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from .choices import CallStatus

# The annotation (see CallPageQuerySet.with_results_flag) the SQL conditions read "results exist" from.
RESULTS_FLAG = "results_exist"


def call_status(opens_at, closes_at, now, has_results=False):
    if now < opens_at:
        return CallStatus.UPCOMING
    if now < closes_at:
        return CallStatus.OPEN
    return CallStatus.RESULTS if has_results else CallStatus.CLOSED


def last_day(closes_at):
    """The local (Europe/Vilnius) date of the last moment applications are accepted.

    A call closing at midnight ends with the day before, so that day is its last day.
    """
    return timezone.localtime(closes_at - datetime.timedelta(microseconds=1), timezone.get_default_timezone()).date()


def days_left(closes_at, now):
    """Calendar days from today to the last day, both in Vilnius: DST changes do not shift it."""
    today = timezone.localtime(now, timezone.get_default_timezone()).date()
    return (last_day(closes_at) - today).days


def deadline_text(days):
    """What a visitor reads next to an open call: "liko 3 d." or "paskutinė diena"."""
    if days <= 0:
        return gettext("last day")
    return ngettext("%(days)d day left", "%(days)d days left", days) % {"days": days}


def status_q(status, now):
    """The SQL condition of `status` at `now`; the queryset must carry the RESULTS_FLAG annotation."""
    closed = Q(closes_at__lte=now)
    results = Q(**{RESULTS_FLAG: True})
    return {
        CallStatus.UPCOMING: Q(opens_at__gt=now),
        CallStatus.OPEN: Q(opens_at__lte=now, closes_at__gt=now),
        CallStatus.CLOSED: closed & ~results,
        CallStatus.RESULTS: closed & results,
    }[status]


def year_q(year):
    """Calls that accepted (or will accept) applications at some time in the local calendar `year`."""
    tz = timezone.get_default_timezone()
    start = datetime.datetime(year, 1, 1, tzinfo=tz)
    end = datetime.datetime(year + 1, 1, 1, tzinfo=tz)
    return Q(opens_at__lt=end, closes_at__gt=start)


def years_between(first_opening, last_closing):
    """The years a listing can be filtered by, newest first."""
    if first_opening is None or last_closing is None:
        return []
    tz = timezone.get_default_timezone()
    first = timezone.localtime(first_opening, tz).year
    last = timezone.localtime(last_closing, tz).year
    return list(range(last, first - 1, -1))


def listing_order(now):
    """Open calls by closing date (soonest first), then upcoming by opening date, then past ones newest first."""
    is_open = status_q(CallStatus.OPEN, now)
    is_upcoming = status_q(CallStatus.UPCOMING, now)
    group = Case(When(is_open, then=Value(0)), When(is_upcoming, then=Value(1)), default=Value(2))
    # Each key is NULL outside its group, so it orders only the calls of that group.
    soonest = Case(When(is_open, then=F("closes_at")), When(is_upcoming, then=F("opens_at")))
    newest = Case(When(closes_at__lte=now, then=F("closes_at")))
    return [group.asc(), soonest.asc(), newest.desc(), F("pk").asc()]
