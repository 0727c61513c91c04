"""Who changed which register record or evaluation and when: Wagtail's log, shown to superusers, without personal data."""

import tempfile

import pytest
from wagtail.models import ModelLogEntry

from events import services
from events.models import Registration
from events.services import Applicant
from tests.test_evaluations_fixtures import call, coordinator, evaluators  # noqa: F401 (fixtures)
from tests.test_events_fixtures import add_event, event_index  # noqa: F401 (fixture)
from vvg.core.models import Organisation
from vvg.core.roles import REGISTER_KEEPERS
from vvg.evaluations import services as evaluation_services
from vvg.evaluations.models import Declaration

pytestmark = pytest.mark.django_db

NAME, EMAIL = "Ona Slaptaitė", "ona.slaptaite@example.lt"
SITE_HISTORY = "/admin/reports/site-history/"


@pytest.fixture(autouse=True)
def pending_files_in_tmp_path(monkeypatch, tmp_path):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))


@pytest.fixture
def keeper_user(make_user):
    return make_user("tvarkytoja", REGISTER_KEEPERS)


@pytest.fixture
def keeper(client, keeper_user):
    client.force_login(keeper_user)
    return client


@pytest.fixture
def event(event_index):
    return add_event(event_index, "Mokymai pareiškėjams", capacity=1)


def entries(instance, action=None):
    found = ModelLogEntry.objects.filter(content_type__model=instance._meta.model_name, object_id=str(instance.pk))
    return list(found.filter(action=action) if action else found)


def assert_no_personal_data_in_the_log():
    for entry in ModelLogEntry.objects.all():
        text = f"{entry.label} {entry.data}"
        assert NAME not in text and EMAIL not in text, (entry.action, text)


def test_the_life_of_a_registration_is_logged_by_id_with_who_and_when(keeper, keeper_user, event):
    registration = services.register(event, Applicant(name=NAME, email=EMAIL, processing_consent=True))
    waiting = services.register(event, Applicant(name="Jonas", email="jonas@example.lt", processing_consent=True))
    [created] = entries(registration, "wagtail.create")
    assert created.user is None and created.label.endswith(f"#{registration.pk}")  # the public form

    marks = {f"attended-{registration.pk}": "yes", f"attended-{waiting.pk}": "unknown"}
    response = keeper.post(f"/admin/events/{event.pk}/attendance/", marks)
    assert response.status_code == 302
    [marked] = entries(registration, "events.attendance")
    assert marked.user == keeper_user and marked.data == {"attended": "yes"} and marked.timestamp

    response = keeper.post("/admin/events/erase-person/", {"email": EMAIL})
    assert response.status_code == 302
    assert [entry.user for entry in entries(registration, "events.erase")] == [keeper_user]
    [promoted] = entries(waiting, "events.promote")  # the erased person's seat went to the waiting list
    assert promoted.user == keeper_user

    response = keeper.post(f"/admin/events/registration/delete/{waiting.pk}/")
    assert response.status_code == 302 and not Registration.objects.filter(pk=waiting.pk).exists()
    [deleted] = entries(waiting, "wagtail.delete")
    assert deleted.user == keeper_user and "Jonas" not in deleted.label
    assert_no_personal_data_in_the_log()


def test_imports_log_each_new_or_changed_record_and_nothing_when_refused(keeper, keeper_user, tmp_path):
    good = tmp_path / "orgs.csv"
    good.write_text("name,legal_code,sector\nĄžuolų klubas,302111111,civil\nBeržų klubas,,civil\n", encoding="utf-8")
    with open(good, "rb") as handle:
        token = keeper.post("/admin/registers/vvg_core/organisation/import/", {"import_file": handle}).context["token"]
    assert not ModelLogEntry.objects.filter(action="vvg_core.import").exists()  # the preview changes nothing
    assert keeper.post("/admin/registers/vvg_core/organisation/import/confirm/", {"token": token}).status_code == 302
    logged = ModelLogEntry.objects.filter(action="vvg_core.import").order_by("data__row")
    assert [(entry.label, entry.data, entry.user) for entry in logged] == [
        ("Ąžuolų klubas", {"change": "new", "row": 2}, keeper_user),
        ("Beržų klubas", {"change": "new", "row": 3}, keeper_user),
    ]
    assert {entry.object_id for entry in logged} == {str(pk) for pk in Organisation.objects.values_list("pk", flat=True)}
    assert len({entry.uuid for entry in logged}) == 1  # one import, one action in the history

    from events.resources import RegistrationResource
    from vvg.core import importing

    refused = b"event,name,email\n999999,Ona,ona@example.lt\n"
    report = importing.run_import(RegistrationResource, refused, "csv", dry_run=False, user=keeper_user)
    assert not report.committed and ModelLogEntry.objects.filter(action="vvg_core.import").count() == 2


def test_imported_participants_are_logged_by_number_only(keeper_user, event):
    from events.resources import RegistrationResource
    from vvg.core import importing

    data = f"event,name,email\n{event.pk},{NAME},{EMAIL}\n".encode()
    report = importing.run_import(RegistrationResource, data, "csv", dry_run=False, user=keeper_user)
    assert report.committed
    registration = Registration.objects.get(email=EMAIL)
    [imported] = entries(registration, "vvg_core.import")
    assert imported.user == keeper_user and imported.label.endswith(f"#{registration.pk}")
    assert_no_personal_data_in_the_log()


def test_superusers_read_the_register_history_in_site_history(admin_client, event):
    registration = services.register(event, Applicant(name=NAME, email=EMAIL, processing_consent=True))
    html = admin_client.get(SITE_HISTORY).content.decode()
    assert f"#{registration.pk}" in html and NAME not in html and EMAIL not in html


def test_evaluation_declarations_are_logged(call, coordinator, evaluators):  # noqa: F811
    evaluation_services.sign_declaration(evaluators[0], call, [])
    [declaration] = Declaration.objects.all()
    [signed] = entries(declaration, "vvg_evaluations.declare")
    assert signed.user == evaluators[0] and signed.data == {"conflicts": []}

