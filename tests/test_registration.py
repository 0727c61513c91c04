"""Registration for trainings and events: seats, the waiting list, cancellation links, the form's defences."""

import datetime
import re
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.db import IntegrityError, transaction
from django.test import Client
from django.utils import timezone

from events import services
from events.choices import Attendance, RegistrationStatus
from events.models import Registration
from events.services import Applicant
from events.tasks import send_registration_email
from tests.test_events_fixtures import (  # noqa: F401 (fixtures)
    add_event, event_index, form_data, lt, lt_count, no_rate_limits_left_over,
)
from vvg.core.choices import Sector
from vvg.core.models import Organisation

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_rate_limits_left_over")]


REGISTERED = "Hello %(name)s,\n\nyou are registered for “%(title)s”."
WAITLISTED = (
    "Hello %(name)s,\n\nall seats for “%(title)s” are taken, so you are on the waiting list (number %(position)s). "
    "If a seat becomes free, you will get it in turn and we will write to you."
)
PROMOTED = "Hello %(name)s,\n\na seat has become free and you are now registered for “%(title)s”."


def seats_left(count):
    return lt_count("%(left)s seat left", "%(left)s seats left", count, left=count)


def person(number, **extra):
    return Applicant(name=f"Dalyvis {number}", email=f"dalyvis{number}@example.lt", processing_consent=True, **extra)


def statuses(event):
    return list(event.registrations.order_by("pk").values_list("name", "status"))


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def test_seats_fill_then_the_waiting_list_and_a_cancellation_promotes_the_first_waiting(
    event_index, django_capture_on_commit_callbacks
):
    event = add_event(event_index, capacity=2)
    with django_capture_on_commit_callbacks(execute=True):
        first, second, third, fourth = (services.register(event, person(n)) for n in range(1, 5))

    assert [r.status for r in (first, second, third, fourth)] == ["registered", "registered", "waitlisted", "waitlisted"]
    assert (services.waiting_position(third), services.waiting_position(fourth)) == (1, 2)
    assert event.seats_left == 0
    assert [m.to for m in mail.outbox] == [["dalyvis1@example.lt"], ["dalyvis2@example.lt"], ["dalyvis3@example.lt"], ["dalyvis4@example.lt"]]
    assert lt(WAITLISTED, name="Dalyvis 4", title=event.title, position=2) in mail.outbox[3].body

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.cancel(first)
    assert [r.name for r in promoted] == ["Dalyvis 3"]
    assert statuses(event) == [
        ("Dalyvis 1", "cancelled"), ("Dalyvis 2", "registered"), ("Dalyvis 3", "registered"), ("Dalyvis 4", "waitlisted")
    ]
    assert services.waiting_position(Registration.objects.get(name="Dalyvis 4")) == 1
    assert [m.to for m in mail.outbox] == [["dalyvis3@example.lt"]]
    assert lt(PROMOTED, name="Dalyvis 3", title=event.title) in mail.outbox[0].body

    # Cancelling a waiting person frees no seat and promotes nobody.
    assert services.cancel(Registration.objects.get(name="Dalyvis 4")) == []
    assert services.cancel(first) == []  # cancelling twice changes nothing


def test_unlimited_capacity_never_uses_the_waiting_list(event_index):
    event = add_event(event_index, capacity=None)
    assert {services.register(event, person(n)).status for n in range(30)} == {"registered"}
    assert event.seats_left is None


def test_a_larger_capacity_moves_people_from_the_waiting_list(event_index, django_capture_on_commit_callbacks):
    event = add_event(event_index, capacity=1)
    for number in range(3):
        services.register(event, person(number))
    event.capacity = 2
    with django_capture_on_commit_callbacks(execute=True):
        event.save_revision().publish()
    assert [status for _, status in statuses(event)] == ["registered", "registered", "waitlisted"]
    assert [m.to for m in mail.outbox] == [["dalyvis1@example.lt"]]


def test_one_active_registration_per_email_and_event_whatever_the_letter_case(event_index):
    event, other = add_event(event_index), add_event(event_index, "Kitas renginys")
    first = services.register(event, person(1))
    with pytest.raises(services.AlreadyRegistered):
        services.register(event, Applicant(name="Kitas", email="DALYVIS1@Example.LT", processing_consent=True))
    services.register(other, person(1))  # another event is another registration

    # The database refuses it too, whatever path tries.
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(event=event, name="Dvynys", email="Dalyvis1@example.lt")

    services.cancel(first)
    assert services.register(event, person(1)).status == "registered"  # after cancelling, again


def test_the_form_registers_and_the_confirmation_page_shows_status_and_cancel_button(client, event_index):
    event = add_event(event_index, capacity=3)
    page = soup(client.get(event.url))
    assert seats_left(3) in page.select_one(".event-registration .event-seats").get_text()

    response = client.post(event.url, form_data())
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert (registration.name, registration.email, registration.processing_consent) == ("Vardenis Pavardenis", "vardenis@example.lt", True)
    token, signature = services.registration_link_args(registration)
    assert response.url == f"{event.url}registracija/{token}/{signature}/"

    confirmation = client.get(response.url)
    assert confirmation["Referrer-Policy"] == "no-referrer"
    status = soup(confirmation).select_one(".registration-status")
    assert status["role"] == "status" and lt("You are registered.") in status.get_text()
    assert soup(confirmation).select_one("main form button[type=submit]").get_text() == lt("Cancel my registration")
    # The confirmation shows no personal data.
    assert "Vardenis" not in confirmation.content.decode() and "vardenis@" not in confirmation.content.decode()
    assert seats_left(2) in soup(client.get(event.url)).select_one(".event-seats").get_text()


def test_when_seats_are_gone_the_form_says_so_and_the_person_is_told_the_waiting_list_place(client, event_index):
    event = add_event(event_index, capacity=1)
    client.post(event.url, form_data(email="pirmas@example.lt"))
    page = soup(client.get(event.url))
    assert lt("All seats are taken: new registrations go to the waiting list.") in page.select_one(".event-seats").get_text()
    assert page.select_one(".registration-form button[type=submit]").get_text() == lt("Join the waiting list")

    confirmation = client.get(client.post(event.url, form_data(email="antras@example.lt")).url)
    assert lt("All seats are taken: you are on the waiting list, number %(position)s.", position=1) in soup(confirmation).select_one(".registration-status").get_text()
    assert Registration.objects.get(email="antras@example.lt").status == RegistrationStatus.WAITLISTED


def test_a_second_attempt_with_the_same_email_is_told_it_is_already_registered(client, event_index):
    event = add_event(event_index)
    client.post(event.url, form_data())
    response = client.post(event.url, form_data(name="Kitas Vardas", email="Vardenis@Example.lt"))
    assert response.status_code == 200
    assert lt("This e-mail address is already registered for this event.") in soup(response).select_one("#id_email_error").get_text()
    assert Registration.objects.count() == 1


def test_errors_are_shown_beside_their_fields_in_lithuanian(client, event_index):
    event = add_event(event_index)
    response = client.post(event.url, {"name": "", "email": "ne-adresas"})
    assert response.status_code == 200
    page = soup(response)
    assert page.select_one(".form-errors")["role"] == "alert"
    assert page.select_one("#id_name_error").get_text(strip=True) == "Šis laukas yra privalomas."
    # Django's own message, in whichever Lithuanian wording the installed catalogues give it.
    assert page.select_one("#id_email_error").get_text(strip=True) == lt("Enter a valid email address.")
    assert page.select_one("#id_email_error").get_text(strip=True).startswith("Įveskite")
    assert page.select_one("#id_processing_consent_error")
    email_input = page.select_one("#id_email")
    assert email_input["aria-invalid"] == "true" and "id_email_error" in email_input["aria-describedby"]
    assert email_input["value"] == "ne-adresas"  # what was typed is kept
    assert not Registration.objects.exists()


def test_an_unknown_organisation_needs_a_sector_and_a_known_one_is_linked(client, event_index):
    event = add_event(event_index)
    known = Organisation.objects.create(name="Asociacija „Bandomoji“", sector=Sector.CIVIL, is_member=True)
    response = client.post(event.url, form_data(organisation="Nauja bendruomenė"))
    assert soup(response).select_one("#id_sector_error")
    assert known.name in [o["value"] for o in soup(response).select("datalist#organisation-names option")]

    client.post(event.url, form_data(organisation="Nauja bendruomenė", sector="civil"))
    client.post(event.url, form_data(email="kitas@example.lt", organisation="bandomoji asociacija"))
    typed, linked = Registration.objects.order_by("pk")
    assert (typed.organisation, typed.organisation_name, typed.sector) == (None, "Nauja bendruomenė", "civil")
    assert (linked.organisation, linked.organisation_name, linked.sector) == (known, "", "civil")


def test_the_honeypot_and_a_missing_csrf_token_are_refused(event_index):
    event = add_event(event_index)
    response = Client().post(event.url, form_data(website="http://spam.example"))
    assert response.status_code == 400
    assert Registration.objects.count() == 0
    assert Client(enforce_csrf_checks=True).post(event.url, form_data()).status_code == 403
    assert Registration.objects.count() == 0


def test_too_many_attempts_from_one_address_are_refused_for_a_while(event_index, vvg_settings):
    vvg_settings(REGISTRATION_RATE_LIMIT=(2, 60))
    event = add_event(event_index)
    client = Client(REMOTE_ADDR="192.0.2.10")
    assert client.post(event.url, form_data(email="a@example.lt")).status_code == 302
    assert client.post(event.url, {"name": ""}).status_code == 200  # a failed attempt counts too
    refused = client.post(event.url, form_data(email="c@example.lt"))
    assert refused.status_code == 429
    assert lt("Too many registration attempts from your network. Please try again later.") in soup(refused).select_one(".form-errors").get_text()
    assert Client(REMOTE_ADDR="192.0.2.11").post(event.url, form_data(email="d@example.lt")).status_code == 302
    assert sorted(Registration.objects.values_list("email", flat=True)) == ["a@example.lt", "d@example.lt"]


def test_behind_a_proxy_the_limit_counts_the_address_the_proxy_passes(event_index, vvg_settings):
    vvg_settings(REGISTRATION_RATE_LIMIT=(1, 60))
    vvg_settings(CLIENT_IP_HEADER="HTTP_X_REAL_IP")
    event = add_event(event_index)
    proxy = Client(REMOTE_ADDR="127.0.0.1")
    assert proxy.post(event.url, form_data(email="a@example.lt"), HTTP_X_REAL_IP="198.51.100.1").status_code == 302
    assert proxy.post(event.url, form_data(email="b@example.lt"), HTTP_X_REAL_IP="198.51.100.2").status_code == 302
    assert proxy.post(event.url, form_data(email="c@example.lt"), HTTP_X_REAL_IP="198.51.100.1").status_code == 429


def test_a_tampered_or_foreign_link_finds_nothing_and_a_get_never_cancels(client, event_index):
    event, other = add_event(event_index, capacity=1), add_event(event_index, "Kitas")
    registration = services.register(event, person(1))
    waiting = services.register(event, person(2))
    token, signature = services.registration_link_args(registration)
    url = event.url + f"registracija/{token}/{signature}/"

    other_token = services.registration_link_args(waiting)[0]
    flipped = signature[:-1] + ("A" if signature[-1] != "A" else "B")
    for bad in (f"{token}/{flipped}", f"{token[:-1]}x/{signature}", f"{other_token}/{signature}", token):
        assert client.get(event.url + f"registracija/{bad}/").status_code == 404
        assert client.post(event.url + f"registracija/{bad}/", {"action": "cancel"}).status_code == 404
    assert client.get(other.url + f"registracija/{token}/{signature}/").status_code == 404

    assert client.get(url).status_code == 200  # e.g. a mail scanner opening the link
    registration.refresh_from_db()
    assert registration.status == "registered"

    assert client.post(url, {"action": "cancel"}).status_code == 302
    assert lt("This registration is cancelled.") in soup(client.get(url)).select_one(".registration-status").get_text()
    waiting.refresh_from_db()
    assert waiting.status == "registered"


def test_no_cancellation_once_the_event_has_started(event_index):
    event = add_event(event_index, days=1)
    registration = services.register(event, person(1))
    with pytest.raises(services.EventStarted):
        services.cancel(registration, now=event.start + datetime.timedelta(minutes=5))


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"registration_opens": timezone.now() + datetime.timedelta(days=2)}, "Registration opens on %(opens)s."),
        ({"registration_closes": timezone.now() - datetime.timedelta(hours=1)}, "Registration is closed."),
        ({"registration_enabled": False}, "Registration on the site is not needed or not available for this event."),
        ({"days": -3}, "This event has taken place."),
    ],
)
def test_no_form_and_no_registration_outside_the_registration_period(client, event_index, extra, message):
    event = add_event(event_index, **extra)
    page = soup(client.get(event.url))
    assert page.select_one(".registration-form") is None
    assert lt(message).split("%(opens)s")[0] in page.select_one(".event-registration").get_text()
    assert client.post(event.url, form_data()).status_code == 200
    assert not Registration.objects.exists()
    with pytest.raises(services.RegistrationClosed):
        services.register(event, person(1))


def test_emails_are_sent_by_a_task_after_the_commit_and_link_to_the_registration(client, event_index, django_capture_on_commit_callbacks):
    event = add_event(event_index, "Mokymai & praktika")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        registration = services.register(event, person(1))
    assert mail.outbox == []  # nothing is sent inside the registering transaction
    # One e-mail task; the public cache's new generation (vvg.core.cache) is the other callback.
    assert [getattr(callback.func, "__self__", None) for callback in callbacks].count(send_registration_email) == 1
    for callback in callbacks:
        callback()

    message = mail.outbox[0]
    assert message.subject == lt("Registration confirmed: %(title)s", title="Mokymai & praktika")
    assert lt(REGISTERED, name="Dalyvis 1", title="Mokymai & praktika") in message.body and "&amp;" not in message.body
    link = re.search(r"https?://\S+/registracija/\S+/", message.body).group()
    response = client.get(urlsplit(link).path)
    assert response.status_code == 200 and response.context["registration"] == registration


def test_an_erased_registration_gets_no_email(event_index):
    event = add_event(event_index)
    registration = services.register(event, person(1))
    Registration.objects.filter(pk=registration.pk).update(email="")
    result = send_registration_email.enqueue(registration.pk, "registered")
    assert result.return_value is False and mail.outbox == []


def test_attendance_is_marked_for_registrations_of_that_event_only(event_index):
    event, other = add_event(event_index), add_event(event_index, "Kitas")
    mine, theirs = services.register(event, person(1)), services.register(other, person(2))
    assert services.mark_attendance(event, {mine.pk: Attendance.YES, theirs.pk: Attendance.YES}) == 1
    assert Registration.objects.get(pk=mine.pk).attended == "yes"
    assert Registration.objects.get(pk=theirs.pk).attended == "unknown"
