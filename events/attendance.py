"""The attendance sheet of an event (XLSX), with the EU emblem and funding statement EU publicity rules ask for."""

import io

import openpyxl
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.drawing.image import Image as SheetImage
from openpyxl.styles import Border, Font, Side

from vvg.core.import_formats import protect_xlsx_cell

from .choices import Attendance, RegistrationStatus
from .emblem import emblem_png

THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def sheet_rows(event):
    """The people expected at the event (registered), in the order of their names."""
    return event.registrations.filter(status=RegistrationStatus.REGISTERED).select_related("organisation").order_by("name", "pk")


def _text(value):
    # Control characters are not allowed in XLSX cells.
    return ILLEGAL_CHARACTERS_RE.sub("\N{REPLACEMENT CHARACTER}", str(value or ""))


def attendance_xlsx(event, organisation_name, statement):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = _("Attendance")[:31]
    emblem = SheetImage(io.BytesIO(emblem_png(120)))
    sheet.add_image(emblem, "A1")
    sheet.row_dimensions[1].height = 30
    sheet.row_dimensions[2].height = 30
    sheet["C1"] = _text(statement)
    sheet["C1"].font = Font(bold=True)
    sheet["C2"] = _text(organisation_name)
    start, end = timezone.localtime(event.start), timezone.localtime(event.end)
    header = [
        (_("Attendance sheet"), True),
        (event.title, True),
        (f"{start:%Y-%m-%d %H:%M}–{end:%H:%M}" if start.date() == end.date() else f"{start:%Y-%m-%d %H:%M} – {end:%Y-%m-%d %H:%M}", False),
        (event.venue or event.online_url, False),
    ]
    row = 4
    for text, bold in header:
        cell = sheet.cell(row=row, column=1, value=_text(text))
        cell.font = Font(bold=bold, size=14 if bold else 11)
        row += 1
    row += 1
    columns = [_("No."), _("Name and surname"), _("Organisation"), _("Attended"), _("Signature")]
    for column, title in enumerate(columns, start=1):
        cell = sheet.cell(row=row, column=column, value=title)
        cell.font = Font(bold=True)
        cell.border = BOX
    for number, registration in enumerate(sheet_rows(event), start=1):
        row += 1
        attended = {Attendance.YES: _("yes"), Attendance.NO: _("no")}.get(registration.attended, "")
        values = [number, _text(registration.name), _text(registration.organisation_label), attended, ""]
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=row, column=column, value=value)
            cell.border = BOX
            protect_xlsx_cell(cell)  # a name such as "=HYPERLINK(…)" stays text, never a formula
        sheet.row_dimensions[row].height = 24
    for column, width in zip("ABCDE", (6, 32, 36, 12, 24), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.page_setup.orientation = "portrait"
    sheet.print_options.gridLines = False
    sheet.page_setup.fitToWidth = 1
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
