"""The participant and consultation registers in the admin: who may see them, import, export, attendance, erasure."""

import datetime
import io

import openpyxl
import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.utils import timezone

from events import services
from events.choices import Attendance
from events.models import Consultation, Registration
from events.services import Applicant
from tests.test_events_fixtures import add_event, event_index, lt  # noqa: F401 (fixture)
from vvg.core import importing
from vvg.core.choices import Sector
from vvg.core.models import Organisation
from vvg.core.roles import EDITORS, REGISTER_KEEPERS

pytestmark = pytest.mark.django_db

REGISTRATIONS = "/admin/events/registration/"
CONSULTATIONS = "/admin/events/consultation/"
IMPORT = "/admin/registers/events/registration/import/"


@pytest.fixture
def keeper(client, make_user):
    client.force_login(make_user("tvarkytoja", REGISTER_KEEPERS))
    return client


@pytest.fixture
def event(event_index):
    return add_event(event_index, "Mokymai pareiškėjams", capacity=2)


def register(event, number, **extra):
    return services.register(event, Applicant(name=f"Dalyvis {number}", email=f"d{number}@example.lt", processing_consent=True, **extra))


def register_urls(event):
    return [
        REGISTRATIONS, CONSULTATIONS, REGISTRATIONS + "create/", IMPORT, "/admin/registers/events/registration/export/csv/",
        "/admin/registers/events/consultation/export/xlsx/", "/admin/events/summary/", "/admin/events/erase-person/",
        f"/admin/events/{event.pk}/attendance/", f"/admin/events/{event.pk}/attendance/sheet/",
        f"/admin/events/{event.pk}/attendance/xlsx/",
    ]


def test_anonymous_visitors_and_editors_cannot_reach_the_registers(client, make_user, event):
    register(event, 1)
    for url in register_urls(event):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response.url, url
    client.force_login(make_user("redaktore", EDITORS))
    for url in register_urls(event):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert "d1@example.lt" not in response.content.decode()
    menu = client.get("/admin/").content.decode()
    assert lt("Participant register") not in menu


def test_register_keepers_and_superusers_reach_them(keeper, admin_client, event):
    register(event, 1)
    for client in (keeper, admin_client):
        for url in register_urls(event):
            assert client.get(url).status_code == 200, url
    html = keeper.get(REGISTRATIONS).content.decode()
    assert "d1@example.lt" in html and "Dalyvis 1" in html


def test_list_filters_by_event_and_status_and_exports_just_the_filtered_rows(keeper, event, event_index):
    other = add_event(event_index, "Kitas renginys")
    for number in range(3):
        register(event, number)
    register(other, 9)
    page = BeautifulSoup(keeper.get(REGISTRATIONS + f"?event__page_ptr__exact={event.pk}&status__exact=waitlisted").content, "html.parser")
    assert "d2@example.lt" in page.select_one("table.listing").get_text()
    assert "d0@example.lt" not in page.select_one("table.listing").get_text()
    export = page.select_one('a[href*="export=xlsx"]')["href"]

    response = keeper.get(REGISTRATIONS + export)
    assert response["Content-Type"] == importing.CONTENT_TYPES["xlsx"]
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("id", "event", "name")
    assert [row[3] for row in rows[1:]] == ["d2@example.lt"]  # the filtered list only, in the import format


def test_a_paper_sheet_imports_after_a_preview_and_duplicates_are_reported_not_merged(keeper, event, tmp_path):
    register(event, 1)
    Organisation.objects.create(name="Bendruomenė", legal_code="300000001", sector=Sector.CIVIL)
    sheet = tmp_path / "lapas.csv"
    sheet.write_text(
        "event;name;email;organisation;organisation_name;sector;attended\n"
        f"{event.pk};Ona Onaitė;ona@example.lt;300000001;;;taip\n"
        f"{event.pk};Dvynys;D1@example.lt;;;;\n"
        f"{event.pk};Jonas Jonaitis;jonas@example.lt;;Asociacija;civil;\n"
        f"{event.pk};Jonas Antrasis;JONAS@example.lt;;;;\n"
        "999999;Niekas;niekas@example.lt;;;;\n"
        f"{event.pk};Be kodo;be@example.lt;123;;;\n",
        encoding="utf-8",
    )
    with sheet.open("rb") as handle:
        response = keeper.post(IMPORT, {"import_file": handle})
    report = response.context["report"]
    errors = {row.number: row.errors for row in report.error_rows}
    assert set(errors) == {3, 5, 6, 7}, errors
    assert errors[3] == [(None, lt("This e-mail address is already registered for this event."))]  # d1@ is registered already
    assert errors[5] == [("email", lt("Row %(row)s registers the same e-mail for the same event.", row=4))]
    assert errors[6][0][0] == "event" and errors[7][0][0] == "organisation"
    assert response.context["token"] is None  # nothing to confirm while a row is wrong

    # All or nothing: even a real run saves none of the good rows.
    result = importing.run_import(events_resource(), sheet.read_bytes(), "csv", dry_run=False)
    assert not result.committed and Registration.objects.count() == 1

    sheet.write_text("\n".join(sheet.read_text().splitlines()[:2] + [sheet.read_text().splitlines()[3]]) + "\n")
    with sheet.open("rb") as handle:
        token = keeper.post(IMPORT, {"import_file": handle}).context["token"]
    keeper.post(IMPORT + "confirm/", {"token": token})
    ona = Registration.objects.get(email="ona@example.lt")
    assert (ona.organisation.legal_code, ona.sector, ona.attended, ona.status) == ("300000001", "civil", "yes", "registered")
    assert Registration.objects.get(email="jonas@example.lt").organisation_name == "Asociacija"


def events_resource():
    from events.resources import RegistrationResource

    return RegistrationResource


@pytest.mark.parametrize("file_format", importing.FORMATS)
def test_both_registers_export_and_import_back_unchanged(keeper, event, file_format):
    register(event, 1, phone="+37060000001", organisation_name="MB „Pavyzdys“", sector=Sector.BUSINESS)
    Consultation.objects.create(name="Vardenis", topic="Biudžetas", consultant="VVG", organisation_name="Asociacija", sector="civil")
    for model in ("registration", "consultation"):
        content = keeper.get(f"/admin/registers/events/{model}/export/{file_format}/").content
        report = importing.run_import(importing_resource(model), content, file_format, dry_run=True)
        assert report.ok and report.totals == {"unchanged": 1}, [row.errors for row in report.rows]


def importing_resource(model):
    from events.resources import ConsultationResource, RegistrationResource

    return {"registration": RegistrationResource, "consultation": ConsultationResource}[model]


def test_attendance_is_marked_in_bulk_and_counted_per_event(keeper, event):
    first, second, waiting = register(event, 1), register(event, 2), register(event, 3)
    url = f"/admin/events/{event.pk}/attendance/"
    page = BeautifulSoup(keeper.get(url).content, "html.parser")
    assert len(page.select("fieldset.attendance-choice")) == 3
    response = keeper.post(url, {f"attended-{first.pk}": "yes", f"attended-{second.pk}": "no", f"attended-{waiting.pk}": "unknown"})
    assert response.status_code == 302
    assert dict(Registration.objects.values_list("pk", "attended")) == {first.pk: "yes", second.pk: "no", waiting.pk: "unknown"}

    summary = BeautifulSoup(keeper.get("/admin/events/summary/").content, "html.parser")
    row = [cell.get_text(strip=True) for cell in summary.select_one("table.listing tbody tr").select("th, td")]
    assert row[0] == "Mokymai pareiškėjams" and row[2:6] == ["2", "1", "1", "2"]


def test_attendance_sheet_carries_the_eu_emblem_and_statement(keeper, event):
    register(event, 1)
    registration = register(event, 2)
    services.mark_attendance(event, {registration.pk: Attendance.YES})
    response = keeper.get(f"/admin/events/{event.pk}/attendance/xlsx/")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = book.active
    assert len(sheet._images) == 1  # the emblem
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row if cell]
    assert "Bendrai finansuoja Europos Sąjunga" in values and "Mokymai pareiškėjams" in values
    assert "Dalyvis 1" in values and "Dalyvis 2" in values

    printable = BeautifulSoup(keeper.get(f"/admin/events/{event.pk}/attendance/sheet/").content, "html.parser")
    assert "Bendrai finansuoja Europos Sąjunga" in printable.select_one(".eu").get_text()
    assert printable.select_one(".eu img")["src"].endswith("eu-emblem.svg")
    assert [td.get_text() for td in printable.select("tbody tr td:nth-of-type(2)")][:2] == ["Dalyvis 1", "Dalyvis 2"]


def test_erasing_a_person_anonymises_their_records_and_frees_their_seat(keeper, event):
    mine = register(event, 1)
    register(event, 2)
    waiting = register(event, 3)
    Consultation.objects.create(name="Dalyvis 1", email="D1@example.lt", topic="Paraiška", consultant="VVG", note="skambino")

    found = BeautifulSoup(keeper.get("/admin/events/erase-person/?email=d1@example.lt").content, "html.parser")
    assert "Mokymai pareiškėjams" in found.get_text() and "Paraiška" in found.get_text()
    keeper.post("/admin/events/erase-person/", {"email": "d1@example.lt"})

    mine.refresh_from_db()
    assert (mine.name, mine.email, mine.status, mine.anonymised_at is not None) == ("", "", "cancelled", True)
    consultation = Consultation.objects.get()
    assert (consultation.name, consultation.email, consultation.note, consultation.topic) == ("", "", "", "Paraiška")
    waiting.refresh_from_db()
    assert waiting.status == "registered"


def test_retention_command_anonymises_old_registrations_but_keeps_the_counts(event_index, vvg_settings):
    vvg_settings(REGISTRATION_RETENTION_DAYS=365)
    old = add_event(event_index, "Senas", start=timezone.now() - datetime.timedelta(days=400))
    recent = add_event(event_index, "Naujas", start=timezone.now() - datetime.timedelta(days=300))
    for event in (old, recent):
        Registration.objects.create(event=event, name="Vardenis", email="v@example.lt", phone="+370", organisation_name="MB X",
                                    sector="business", attended="yes")
    out = io.StringIO()
    call_command("anonymise_registrations", stdout=out)
    assert "Anonymised 1 registrations" in out.getvalue()
    gone, kept = Registration.objects.get(event=old), Registration.objects.get(event=recent)
    assert (gone.name, gone.email, gone.phone) == ("", "", "")
    assert (gone.organisation_name, gone.sector, gone.attended, gone.status) == ("MB X", "business", "yes", "registered")
    assert kept.name == "Vardenis"
    call_command("anonymise_registrations", stdout=out)
    assert Registration.objects.get(event=old).anonymised_at == gone.anonymised_at  # not again


def test_attendance_and_consultations_feed_the_indicators(event_index):
    from vvg.indicators.sources import activity_counters, participation_sources

    past = add_event(event_index, "Praėję mokymai", start=timezone.now() - datetime.timedelta(days=30))
    add_event(event_index, "Būsimi mokymai", days=5)
    known = Organisation.objects.create(name="Bendruomenė", sector=Sector.CIVIL)
    for name, attended, extra in [("A", "yes", {"organisation": known}), ("B", "yes", {"organisation_name": "MB Nauja", "sector": "business"}),
                                  ("C", "yes", {}), ("D", "no", {"organisation_name": "Neatvykę"})]:
        Registration.objects.create(event=past, name=name, attended=attended, **extra)
    Consultation.objects.create(topic="Biudžetas", consultant="VVG", organisation=known)

    events = list(participation_sources()["events"].participations())
    assert [(o.name if o else None, o.pk if o else None) for o, _, _ in events] == [("Bendruomenė", known.pk), ("MB Nauja", None), (None, None)]
    assert {activity for _, activity, _ in events} == {f"Praėję mokymai ({timezone.localdate(past.start):%Y-%m-%d})"}
    assert [o for o, _, _ in participation_sources()["consultations"].participations()] == [known]
    counters = activity_counters()
    assert counters["trainings_held"].count() == 1 and counters["people_trained"].count() == 3
    assert counters["trainings_held"].count(start=timezone.localdate()) == 0
    assert counters["consultations_given"].count() == 1
