"""The month calendar of the events index: weeks of days, each with the events taking place that day."""

import calendar
import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.dates import MONTHS, WEEKDAYS, WEEKDAYS_ABBR

FIRST_YEAR, LAST_YEAR = 2000, 2100


@dataclass
class Day:
    date: datetime.date
    in_month: bool
    is_today: bool
    events: list = field(default_factory=list)


@dataclass
class Month:
    year: int
    month: int
    weeks: list

    @property
    def first_day(self):
        return datetime.date(self.year, self.month, 1)

    @property
    def name(self):
        return MONTHS[self.month]

    @property
    def previous(self):
        day = self.first_day - datetime.timedelta(days=1)
        return (day.year, day.month) if day.year >= FIRST_YEAR else None

    @property
    def next(self):
        day = self.first_day + datetime.timedelta(days=32)
        return (day.year, day.month) if day.year <= LAST_YEAR else None

    @property
    def weekdays(self):
        """(abbreviation, full name) of Monday … Sunday, the Lithuanian week."""
        return [(WEEKDAYS_ABBR[number], WEEKDAYS[number]) for number in range(7)]


def month_grid(year, month, events):
    """The weeks (Monday first) of the month with `events` placed on every local day they cover."""
    today = timezone.localdate()
    weeks = [
        [Day(date, date.month == month, date == today) for date in week]
        for week in calendar.Calendar(firstweekday=calendar.MONDAY).monthdatescalendar(year, month)
    ]
    days = {day.date: day for week in weeks for day in week}
    for event in events:
        date = timezone.localdate(event.start)
        # An event ending at midnight does not take place on the day that begins then.
        last = max(date, timezone.localdate(event.end - datetime.timedelta(seconds=1)))
        while date <= last:
            if date in days:
                days[date].events.append(event)
            date += datetime.timedelta(days=1)
    return Month(year, month, weeks)


def grid_span(year, month):
    """The first and the last date the month's grid shows (whole weeks)."""
    weeks = calendar.Calendar(firstweekday=calendar.MONDAY).monthdatescalendar(year, month)
    return weeks[0][0], weeks[-1][-1]


def valid_month(year, month):
    return FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12
