"""Import and export of registers as CSV or XLSX: the rules every register shares.

A file is read into a tablib Dataset, checked against the register's resource and imported
all-or-nothing: any bad row rolls everything back. A dry run (the preview) reports per row
whether it is new, an update or unchanged, and names the file row and column of each error.
"""

import csv
import io
import logging
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

import openpyxl
import tablib
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from import_export.results import RowResult
from import_export.tmp_storages import TempFolderStorage
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from wagtail.search.backends import get_search_backends
from wagtail.search.index import class_is_indexed

from .conf import vvg_setting
# FORMATS, ImportFileError and detect_format are also read through this module by the views.
from .import_formats import FORMATS, ImportFileError, detect_format  # noqa: F401
from .import_formats import escape_formula, is_blank, protect_xlsx_cell, read_rows

logger = logging.getLogger(__name__)

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
PENDING_SESSION_KEY = "vvg_core_pending_imports"
PENDING_LIFETIME = 60 * 60  # seconds a previewed file waits for confirmation
PENDING_MAX = 5

STATUSES = {
    RowResult.IMPORT_TYPE_NEW: "new",
    RowResult.IMPORT_TYPE_UPDATE: "update",
    RowResult.IMPORT_TYPE_SKIP: "unchanged",
    RowResult.IMPORT_TYPE_DELETE: "delete",
    RowResult.IMPORT_TYPE_INVALID: "invalid",
    RowResult.IMPORT_TYPE_ERROR: "error",
}
STATUS_LABELS = {
    "new": _("new"),
    "update": _("update"),
    "unchanged": _("unchanged"),
    "delete": _("delete"),
    "invalid": _("error"),
    "error": _("error"),
}


def max_file_size():
    return vvg_setting("IMPORT_MAX_FILE_SIZE")


def _cell(row, index):
    return row[index] if index < len(row) else None


def read_dataset(data, file_format):
    """A Dataset of the file's non-empty rows and the file row number of each (the header is row 1)."""
    rows = read_rows(data, file_format)
    if not rows:
        raise ImportFileError(_("The file is empty."))
    headers = ["" if value is None else str(value).strip() for value in rows[0]]
    body = rows[1:]
    # Spreadsheets often carry empty, unnamed columns at the right; drop them when they hold nothing.
    while headers and not headers[-1] and all(is_blank(_cell(row, len(headers) - 1)) for row in body):
        headers.pop()
    if not headers:
        raise ImportFileError(_("The first row must hold the column names."))
    if "" in headers:
        raise ImportFileError(_("Column %(number)s has no name in the first row.") % {"number": headers.index("") + 1})
    width = len(headers)
    dataset, numbers = tablib.Dataset(headers=headers), []
    for number, row in enumerate(body, start=2):
        if any(not is_blank(value) for value in row[width:]):
            raise ImportFileError(_("Row %(row)s has values beyond the last named column.") % {"row": number})
        values = list(row[:width]) + [None] * (width - len(row))
        if all(is_blank(value) for value in values):
            continue
        dataset.append(values)
        numbers.append(number)
    if not numbers:
        raise ImportFileError(_("The file has column names but no rows."))
    return dataset, numbers


@dataclass
class RowReport:
    number: int
    status: str
    label: str = ""
    changed: list = field(default_factory=list)
    errors: list = field(default_factory=list)  # (column or None, message)

    @property
    def status_label(self):
        return STATUS_LABELS[self.status]

    @property
    def is_valid(self):
        return self.status not in ("invalid", "error")


@dataclass
class ImportReport:
    dry_run: bool
    rows: list = field(default_factory=list)
    file_errors: list = field(default_factory=list)
    committed: bool = False

    @property
    def ok(self):
        return not self.file_errors and all(row.is_valid for row in self.rows)

    @property
    def totals(self):
        return Counter(row.status for row in self.rows)

    @property
    def has_changes(self):
        return any(row.status in ("new", "update", "delete") for row in self.rows)

    @property
    def error_rows(self):
        return [row for row in self.rows if not row.is_valid]


def _row_errors(resource, row_result):
    errors = []
    error = row_result.validation_error
    if error is not None:
        items = error.message_dict.items() if hasattr(error, "error_dict") else [(NON_FIELD_ERRORS, error.messages)]
        for key, messages in items:
            column = None if key == NON_FIELD_ERRORS else resource.column_of(key)
            errors += [(column, message) for message in messages]
    for failure in row_result.errors:
        logger.warning("Import row failed: %r", failure.error)
        errors.append((None, _("Unexpected error: %(error)s") % {"error": failure.error}))
    return errors


def _changed_columns(resource, row_result):
    if row_result.import_type != RowResult.IMPORT_TYPE_UPDATE or row_result.original is None:
        return []
    return [
        f.column_name
        for f in resource.get_import_fields()
        if not f.readonly and f.column_name in row_result.row_values
        and f.get_value(row_result.instance) != f.get_value(row_result.original)
    ]


def _report(resource, result, numbers, dry_run):
    report = ImportReport(dry_run=dry_run)
    for error in result.base_errors:
        logger.warning("Import failed: %r", error.error)
        report.file_errors.append(_("The rows could not be saved (%(error)s).") % {"error": error.error})
    for index, row_result in enumerate(result.rows):
        status = STATUSES[row_result.import_type]
        label = row_result.row_values.get(resource.label_column) if resource.label_column else None
        report.rows.append(RowReport(
            number=numbers[index],
            status=status,
            label=str(label if not is_blank(label) else row_result.object_repr or ""),
            changed=_changed_columns(resource, row_result),
            errors=_row_errors(resource, row_result),
        ))
    return report


def update_search_index(model, instances):
    """Bulk saves skip the save signals that keep Wagtail's search index current."""
    instances = [instance for instance in instances if instance.pk is not None]
    if instances and class_is_indexed(model):
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(model, instances)


def run_import(resource_class, data, file_format, *, dry_run, user=None, file_name=None):
    """Import the file all-or-nothing (or only try it when `dry_run`); raises ImportFileError."""
    dataset, numbers = read_dataset(data, file_format)
    resource = resource_class()
    resource.row_numbers = numbers
    header_errors = resource.check_headers(dataset.headers)
    if header_errors:
        return ImportReport(dry_run=dry_run, file_errors=header_errors)
    result = resource.import_data(
        dataset,
        dry_run=dry_run,
        use_transactions=True,
        rollback_on_validation_errors=True,
        retain_instance_in_row_result=True,
        user=user,
        file_name=file_name,
    )
    report = _report(resource, result, numbers, dry_run)
    if not dry_run and report.ok:
        report.committed = True
        changed = (RowResult.IMPORT_TYPE_NEW, RowResult.IMPORT_TYPE_UPDATE)
        update_search_index(
            resource._meta.model, [row.instance for row in result.rows if row.import_type in changed and row.instance]
        )
    return report


def _csv_bytes(dataset):
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(dataset.headers)
    writer.writerows(["" if value is None else escape_formula(value) for value in row] for row in dataset)
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # the BOM makes Excel read UTF-8


def _xlsx_value(value):
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value).replace(tzinfo=None)
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("\N{REPLACEMENT CHARACTER}", value)
    return value


def _xlsx_bytes(dataset, title):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = str(title)[:31]
    sheet.append(dataset.headers)
    # Cells addressed one by one: sheet[row] and sheet.max_row scan every cell, which made exports quadratic.
    for number, row in enumerate(dataset, start=2):
        sheet.append([_xlsx_value(value) for value in row])
        for column in range(1, len(row) + 1):
            protect_xlsx_cell(sheet.cell(row=number, column=column))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def export_file(resource_class, file_format, queryset=None):
    """The register (or `queryset`) as the bytes of a CSV or XLSX file that imports back unchanged."""
    resource = resource_class()
    dataset = resource.export(queryset, force_native_type=file_format == "xlsx")
    if file_format == "csv":
        return _csv_bytes(dataset)
    return _xlsx_bytes(dataset, resource._meta.model._meta.verbose_name_plural)


# A previewed file waits server-side for confirmation; the browser only holds a random token.


def _tmp_storage_class():
    storage = getattr(settings, "IMPORT_EXPORT_TMP_STORAGE_CLASS", TempFolderStorage)
    return import_string(storage) if isinstance(storage, str) else storage


def _remove(entry):
    try:
        _tmp_storage_class()(name=entry["storage_name"], read_mode="rb").remove()
    except Exception:
        logger.info("Could not remove a pending import file", exc_info=True)


def keep_pending(session, model_label, data, file_format, file_name):
    """Store a previewed file until it is confirmed; returns the token the confirm form carries."""
    pending = session.get(PENDING_SESSION_KEY, {})
    now = time.time()
    for token, entry in sorted(pending.items(), key=lambda item: item[1]["created"]):
        if now - entry["created"] > PENDING_LIFETIME or len(pending) >= PENDING_MAX:
            _remove(pending.pop(token))
    storage = _tmp_storage_class()(read_mode="rb")
    storage.save(data)
    token = uuid.uuid4().hex
    pending[token] = {
        "model": model_label,
        "storage_name": storage.name,
        "format": file_format,
        "file_name": file_name,
        "created": now,
    }
    session[PENDING_SESSION_KEY] = pending
    return token


def take_pending(session, model_label, token):
    """The (data, format, file name) stored under `token` for this model, removed from storage; or None."""
    pending = session.get(PENDING_SESSION_KEY, {})
    entry = pending.get(token) if isinstance(token, str) else None
    if not entry or entry["model"] != model_label:
        return None
    del pending[token]
    session[PENDING_SESSION_KEY] = pending
    if time.time() - entry["created"] > PENDING_LIFETIME:
        _remove(entry)
        return None
    try:
        data = _tmp_storage_class()(name=entry["storage_name"], read_mode="rb").read()
    except Exception:
        logger.info("A pending import file has gone", exc_info=True)
        return None
    _remove(entry)
    return data, entry["format"], entry["file_name"]
