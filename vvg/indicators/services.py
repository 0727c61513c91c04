"""Rules of indicators: the R.S.2.3034 participation rule, computed values, progress and snapshots.

Values come from the sources other apps register (see sources.py), so this module never
imports those apps. It does not import this app's models either: it works on the indicators
and querysets it is given, which lets the models use it.
"""

import csv
import datetime
import io
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Callable

from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from vvg.core import cache
from vvg.core.choices import Sector

from .sources import activity_counters, enabled_participation_sources

# R.S.2.3034 counts organisations of civil society and business; the public sector does not count.
COUNTED_SECTORS = (Sector.CIVIL, Sector.BUSINESS)
PARTICIPATING_ORGANISATIONS = "participating_organisations"
PARTICIPATIONS = "participations"


@dataclass(frozen=True)
class Participation:
    organisation: Any
    activity: str
    date: datetime.date | None
    source: Any


@dataclass
class CountedOrganisation:
    """One organisation as the rule counts it, with the participations that made it count."""

    key: tuple
    participations: list

    @cached_property
    def organisation(self):
        """A register record with a legal entity code describes it best; free text the least."""
        return max(
            (p.organisation for p in self.participations),
            key=lambda o: (bool(o.legal_code), o.pk is not None),
        )

    @property
    def name(self):
        return self.organisation.name

    @property
    def legal_code(self):
        return self.organisation.legal_code

    @property
    def sector_label(self):
        return Sector(self.organisation.sector).label

    @property
    def sources(self):
        """(source label, number of participations) pairs, by label."""
        counts = Counter(str(p.source.label) for p in self.participations)
        return sorted(counts.items())

    @property
    def first_date(self):
        return min((p.date for p in self.participations if p.date), default=None)


@dataclass
class ParticipationCount:
    organisations: list
    # Participations of organisations of other sectors, reported so the total can be reconciled.
    other_sectors: int = 0

    @property
    def participations(self):
        return sum(len(organisation.participations) for organisation in self.organisations)


def collect_participations(until=None):
    """Participations from the enabled sources, dated on or before `until` (undated ones always).

    A participant without an organisation (a private person) is not an organisation that took part.
    """
    for source in enabled_participation_sources():
        for organisation, activity, day in source.participations():
            if organisation is not None and (until is None or day is None or day <= until):
                yield Participation(organisation, str(activity), day, source)


def count_participation(until=None):
    """The R.S.2.3034 rule: distinct civil-society and business organisations across the enabled sources.

    An organisation is one legal entity code, else one normalised name; a name without a code
    joins the organisation whose code goes with that name, when exactly one does. Each
    organisation's participations are its distinct (source, activity) pairs: two people of one
    organisation at the same training are one participation.
    """
    participations = list(collect_participations(until))
    counted = [p for p in participations if p.organisation.sector in COUNTED_SECTORS]
    codes_by_name = defaultdict(set)
    for participation in counted:
        if participation.organisation.legal_code:
            codes_by_name[participation.organisation.normalised_name].add(participation.organisation.legal_code)
    groups = defaultdict(dict)
    for participation in counted:
        kind, value = participation.organisation.identity_key
        if kind == "name" and len(codes_by_name.get(value, ())) == 1:
            kind, value = "code", next(iter(codes_by_name[value]))
        groups[kind, value].setdefault((participation.source.name, participation.activity), participation)
    organisations = sorted(
        (CountedOrganisation(key, list(found.values())) for key, found in groups.items()),
        key=lambda organisation: organisation.name.casefold(),
    )
    return ParticipationCount(organisations, other_sectors=len(participations) - len(counted))


@dataclass(frozen=True)
class ComputedSource:
    """What a computed indicator may be computed from: `compute(evaluation)` gives (value, note)."""

    name: str
    label: Any
    compute: Callable


def _organisations(evaluation):
    count = evaluation.participation
    note = ngettext(
        "%(count)s participation of these organisations.", "%(count)s participations of these organisations.",
        count.participations,
    ) % {"count": count.participations}
    return Decimal(len(count.organisations)), note


def _participations(evaluation):
    return Decimal(evaluation.participation.participations), ""


def _counter(counter):
    return lambda evaluation: (Decimal(counter.count(end=evaluation.until)), "")


def computed_sources():
    """Everything a computed indicator can name as its source, by name: the participation rule and the counters."""
    sources = {
        PARTICIPATING_ORGANISATIONS: ComputedSource(
            PARTICIPATING_ORGANISATIONS,
            _("Participating civil-society and business organisations (R.S.2.3034 rule)"),
            _organisations,
        ),
        PARTICIPATIONS: ComputedSource(
            PARTICIPATIONS, _("Participations of civil-society and business organisations"), _participations
        ),
    }
    for name, counter in activity_counters().items():
        if name in sources:
            raise ImproperlyConfigured(f"The activity counter name {name!r} is reserved.")
        sources[name] = ComputedSource(name, counter.label, _counter(counter))
    return sources


class Evaluation:
    """Computed values as of one day; each source, and the participation rule, runs at most once."""

    def __init__(self, until=None):
        self.until = until or timezone.localdate()
        self.sources = computed_sources()
        self._results = {}

    @cached_property
    def participation(self):
        return count_participation(self.until)

    def result(self, source_name):
        """(value, note) of the named source, or None when no installed app provides it."""
        if source_name not in self._results:
            source = self.sources.get(source_name)
            self._results[source_name] = source.compute(self) if source else None
        return self._results[source_name]


def percent(indicator, value):
    """Progress from the baseline to the target, in whole percent; above 100 when exceeded."""
    span = indicator.target - indicator.baseline
    if value is None or not span:
        return None
    return int(((value - indicator.baseline) / span * 100).quantize(Decimal(1), ROUND_HALF_UP))


@dataclass
class Progress:
    """Where an indicator stands: its value (live for a computed one), the percentage and the history."""

    indicator: Any
    value: Decimal | None
    as_of: datetime.date | None
    is_live: bool
    measurements: list = field(default_factory=list)

    @property
    def percent(self):
        return percent(self.indicator, self.value)

    @property
    def bar_value(self):
        return min(max(self.percent or 0, 0), 100)

    @property
    def points(self):
        """(date, value) of the history; a live value ends it, superseding a measurement of the same day."""
        if not self.is_live:
            return [(m.date, m.value) for m in self.measurements]
        return [(m.date, m.value) for m in self.measurements if m.date < self.as_of] + [(self.as_of, self.value)]


def progress(indicator, evaluation):
    measurements = sorted(indicator.measurements.all(), key=lambda m: m.date)
    result = evaluation.result(indicator.source_name) if indicator.is_computed else None
    if result is not None:
        return Progress(indicator, result[0], evaluation.until, True, measurements)
    if measurements:
        last = measurements[-1]
        return Progress(indicator, last.value, last.date, False, measurements)
    return Progress(indicator, None, None, False, measurements)


def progress_list(indicators, today=None):
    """Progress of each indicator (prefetch their measurements), computing every source once."""
    evaluation = Evaluation(today)
    return [progress(indicator, evaluation) for indicator in indicators]


def value_at(indicator, day):
    """The last measurement on or before `day`, or None."""
    return indicator.measurements.filter(date__lte=day).order_by("-date").first()


def take_snapshots(indicators, today=None):
    """Record today's value of each computed indicator as a measurement, so history outlives the registers.

    A second snapshot on the same day replaces the first. Returns (measurements written,
    indicators skipped because no installed app computes their source).
    """
    evaluation = Evaluation(today)
    written, skipped = [], []
    for indicator in indicators:
        result = evaluation.result(indicator.source_name)
        if result is None:
            skipped.append(indicator)
            continue
        value, note = result
        source = gettext("Snapshot: %(source)s") % {"source": evaluation.sources[indicator.source_name].label}
        measurement, _created = indicator.measurements.update_or_create(
            date=evaluation.until, defaults={"value": value, "source": source[:255], "note": note, "entered_by": None}
        )
        written.append(measurement)
    return written, skipped


@dataclass(frozen=True)
class Figure:
    label: Any
    value: Any
    unit: str = ""


def headline_figures(today=None):
    """The activity counters their apps made public, counted up to today (kept in the public cache)."""
    if today is None:
        today = timezone.localdate()
        return cache.remember("headline-figures", lambda: headline_figures(today), today)
    return [
        Figure(counter.label, counter.count(end=today), getattr(counter, "unit", ""))
        for counter in activity_counters().values()
        if getattr(counter, "public", False)
    ]


def _number(value):
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


OPEN_DATA_COLUMNS = (
    "code", "name", "name_en", "unit", "unit_en", "kind", "baseline", "target", "target_date",
    "value", "value_date", "progress_percent",
)


def open_data_row(item):
    """One public indicator as open data: plain numbers and ISO dates, and its measured history."""
    indicator = item.indicator
    return {
        "code": indicator.code,
        "name": indicator.name,
        "name_en": indicator.name_en,
        "unit": indicator.unit,
        "unit_en": indicator.unit_en,
        "kind": indicator.kind,
        "baseline": _number(indicator.baseline),
        "target": _number(indicator.target),
        "target_date": indicator.target_date.isoformat() if indicator.target_date else None,
        "value": _number(item.value),
        "value_date": item.as_of.isoformat() if item.as_of else None,
        "progress_percent": item.percent,
        "measurements": [{"date": m.date.isoformat(), "value": _number(m.value)} for m in item.measurements],
    }


def open_data_csv(rows):
    """The open data rows as CSV text (one row per indicator, without the history)."""
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, OPEN_DATA_COLUMNS, extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return "\ufeff" + out.getvalue()  # the BOM makes Excel read UTF-8
