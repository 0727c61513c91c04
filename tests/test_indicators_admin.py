"""The back office of indicators: who may do what, the drill-down, the dashboard panel, import and the period report."""

import datetime
import io
import tempfile
from contextlib import contextmanager
from decimal import Decimal

import openpyxl
import pytest
from wagtail import hooks
from wagtail.users.models import UserProfile

from vvg.core.models import Organisation
from vvg.core.roles import EDITORS, MONITORING, REGISTER_KEEPERS
from vvg.indicators import reports
from vvg.indicators.models import Indicator, Measurement
from vvg.indicators.sources import ACTIVITY_COUNTER_HOOK, PARTICIPATION_SOURCE_HOOK

pytestmark = pytest.mark.django_db

DAY = datetime.date
INDICATORS = "/admin/snippets/vvg_indicators/indicator/"
MEASUREMENTS = "/admin/snippets/vvg_indicators/measurement/"
REGISTER = "/admin/registers/vvg_indicators/measurement/"
REPORT = INDICATORS + "report/"


def in_english(user):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


@pytest.fixture
def monitor(client, make_user):
    user = in_english(make_user("stebetoja", MONITORING))
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture(autouse=True)
def pending_files_in_tmp_path(monkeypatch, tmp_path):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))


class EventsSource:
    name = "test_events"
    label = "Attended events"

    def participations(self):
        yield Organisation(name="Asociacija „Ignalinos jaunimas“", sector="civil"), "Mokymai „Paraiška“", DAY(2025, 3, 10)
        yield Organisation(name="Savivaldybės biblioteka", legal_code="1887", sector="public"), "Mokymai", DAY(2025, 3, 10)


class TrainingsHeld:
    name = "test_trainings_held"
    label = "Test trainings held"
    unit = ""

    def count(self, start=None, end=None):
        days = [DAY(2024, 11, 5), DAY(2025, 3, 10), DAY(2025, 10, 2)]
        return sum(1 for day in days if (start is None or day >= start) and (end is None or day <= end))


class Granted:
    name = "test_granted"
    label = "Test grants"
    unit = "€"

    def count(self, start=None, end=None):
        return Decimal("12500.50")


@contextmanager
def registered_test_sources():
    with hooks.register_temporarily([
        (PARTICIPATION_SOURCE_HOOK, EventsSource), (ACTIVITY_COUNTER_HOOK, TrainingsHeld), (ACTIVITY_COUNTER_HOOK, Granted),
    ]):
        yield


def indicator_form(**changes):
    data = {
        "code": "VVG.1", "name": "Konsultuoti projektų rengėjai", "name_en": "", "unit": "asmenys", "unit_en": "",
        "kind": "output", "baseline": "0", "target": "40", "target_date": "", "method": "manual", "source_name": "",
    }
    return data | changes


# Who may do what -----------------------------------------------------------------------------------------------


def test_monitoring_adds_an_indicator_and_a_measurement_that_records_who_entered_it(monitor):
    response = monitor.post(INDICATORS + "add/", indicator_form(is_public="on"))
    assert response.status_code == 302, response.content.decode()[:3000]
    indicator = Indicator.objects.get(code="VVG.1")
    assert indicator.is_public and indicator.target == 40

    response = monitor.post(MEASUREMENTS + "add/", {
        "indicator": indicator.pk, "date": "2025-06-30", "value": "12", "source": "Konsultacijų registras",
        "evidence": "", "note": "",
    })
    assert response.status_code == 302, response.content.decode()[:3000]
    measurement = Measurement.objects.get(indicator=indicator)
    assert measurement.value == 12 and measurement.entered_by == monitor.user


def test_a_computed_indicator_offers_the_installed_sources(monitor):
    with registered_test_sources():
        html = monitor.get(INDICATORS + "add/").content.decode()
        assert 'value="participating_organisations"' in html and 'value="test_trainings_held"' in html
        response = monitor.post(INDICATORS + "add/", indicator_form(method="computed", source_name="test_trainings_held"))
    assert response.status_code == 302
    assert Indicator.objects.get(code="VVG.1").source_name == "test_trainings_held"
    response = monitor.post(INDICATORS + "add/", indicator_form(code="VVG.2", method="computed", source_name="nera"))
    assert response.status_code == 200 and not Indicator.objects.filter(code="VVG.2").exists()


@pytest.mark.parametrize("group", [EDITORS, REGISTER_KEEPERS])
def test_other_roles_may_not_see_or_edit_indicators(client, make_user, group):
    indicator = Indicator.objects.get(code="R.S.2.3034")
    client.force_login(make_user("kitas", group))
    for url in (INDICATORS, INDICATORS + "add/", f"{INDICATORS}inspect/{indicator.pk}/", REPORT, MEASUREMENTS,
                REGISTER + "import/", REGISTER + "export/csv/"):
        assert client.get(url).status_code in (302, 403), url
    assert client.post(INDICATORS + "add/", indicator_form()).status_code in (302, 403)
    assert client.post(f"{INDICATORS}snapshot/{indicator.pk}/").status_code in (302, 403)
    assert not Indicator.objects.filter(code="VVG.1").exists() and not Measurement.objects.exists()
    assert 'id="vvg-indicators' not in client.get("/admin/").content.decode()


def test_anonymous_visitors_are_sent_to_the_login(client):
    for url in (INDICATORS, REPORT, REGISTER + "export/csv/"):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response.url


def test_a_superuser_may_do_everything(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("admin", "admin@example.lt", "Slaptas-2026"))
    indicator = Indicator.objects.get(code="R.S.2.3034")
    for url in (INDICATORS, f"{INDICATORS}inspect/{indicator.pk}/", REPORT, MEASUREMENTS, REGISTER + "import/"):
        assert client.get(url).status_code == 200, url
    assert client.post(f"{INDICATORS}snapshot/{indicator.pk}/").status_code == 302
    assert indicator.measurements.count() == 1


# Drill-down, dashboard and snapshots ---------------------------------------------------------------------------


def test_drill_down_shows_which_organisations_count_and_from_where(monitor):
    Organisation.objects.create(name="UAB „Ignalinos duona“", legal_code="302222222", sector="business", is_member=True)
    indicator = Indicator.objects.get(code="R.S.2.3034")
    with registered_test_sources():
        html = monitor.get(f"{INDICATORS}inspect/{indicator.pk}/").content.decode()
    assert "2 organisations counted" in html
    assert "Asociacija „Ignalinos jaunimas“" in html and "Attended events (1)" in html
    assert "302222222" in html and "VVG membership (1)" in html
    assert "Savivaldybės biblioteka" not in html and "1 participation of other sectors is not counted." in html
    assert '<progress class="indicator-progress" max="100" value="18"' in html  # 2 of 11


def test_snapshot_button_records_todays_value(monitor):
    indicator = Indicator.objects.get(code="R.S.2.3034")
    with registered_test_sources():
        response = monitor.post(f"{INDICATORS}snapshot/{indicator.pk}/")
    assert response.status_code == 302 and response.url == f"{INDICATORS}inspect/{indicator.pk}/"
    (measurement,) = indicator.measurements.all()
    assert measurement.value == 1 and measurement.source.startswith("Snapshot:")
    assert "Recorded 1 as the value of R.S.2.3034 today." in monitor.get(response.url).content.decode()


def test_dashboard_panel_shows_value_target_percentage_bar_and_trend(monitor):
    strategy = Indicator.objects.get(code="P.B.2.0080")
    strategy.measurements.create(date=DAY(2024, 1, 1), value=0)
    strategy.measurements.create(date=DAY(2024, 12, 10), value=1)
    html = monitor.get("/admin/").content.decode()
    panel = html[html.index('id="vvg-indicators'):]
    assert "P.B.2.0080" in panel and "R.S.2.3034" in panel
    assert '<progress class="indicator-progress" max="100" value="100" aria-label="Progress of P.B.2.0080">100 %</progress>' in panel
    assert '<svg class="trend-chart" role="img"' in panel
    assert "Trend of P.B.2.0080: 0 (2024-01-01), 1 (2024-12-10). Target: 1." in panel


# Import and export of measurements -----------------------------------------------------------------------------


def upload(client, rows, tmp_path, name="matavimai.xlsx"):
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    path = tmp_path / name
    book.save(path)
    with open(path, "rb") as handle:
        return client.post(REGISTER + "import/", {"import_file": handle})


def test_measurements_import_all_or_nothing_and_match_by_indicator_and_date(monitor, tmp_path):
    strategy = Indicator.objects.get(code="P.B.2.0080")
    strategy.measurements.create(date=DAY(2024, 7, 29), value=0)
    rows = [
        ["indicator", "date", "value", "source", "note"],
        ["P.B.2.0080", datetime.datetime(2024, 7, 29), 1, "Įsakymas Nr. 1V-478", ""],
        ["R.S.2.3034", "2025-12-31", "4", "Metinė ataskaita", "Pagal dalyvių sąrašus"],
        ["X.9", "2025-12-31", "1", "", ""],
        ["R.S.2.3034", "31.12.2025", "4", "", ""],
    ]
    report = upload(monitor, rows, tmp_path).context["report"]
    assert [row.status for row in report.rows] == ["update", "new", "invalid", "invalid"]
    assert [column for column, _message in report.rows[2].errors] == ["indicator"]
    assert [column for column, _message in report.rows[3].errors] == ["date"]

    response = upload(monitor, rows[:3] + [["R.S.2.3034", "2025-12-31", "5", "", ""]], tmp_path)
    assert "Row 3 already gives" in response.content.decode()

    response = upload(monitor, rows[:3], tmp_path)
    assert monitor.post(REGISTER + "import/confirm/", {"token": response.context["token"]}).status_code == 302
    assert strategy.measurements.get().value == 1
    imported = Measurement.objects.get(indicator__code="R.S.2.3034")
    assert imported.value == 4 and imported.entered_by == monitor.user and imported.note == "Pagal dalyvių sąrašus"


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_exported_measurements_import_back_unchanged(monitor, tmp_path, file_format):
    Indicator.objects.get(code="P.B.2.0080").measurements.create(date=DAY(2024, 7, 29), value=1, source="Įsakymas")
    Indicator.objects.get(code="R.S.2.3034").measurements.create(date=DAY(2025, 12, 31), value=Decimal("4.5"))
    response = monitor.get(f"{REGISTER}export/{file_format}/")
    assert response.status_code == 200
    path = tmp_path / f"export.{file_format}"
    path.write_bytes(response.content)
    with open(path, "rb") as handle:
        report = monitor.post(REGISTER + "import/", {"import_file": handle}).context["report"]
    assert report.ok and [row.status for row in report.rows] == ["unchanged", "unchanged"]


# The period report ---------------------------------------------------------------------------------------------


@pytest.fixture
def history():
    strategy = Indicator.objects.get(code="P.B.2.0080")
    for day, value in ((DAY(2024, 1, 1), 0), (DAY(2024, 7, 29), 1)):
        strategy.measurements.create(date=day, value=value)
    participants = Indicator.objects.get(code="R.S.2.3034")
    for day, value in ((DAY(2024, 12, 31), 3), (DAY(2025, 6, 30), 6), (DAY(2026, 1, 31), 9)):
        participants.measurements.create(date=day, value=value, source="Snapshot")
    return strategy, participants


def test_period_report_takes_the_values_measured_by_the_period_start_and_end(history):
    with registered_test_sources():
        report = reports.period_report(
            Indicator.objects.all(), DAY(2025, 1, 1), DAY(2025, 12, 31), today=DAY(2026, 3, 1)
        )
    rows = {row.indicator.code: row for row in report.indicators}
    participants = rows["R.S.2.3034"]
    assert (participants.start.value, participants.start.date) == (3, DAY(2024, 12, 31))
    assert (participants.end.value, participants.end.date, participants.end.is_live) == (6, DAY(2025, 6, 30), False)
    assert participants.change == 3 and participants.percent_at_end == 55
    assert (rows["P.B.2.0080"].start.value, rows["P.B.2.0080"].end.value) == (1, 1)
    assert [o.name for o in report.participation.organisations] == ["Asociacija „Ignalinos jaunimas“"]
    assert report.participation_codes == ["R.S.2.3034"]
    activities = {str(a.label): (a.in_period, a.to_end) for a in report.activities}
    assert activities["Test trainings held"] == (2, 3)
    assert activities["Test grants"] == (Decimal("12500.50"), Decimal("12500.50"))


def test_a_period_not_yet_ended_ends_with_the_live_value(history):
    with registered_test_sources():
        report = reports.period_report(Indicator.objects.all(), DAY(2026, 1, 1), DAY(2026, 12, 31), today=DAY(2026, 3, 1))
    participants = next(row for row in report.indicators if row.indicator.code == "R.S.2.3034")
    assert participants.start.value == 6
    assert (participants.end.value, participants.end.date, participants.end.is_live) == (1, DAY(2026, 3, 1), True)


def test_report_downloads_as_xlsx_and_prints(monitor, history):
    query = {"start": "2025-01-01", "end": "2025-12-31"}
    with registered_test_sources():
        page = monitor.get(REPORT, query).content.decode()
        printable = monitor.get(REPORT, query | {"format": "print"}).content.decode()
        response = monitor.get(REPORT, query | {"format": "xlsx"})
    assert "Asociacija „Ignalinos jaunimas“" in page and "€12,500.50" in page  # the monitor reads the admin in English
    assert printable.startswith("<!DOCTYPE html>") and "Bendrai finansuoja Europos Sąjunga" in printable
    assert "Value at end (2025-12-31)" in printable
    assert response["Content-Disposition"] == 'attachment; filename="rodikliai-2025-01-01-2025-12-31.xlsx"'
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Report", "Indicators", "Organisations", "Activities"]
    indicators = {row[0]: row for row in book["Indicators"].iter_rows(min_row=2, values_only=True)}
    assert indicators["R.S.2.3034"][5] == 3 and indicators["R.S.2.3034"][7] == 6
    assert [row[:3] for row in book["Organisations"].iter_rows(min_row=2, values_only=True)] == [
        ("Asociacija „Ignalinos jaunimas“", None, "civil society / NGO"),
    ]
    assert ("Test trainings held", None, 2, 3) in list(book["Activities"].iter_rows(min_row=2, values_only=True))


def test_report_refuses_a_period_that_ends_before_it_starts(monitor):
    response = monitor.get(REPORT, {"start": "2025-12-31", "end": "2025-01-01"})
    assert response.status_code == 200 and "The period must start before it ends." in response.content.decode()
    assert "report" not in response.context
