"""The corpus of tests/data/bad_imports through the real admin import (upload → preview → confirm).

Lithuanian Excel habits are input like any other and import correctly; everything else is refused
as a whole, in Lithuanian, naming the row and column: never a partial import, never a 500.
"""

import tempfile
from decimal import Decimal
from pathlib import Path

import pytest

from events.models import Consultation
from tests.test_import_export import confirm, preview
from vvg.core.models import Measure, Organisation
from vvg.core.roles import REGISTER_KEEPERS

pytestmark = pytest.mark.django_db

CORPUS = Path(__file__).parent / "data" / "bad_imports"
ORGS = "/admin/registers/vvg_core/organisation/"
MEASURES = "/admin/registers/vvg_core/measure/"
CONSULTATIONS = "/admin/registers/events/consultation/"


@pytest.fixture(autouse=True)
def pending_files_in_tmp_path(monkeypatch, tmp_path):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))


@pytest.fixture
def keeper(client, make_user):
    client.force_login(make_user("tvarkytoja", REGISTER_KEEPERS))  # the admin speaks Lithuanian
    return client


def import_all(client, url, name):
    response = preview(client, url, CORPUS / name)
    report = response.context["report"]
    assert report is not None and report.ok, [(row.number, row.errors) for row in report.error_rows]
    assert confirm(client, url, response.context["token"]).status_code == 302
    return report


@pytest.mark.parametrize("name", ["organisations_cp1257_semicolon.csv", "organisations_utf8_bom_semicolon.csv"])
def test_csv_from_lithuanian_excel_imports_with_its_letters(keeper, name):
    report = import_all(keeper, ORGS, name)
    assert report.totals["new"] == 3
    organisations = {o.name: o for o in Organisation.objects.all()}
    assert set(organisations) == {"Šiaurės Žalgirio bendruomenė", "UAB „Ąžuolų ūkis“", "Dūkšto seniūnija"}
    assert organisations["Šiaurės Žalgirio bendruomenė"].is_member
    assert not organisations["UAB „Ąžuolų ūkis“"].is_member
    assert organisations["Dūkšto seniūnija"].sector == "public" and organisations["Dūkšto seniūnija"].is_member


def test_amounts_with_decimal_commas_spaces_and_euro_signs(keeper):
    import_all(keeper, MEASURES, "measures_amounts.csv")
    assert dict(Measure.objects.values_list("code", "budget")) == {
        "VPS-1.1": Decimal("1234.56"),
        "VPS-1.2": Decimal("1234.56"),
        "VPS-2.1": Decimal("98500.50"),
        "VPS-2.2": Decimal("150000"),
        "VPS-3.1": Decimal("12.5"),
    }


def test_dates_written_year_first_in_any_lithuanian_way(keeper):
    import_all(keeper, CONSULTATIONS, "consultations_dates.csv")
    assert sorted(str(day) for day in Consultation.objects.values_list("date", flat=True)) == [
        "2025-03-14", "2025-03-15", "2025-03-16", "2025-03-17",
    ]


def test_xlsx_formulas_give_the_results_excel_saved(keeper):
    import_all(keeper, ORGS, "organisations_formulas.xlsx")
    assert dict(Organisation.objects.values_list("name", "is_member")) == {"Ąžuolų klubas": True, "Beržų klubas": False}


def file_error(response):
    form_errors = response.context["form"].errors.get("import_file")
    report = response.context.get("report")
    return " ".join(form_errors or [str(error) for error in report.file_errors])


@pytest.mark.parametrize("url, name, message", [
    (ORGS, "empty.csv", "Nurodytas failas yra tuščias."),
    (ORGS, "organisations_missing_column.csv", "Trūksta privalomų stulpelių: name."),
    (ORGS, "organisations_extra_column.csv", "Nežinomi stulpeliai: Pastabos."),
    (ORGS, "organisations_cells_beyond_header.csv", "3 eilutėje yra reikšmių už paskutinio pavadinto stulpelio."),
    (ORGS, "organisations_formula_without_result.xlsx",
     "3 eilutė, stulpelis name: formulė neturi išsaugoto rezultato"),
    (MEASURES, "measures_formula_error.xlsx", "2 eilutė, stulpelis budget: langelyje yra klaida #DIV/0!"),
])
def test_unreadable_files_are_refused_whole_with_a_clear_message(keeper, url, name, message):
    response = preview(keeper, url, CORPUS / name)
    assert message in file_error(response)
    assert response.context.get("token") is None and 'name="token"' not in response.content.decode()
    assert not Organisation.objects.exists() and not Measure.objects.exists()


@pytest.mark.parametrize("url, name, row, column, message", [
    (ORGS, "organisations_duplicate_rows.csv", 4, None, "Ši eilutė tiksliai kartoja 2 eilutę; pašalinkite vieną iš jų."),
    (MEASURES, "measures_ambiguous_amount.csv", 3, "budget", "„1.234,56“: sumą rašykite be tūkstančių skyriklių"),
    (CONSULTATIONS, "consultations_day_first.csv", 3, "date", "„14.03.2025“ nėra data, parašyta pradedant metais"),
])
def test_a_bad_row_refuses_the_whole_file_naming_row_and_column(keeper, url, name, row, column, message):
    response = preview(keeper, url, CORPUS / name)
    report = response.context["report"]
    assert [bad.number for bad in report.error_rows] == [row]
    [(error_column, error)] = report.error_rows[0].errors
    assert error_column == column and message in str(error)
    html = response.content.decode()
    assert f"{row} eilutė" in html and response.context["token"] is None
    assert not Organisation.objects.exists() and not Measure.objects.exists() and not Consultation.objects.exists()


def test_a_50_mb_file_is_refused_by_its_size_before_it_is_read(keeper, tmp_path, vvg_settings):
    vvg_settings(IMPORT_MAX_FILE_SIZE=5 * 1024 * 1024)
    path = tmp_path / "didelis.csv"
    with open(path, "wb") as handle:
        handle.write(b"name,sector\n")
        line = "Ąžuolų bendruomenė,civil\n".encode() * 4096
        while handle.tell() < 50 * 1024 * 1024:
            handle.write(line)
    response = preview(keeper, ORGS, path)
    assert "Failas didesnis nei 5,0\xa0MB." in file_error(response)
    assert response.context.get("report") is None and not Organisation.objects.exists()
