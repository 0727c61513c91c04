"""The report for a reporting period: indicator values at its start and end, the organisations
counted for R.S.2.3034, and the activity counters; shown as a page and exported as XLSX.
"""

import datetime
import io
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import openpyxl
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl.styles import Font

from . import services
from .sources import activity_counters


@dataclass(frozen=True)
class Reading:
    value: Decimal
    date: datetime.date
    is_live: bool = False


@dataclass(frozen=True)
class IndicatorRow:
    indicator: Any
    start: Reading | None
    end: Reading | None

    @property
    def change(self):
        if self.start is None or self.end is None:
            return None
        return self.end.value - self.start.value

    @property
    def percent_at_end(self):
        return services.percent(self.indicator, self.end.value if self.end else None)


@dataclass(frozen=True)
class ActivityRow:
    label: Any
    unit: str
    in_period: Any
    to_end: Any


@dataclass
class PeriodReport:
    start: datetime.date
    end: datetime.date
    indicators: list
    # The registers are read as of the period's end, or today when the period has not ended.
    registers_date: datetime.date
    participation: services.ParticipationCount
    # Codes of the indicators the participation rule computes, for the organisations' heading.
    participation_codes: list
    activities: list


def reading_on(indicator, day, evaluation, today):
    """The value on `day`: the last measurement by then; for a computed indicator, from today on, the live value."""
    if indicator.is_computed and day >= today:
        result = evaluation.result(indicator.source_name)
        if result is not None:
            return Reading(result[0], evaluation.until, True)
    measurement = services.value_at(indicator, day)
    return Reading(measurement.value, measurement.date) if measurement else None


def period_report(indicators, start, end, today=None):
    """The report from `start` to `end` (both inclusive); registers are read as of the end, or today if earlier."""
    today = today or timezone.localdate()
    evaluation = services.Evaluation(min(end, today))
    indicators = list(indicators)
    counters = activity_counters().values()
    return PeriodReport(
        start=start,
        end=end,
        indicators=[
            IndicatorRow(indicator, *(reading_on(indicator, day, evaluation, today) for day in (start, end)))
            for indicator in indicators
        ],
        registers_date=evaluation.until,
        participation=evaluation.participation,
        participation_codes=[
            i.code for i in indicators if i.is_computed and i.source_name == services.PARTICIPATING_ORGANISATIONS
        ],
        activities=[
            ActivityRow(counter.label, getattr(counter, "unit", ""), counter.count(start, end), counter.count(end=end))
            for counter in counters
        ],
    )


def _sheet(book, title, headers, rows):
    sheet = book.create_sheet(title[:31])
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            if cell.data_type == "f":
                cell.data_type = "s"  # a name starting with "=" stays text, never a formula
    sheet.freeze_panes = "A2"


def _value(reading):
    return reading.value if reading else None


def _date(reading):
    return reading.date if reading else None


def report_xlsx(report, organisation_name=""):
    """The report as an XLSX workbook: a title sheet, then indicators, organisations and activities."""
    book = openpyxl.Workbook()
    about = book.active
    about.title = _("Report")[:31]
    about.append([_("Indicator report"), organisation_name])
    about.append([_("Period start"), report.start])
    about.append([_("Period end"), report.end])
    about.append([_("Generated"), timezone.localtime().replace(tzinfo=None, microsecond=0)])
    about["A1"].font = Font(bold=True)
    _sheet(book, _("Indicators"), [
        _("Code"), _("Name"), _("Unit"), _("Baseline"), _("Target"), _("Value at start"), _("Date of the value at start"),
        _("Value at end"), _("Date of the value at end"), _("Change in the period"), _("Progress, %"),
    ], [
        [row.indicator.code, row.indicator.name, row.indicator.unit, row.indicator.baseline, row.indicator.target,
         _value(row.start), _date(row.start), _value(row.end), _date(row.end), row.change, row.percent_at_end]
        for row in report.indicators
    ])
    _sheet(book, _("Organisations"), [
        _("Name"), _("Legal entity code"), _("Sector"), _("Sources"), _("Participations"), _("First participation"),
    ], [
        [o.name, o.legal_code, str(o.sector_label), "; ".join(f"{label} ({n})" for label, n in o.sources),
         len(o.participations), o.first_date]
        for o in report.participation.organisations
    ])
    _sheet(book, _("Activities"), [_("Activity"), _("Unit"), _("In the period"), _("Total by the period's end")], [
        [str(row.label), row.unit, row.in_period, row.to_end] for row in report.activities
    ])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
