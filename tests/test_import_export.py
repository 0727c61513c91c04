"""Import and export of registers in the Wagtail admin, through the real files, views and import-export code."""

import csv
import io
import re
import tempfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from django.contrib.auth.models import Group
from django.utils import translation
from wagtail.search.backends import get_search_backend
from wagtail.users.models import UserProfile

from vvg.core import importing
from vvg.core.models import Measure, Organisation
from vvg.core.resources import MeasureResource, OrganisationResource
from vvg.core.roles import EDITORS, REGISTER_KEEPERS

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data"
ORGS = "/admin/registers/vvg_core/organisation/"
MEASURES = "/admin/registers/vvg_core/measure/"


@pytest.fixture(autouse=True)
def pending_files_in_tmp_path(monkeypatch, tmp_path):
    """Previewed files wait in the system's temporary folder; keep the tests' ones in their own."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))


def in_english(user):
    # The admin speaks Lithuanian by default; English keeps the asserted messages stable once .po files come.
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


@pytest.fixture
def keeper(client, make_user):
    client.force_login(in_english(make_user("tvarkytoja", REGISTER_KEEPERS)))
    return client


@pytest.fixture
def organisations(db):
    return [
        Organisation.objects.create(
            name="Ignalinos miesto bendruomenė", legal_code="302111111", sector="civil", is_member=True
        ),
        Organisation.objects.create(name="UAB „Ignalinos duona“", legal_code="302222222", sector="business",
                                    website="https://duona.example.lt"),
        Organisation.objects.create(name="Jaunimo klubas „Aukštaitis“", sector="civil"),
        Organisation.objects.create(name="Kaimo bendruomenė", sector="civil"),
        # Text that a spreadsheet would take for a formula must come back as the same text.
        Organisation.objects.create(name="=1+2 klubas", sector="public"),
    ]


def csv_file(tmp_path, rows, name="upload.csv", bom=False, delimiter=","):
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path = tmp_path / name
    path.write_bytes(("\ufeff" if bom else "").encode() + out.getvalue().encode("utf-8"))
    return path


def xlsx_file(tmp_path, rows, name="upload.xlsx"):
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    path = tmp_path / name
    book.save(path)
    return path


def preview(client, url, path):
    with open(path, "rb") as handle:
        response = client.post(url + "import/", {"import_file": handle})
    assert response.status_code == 200, response.content.decode()[:3000]
    return response


def confirm(client, url, token):
    return client.post(url + "import/confirm/", {"token": token})


def test_preview_names_the_bad_row_and_column_and_offers_no_confirmation(keeper):
    response = preview(keeper, ORGS, DATA / "organisations_bad_row.csv")
    report = response.context["report"]
    assert [row.status for row in report.rows] == ["new", "invalid", "invalid"]
    assert [(row.number, [column for column, _message in row.errors]) for row in report.error_rows] == [
        (3, ["sector"]),
        (4, ["website"]),
    ]
    assert "“bakery” is not one of: public, business, civil." in report.rows[1].errors[0][1]
    html = response.content.decode()
    assert re.search(r"Row 3, column <code>sector</code>:", html)
    assert re.search(r"Row 4, column <code>website</code>:", html)
    assert response.context["token"] is None and 'name="token"' not in html
    assert Organisation.objects.count() == 0


def test_a_file_with_one_bad_row_imports_nothing_even_when_confirmed(keeper, organisations, tmp_path):
    before = Organisation.objects.count()
    rows = [
        ["id", "name", "legal_code", "sector"],
        [organisations[3].pk, "Kaimo bendruomenė „Pušynas“", "", "civil"],
        ["", "Nauja asociacija", "302999999", "civil"],
    ]
    response = preview(keeper, ORGS, csv_file(tmp_path, rows))
    report, token = response.context["report"], response.context["token"]
    assert [row.status for row in report.rows] == ["update", "new"] and report.rows[0].changed == ["name"]
    assert token

    # The register changes between preview and confirmation: row 2 now names an organisation that is gone.
    organisations[3].delete()
    response = confirm(keeper, ORGS, token)
    assert response.status_code == 200
    report = response.context["report"]
    assert not report.committed and report.error_rows[0].number == 2 and report.error_rows[0].errors[0][0] == "id"
    assert Organisation.objects.count() == before - 1
    assert not Organisation.objects.filter(legal_code="302999999").exists()

    # The kept file is used once only; a token from a client is never trusted to hold data.
    response = confirm(keeper, ORGS, token)
    assert response.status_code == 302 and response.url.endswith("/import/")


def test_a_bad_row_rolls_back_a_real_import_in_the_service():
    data = (DATA / "organisations_bad_row.csv").read_bytes()
    report = importing.run_import(OrganisationResource, data, "csv", dry_run=False)
    assert not report.ok and not report.committed
    assert Organisation.objects.count() == 0


def test_a_good_file_imports_after_confirmation_and_is_searchable(keeper):
    response = preview(keeper, ORGS, DATA / "organisations.csv")
    report = response.context["report"]
    assert report.ok and report.totals["new"] == 4
    assert Organisation.objects.count() == 0  # the preview is a dry run

    response = confirm(keeper, ORGS, response.context["token"])
    assert response.status_code == 302 and response.url == "/admin/snippets/vvg_core/organisation/"
    assert "Import finished: 4 new, 0 updated, 0 unchanged." in keeper.get(response.url).content.decode()
    assert Organisation.objects.count() == 4
    municipality = Organisation.objects.get(legal_code="188711111")
    assert municipality.sector == "public" and municipality.is_member
    assert municipality.website == "https://www.ignalina.lt"
    club = Organisation.objects.get(name="Jaunimo klubas „Aukštaitis“")
    assert club.legal_code == "" and club.sector == "civil" and not club.is_member

    # Bulk saving skips the save signals; the import updates the search index itself.
    duona = Organisation.objects.get(legal_code="302222222")
    assert [o.pk for o in get_search_backend().search("duona", Organisation)] == [duona.pk]
    listing = keeper.get("/admin/snippets/vvg_core/organisation/", {"q": "Aukštaitis"})
    assert "Jaunimo klubas" in listing.content.decode()


def test_measures_import_from_a_semicolon_csv_and_are_matched_by_code(keeper, tmp_path):
    response = preview(keeper, MEASURES, DATA / "measures.csv")
    assert confirm(keeper, MEASURES, response.context["token"]).status_code == 302
    assert Measure.objects.get(code="VPS-1.1").budget == Decimal("150000.00")
    assert Measure.objects.get(code="VPS-2.1").budget == Decimal("98500.50")

    rows = [["code", "budget"], ["VPS-2.1", "100000"], ["VPS-3.1", "abc"]]
    report = preview(keeper, MEASURES, xlsx_file(tmp_path, rows)).context["report"]
    assert [row.status for row in report.rows] == ["update", "invalid"]
    assert report.rows[1].number == 3 and report.rows[1].errors[0][0] == "budget"


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_export_then_import_is_unchanged_for_every_row(keeper, organisations, tmp_path, file_format):
    Measure.objects.create(code="VPS-1.1", name="Socialinis verslas", objective="Verslumas", budget=Decimal("150000"))
    Measure.objects.create(code="VPS-2.1", name="Bendruomenės", budget=Decimal("98500.55"))
    for url, model in ((ORGS, Organisation), (MEASURES, Measure)):
        response = keeper.get(f"{url}export/{file_format}/")
        assert response.status_code == 200
        assert response["Content-Type"] == importing.CONTENT_TYPES[file_format]
        path = tmp_path / f"{model._meta.model_name}.{file_format}"
        path.write_bytes(b"".join(response.streaming_content) if response.streaming else response.content)
        headers = importing.read_dataset(path.read_bytes(), file_format)[0].headers
        assert headers == [f.column_name for f in importing_resource(model)().fields.values()]

        report = preview(keeper, url, path).context["report"]
        assert report.ok and len(report.rows) == model.objects.count()
        assert {row.status for row in report.rows} == {"unchanged"}


def importing_resource(model):
    return {Organisation: OrganisationResource, Measure: MeasureResource}[model]


def test_exported_xlsx_keeps_formula_like_text_as_text(keeper, organisations):
    content = keeper.get(f"{ORGS}export/xlsx/").content
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value == "=1+2 klubas"]
    assert cells and cells[0].data_type == "s"


def test_organisations_are_identified_by_code_else_by_id(organisations, tmp_path):
    duona, club = organisations[1], organisations[2]
    rows = [
        ["id", "name", "legal_code", "sector"],
        ["", "UAB Ignalinos duona", "302222222", "business"],  # by code, although the id is empty
        [club.pk, club.name, "302444444", "civil"],  # by id: the club got its code
        ["999999", "Nežinoma", "", "civil"],
    ]
    data = csv_file(tmp_path, rows).read_bytes()
    report = importing.run_import(OrganisationResource, data, "csv", dry_run=True)
    assert [row.status for row in report.rows] == ["update", "update", "invalid"]
    assert report.rows[2].errors[0][0] == "id"

    data = csv_file(tmp_path, rows[:3]).read_bytes()
    report = importing.run_import(OrganisationResource, data, "csv", dry_run=False)
    assert report.committed
    duona.refresh_from_db(), club.refresh_from_db()
    assert duona.name == "UAB Ignalinos duona" and club.legal_code == "302444444"


def test_repeated_keys_within_one_file_are_errors(organisations, tmp_path):
    rows = [
        ["name", "legal_code", "sector"],
        ["Pirma", "302555555", "civil"],
        ["Antra", "302555555", "civil"],
        ["Trečia", "", "civil"],
        ["Ketvirta", "", "civil"],  # many rows without a code are fine
    ]
    report = importing.run_import(OrganisationResource, csv_file(tmp_path, rows).read_bytes(), "csv", dry_run=True)
    assert [row.status for row in report.rows] == ["new", "invalid", "new", "new"]
    assert report.rows[1].errors == [("legal_code", "Tokia pati reikšmė kaip 2 eilutėje.")]


def test_existing_legal_code_on_a_new_row_is_reported_on_its_column(organisations, tmp_path):
    rows = [["id", "name", "legal_code", "sector"], [organisations[3].pk, "Kaimo bendruomenė", "302111111", "civil"]]
    report = importing.run_import(OrganisationResource, csv_file(tmp_path, rows).read_bytes(), "csv", dry_run=True)
    assert report.rows[0].status == "invalid" and report.rows[0].errors[0][0] == "legal_code"


@pytest.mark.parametrize("bom", [True, False])
def test_csv_with_or_without_bom_and_blank_lines(tmp_path, bom):
    rows = [["name", "sector"], ["Ąžuolų bendruomenė", "civil"], ["", ""], ["Šilo klubas", "civil"]]
    data = csv_file(tmp_path, rows, bom=bom).read_bytes()
    report = importing.run_import(OrganisationResource, data, "csv", dry_run=False)
    assert report.committed and [row.number for row in report.rows] == [2, 4]
    assert set(Organisation.objects.values_list("name", flat=True)) == {"Ąžuolų bendruomenė", "Šilo klubas"}


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("list.txt", b"name\nX\n", "Upload a CSV or XLSX file"),
        ("broken.xlsx", b"PK\x03\x04 not really a workbook", "not a valid XLSX workbook"),
        ("fake.xlsx", b"name,sector\nX,civil\n", "not a valid XLSX workbook"),
        # Windows-1257 is read (tests/test_bad_imports.py); a broken UTF-16 file cannot be.
        ("broken16.csv", b"\xff\xfe\x00", "encoding is not recognised"),
        ("empty.csv", b"", "The submitted file is empty."),
        ("blank.csv", b"\xef\xbb\xbf\r\n", "The first row must hold the column names."),
        ("headers.csv", b"name,sector\n", "no rows"),
    ],
)
def test_unreadable_or_unsupported_files_get_a_clear_error(keeper, tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    response = preview(keeper, ORGS, path)
    with translation.override("en"):  # the errors are lazy; the test reads them outside the request
        assert message in " ".join(response.context["form"].errors["import_file"])
    assert response.context.get("report") is None


def test_unknown_or_missing_columns_are_reported_before_any_row(keeper, tmp_path):
    path = csv_file(tmp_path, [["Pavadinimas", "sector"], ["X", "civil"]])
    report = preview(keeper, ORGS, path).context["report"]
    assert not report.ok and not report.rows
    assert any("Unknown columns: Pavadinimas" in str(error) for error in report.file_errors)
    assert any("Required columns are missing: name" in str(error) for error in report.file_errors)


def test_a_token_is_bound_to_its_register(keeper, tmp_path):
    response = preview(keeper, ORGS, DATA / "organisations.csv")
    assert confirm(keeper, MEASURES, response.context["token"]).status_code == 302
    assert confirm(keeper, ORGS, "../../etc/passwd").status_code == 302
    assert Organisation.objects.count() == 0 and Measure.objects.count() == 0


def test_listing_shows_import_and_export_buttons_to_register_keepers_only(client, make_user, organisations):
    client.force_login(make_user("tvarkytoja", REGISTER_KEEPERS))
    html = client.get("/admin/snippets/vvg_core/organisation/").content.decode()
    assert f'href="{ORGS}import/"' in html and f'href="{ORGS}export/xlsx/"' in html

    client.force_login(make_user("redaktore", EDITORS))
    response = client.get("/admin/snippets/vvg_core/organisation/")
    assert response.status_code == 200 and f"{ORGS}import/" not in response.content.decode()


@pytest.mark.parametrize("url", [f"{ORGS}import/", f"{ORGS}export/csv/",
                                 f"{MEASURES}import/", f"{MEASURES}export/xlsx/"])
def test_users_without_the_register_keepers_group_are_refused(client, make_user, url):
    # Wagtail turns a refusal inside the admin into a redirect to the dashboard with a message.
    for user in (make_user("redaktore", EDITORS), make_user("niekas")):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 403 or (
            response.status_code == 302 and response.url.split("?")[0] in ("/admin/", "/admin/login/")
        )
    client.logout()
    response = client.get(url)
    assert response.status_code == 302 and "/admin/login/" in response.url


def test_refused_user_cannot_confirm_either(client, make_user, tmp_path):
    client.force_login(make_user("redaktore", EDITORS))
    with open(DATA / "organisations.csv", "rb") as handle:
        assert client.post(f"{ORGS}import/", {"import_file": handle}).url == "/admin/"
    assert confirm(client, ORGS, "0" * 32).url == "/admin/"
    assert Organisation.objects.count() == 0


def test_superuser_may_import(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("admin", "admin@example.lt", "Slaptas-1234"))
    response = preview(client, MEASURES, DATA / "measures.csv")
    assert confirm(client, MEASURES, response.context["token"]).status_code == 302
    assert Measure.objects.count() == 2


def test_register_keepers_group_has_the_permissions():
    codenames = set(Group.objects.get(name=REGISTER_KEEPERS).permissions.values_list("codename", flat=True))
    assert {"add_organisation", "change_organisation", "delete_organisation", "view_organisation"} <= codenames
    assert {"add_measure", "change_measure", "view_measure"} <= codenames
