"""How register files arrive from Lithuanian offices, and how exported cells stay data.

Reading accepts what Excel and LibreOffice in a Lithuanian locale write: CSV in UTF-8 with or
without a BOM, in UTF-16 ("Unicode text") or in Windows-1257 (Excel's plain "CSV"), separated by
"," or ";" or tabs; XLSX whose formula cells are read as the results Excel saved with them; amounts
with a decimal comma and spaces ("1 234,56 €"); dates written year first (2025-03-14, 2025.03.14).
What cannot be read without guessing is refused with a message naming the row and column.

Writing: text a spreadsheet would run as a formula gets a leading apostrophe (OWASP, CSV injection).
"""

import csv
import datetime
import io
import logging
import os
import re
from decimal import Decimal

import openpyxl
from django.utils.translation import gettext_lazy as _
from openpyxl.utils import get_column_letter

logger = logging.getLogger(__name__)

FORMATS = ("csv", "xlsx")


class ImportFileError(Exception):
    """A file that cannot be read at all; the message is meant for the user."""


def detect_format(file_name, data):
    extension = os.path.splitext(file_name or "")[1].lower().lstrip(".")
    if extension not in FORMATS:
        raise ImportFileError(_("Upload a CSV or XLSX file; “.%(extension)s” files are not supported.") % {
            "extension": extension or "?"
        })
    if extension == "xlsx" and not data.startswith(b"PK\x03\x04"):
        raise ImportFileError(_("The file is not a valid XLSX workbook."))
    return extension


def decode_csv(data):
    """The text of a CSV file in UTF-8 (BOM or not), UTF-16 with a BOM, or Windows-1257."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    else:
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            pass
        # Not UTF-8: Excel's plain "CSV" in Lithuanian Windows is Windows-1257 (ą, č, ę, ė, į, š, ų, ū, ž).
        try:
            text = data.decode("cp1257")
        except UnicodeDecodeError:
            text = None
        if text is not None and "\x00" not in text:
            return text
    raise ImportFileError(_(
        "The CSV file's encoding is not recognised; save it as “CSV UTF-8” and upload it again."
    ))


def read_csv(data):
    text = decode_csv(data)
    first_line = text.split("\n", 1)[0]
    # Spreadsheets in a Lithuanian locale write ";" because "," is the decimal separator.
    delimiter = max((",", ";", "\t"), key=first_line.count)
    try:
        return [list(row) for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    except csv.Error as error:
        raise ImportFileError(_("The CSV file could not be read: %(error)s") % {"error": error})


def _column_name(header, index):
    name = header[index] if index < len(header) and header[index] not in (None, "") else None
    return str(name).strip() if name is not None else get_column_letter(index + 1)


def _cells(data, data_only):
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=data_only)
    try:
        return [[(cell.value, cell.data_type) for cell in row] for row in book.worksheets[0].iter_rows()]
    finally:
        book.close()


def read_xlsx(data):
    """The first sheet's values; a formula cell gives the result Excel saved with it.

    Formulas are never evaluated here: the saved result is what the person saw in Excel. A formula
    cell without one (a file written by a program that does not calculate) or with an error result
    (#DIV/0!) cannot be read without guessing, so the whole file is refused.
    """
    try:
        formulas = _cells(data, data_only=False)
        values = _cells(data, data_only=True)
    except Exception:  # openpyxl raises many kinds of errors for a damaged file
        logger.info("Unreadable XLSX upload", exc_info=True)
        raise ImportFileError(_("The file is not a valid XLSX workbook."))
    header = [value for value, _type in values[0]] if values else []
    rows = []
    for number, (row, formula_row) in enumerate(zip(values, formulas, strict=False), start=1):
        for index, (value, data_type) in enumerate(row):
            is_formula = index < len(formula_row) and formula_row[index][1] == "f"
            if data_type == "e" or (is_formula and value is None):
                message = (
                    _("Row %(row)s, column %(column)s: the formula has no saved result; "
                      "open the file in Excel, save it and upload it again, or paste the values only.")
                    if value is None else
                    _("Row %(row)s, column %(column)s: the cell holds the error %(error)s; correct it in the file.")
                )
                raise ImportFileError(message % {"row": number, "column": _column_name(header, index), "error": value})
        rows.append([value for value, _type in row])
    return rows


def read_rows(data, file_format):
    return read_csv(data) if file_format == "csv" else read_xlsx(data)


# Values


def is_blank(value):
    return value is None or (isinstance(value, str) and not value.strip())


AMOUNT_RE = re.compile(r"[+-]?\d+(\.\d+)?")
SPACES = str.maketrans("", "", " \xa0\u202f\u2009")
CURRENCY_RE = re.compile(r"(€|eur)$", re.IGNORECASE)


def parse_amount(value):
    """An amount as a Decimal: "1234.56", "1 234,56", "1234,56 €" or a spreadsheet number.

    A value with both "," and "." is refused: "1.234,56" and "1,234.56" mean the same to their
    authors but cannot be told apart from each other without guessing.
    """
    if isinstance(value, bool):
        raise ValueError(_("Enter a number, for example 12 500,50."))
    if isinstance(value, (int, Decimal)):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(str(value))
    text = CURRENCY_RE.sub("", str(value).translate(SPACES)).translate(SPACES)
    if "," in text and "." in text:
        raise ValueError(_(
            "“%(value)s”: write the amount without thousands separators other than spaces, for example 12 500,50."
        ) % {"value": value})
    text = text.replace(",", ".", 1) if text.count(",") == 1 else text
    if not AMOUNT_RE.fullmatch(text):
        raise ValueError(_("Enter a number, for example 12 500,50."))
    return Decimal(text)


YEAR_FIRST_RE = re.compile(
    r"(\d{4})\s*([-./])\s*(\d{1,2})\s*\2\s*(\d{1,2})\.?(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?"
)


def parse_date_time(value, with_time):
    """A date (or date and time) written year first: 2025-03-14, 2025.03.14, 2025/03/14 (and " 09:30").

    Lithuanian Windows writes dates year first. Day-first and month-first forms (14.03.2025,
    03/14/2025) are refused: 03.04.2025 is 3 April to some and 4 March to others.
    """
    if isinstance(value, datetime.datetime):
        return value if with_time else value.date()
    if isinstance(value, datetime.date) and not with_time:
        return value
    text = str(value).strip()
    match = YEAR_FIRST_RE.fullmatch(text)
    example = "2025-03-14 09:30" if with_time else "2025-03-14"
    message = _("“%(value)s” is not a date written year first; write it as %(example)s.")
    if not match or (with_time and match.group(5) is None):
        raise ValueError(message % {"value": text, "example": example})
    year, _separator, month, day, hour, minute, second = match.groups()
    try:
        if not with_time:
            return datetime.date(int(year), int(month), int(day))
        return datetime.datetime(int(year), int(month), int(day), int(hour), int(minute), int(second or 0))
    except ValueError:
        raise ValueError(_("“%(value)s” is not a real date.") % {"value": text}) from None


# Formula injection (https://owasp.org/www-community/attacks/CSV_Injection)

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NUMBER_RE = re.compile(r"[+-]?\d+([.,]\d+)?")


def is_formula_like(value):
    # A plain number such as "-5" or "+370" is data to any spreadsheet, never a formula.
    return isinstance(value, str) and value.startswith(FORMULA_START) and not NUMBER_RE.fullmatch(value)


def escape_formula(value):
    """A CSV cell that a spreadsheet shows as the text it is, not as a formula to run."""
    return "'" + value if is_formula_like(value) else value


def unescape_formula(text):
    """The text escape_formula() wrote, so an exported file imports back unchanged."""
    if isinstance(text, str) and text.startswith("'") and is_formula_like(text[1:]):
        return text[1:]
    return text


def protect_xlsx_cell(cell):
    """Keep an XLSX cell whose text looks like a formula as text, also after someone edits it in Excel.

    quotePrefix is how Excel itself stores a typed leading apostrophe: the value stays exact.
    """
    if cell.data_type == "f" or is_formula_like(cell.value):
        cell.data_type = "s"
        cell.quotePrefix = True
