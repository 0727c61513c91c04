"""The ranking and evaluation summary of a call as rows, CSV and XLSX, for the board's minutes."""

import csv
import io

import openpyxl
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from openpyxl.styles import Font

from vvg.core.import_formats import escape_formula, protect_xlsx_cell

from .ranking import criterion_averages


def with_averages(lines, criteria):
    """(application, line, average points per criterion in the criteria's order) of each ranking line."""
    ids = [criterion.pk for criterion in criteria]
    for application, line, sheets in lines:
        averages = criterion_averages(ids, sheets)
        yield application, line, [averages.get(criterion_id) for criterion_id in ids]


def summary_rows(lines, criteria):
    """(header, rows): each ranked application with its criterion averages, total, place and what is left."""
    header = [
        _("Place"), _("Registration number"), _("Applicant"), _("Project title"), _("Received at"),
        _("Requested grant, €"), *[criterion.name for criterion in criteria], _("Total points"),
        _("Result"), _("Allocation left, €"),
    ]
    rows = []
    for application, line, averages in with_averages(lines, criteria):
        rows.append([
            line.position, application.number, str(application.applicant), application.title,
            timezone.localtime(application.received_at).strftime("%Y-%m-%d %H:%M"),
            application.requested_amount,
            *[None if average is None else round(average, 2) for average in averages],
            line.entry.total, str(line.label), line.remaining,
        ])
    return [str(column) for column in header], rows


def as_csv(header, rows):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows([["" if value is None else escape_formula(value) for value in row] for row in rows])
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # the BOM makes spreadsheets read UTF-8


def as_xlsx(title, header, rows):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Reitingas"
    sheet.append([str(title)])
    sheet["A1"].font = Font(bold=True)
    sheet.append(header)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            protect_xlsx_cell(cell)  # applicants' names and titles are data, never formulas
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()

