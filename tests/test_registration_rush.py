"""A rush: 200 people register through real HTTP for a training with 20 seats.

Every request is answered (the redirect to the person's confirmation page), exactly 20 people get a
seat and 180 are on the waiting list in the order the database took them. Correctness only: how
fast is the benchmark's business (`make bench`), never a test's.

The live server and its own database connections come from tests/test_registration_concurrency.py:
on PostgreSQL (DATABASE_URL) and on a SQLite file. At most IN_FLIGHT requests are open at once, as
many as the test server accepts at a time; each is a server thread with its own database connection.
"""

import concurrent.futures
import threading
import urllib.error
import urllib.parse
import urllib.request

import pytest

from events.choices import RegistrationStatus
from events.models import Registration
from tests.test_events_fixtures import add_event, event_index, form_data, no_rate_limits_left_over  # noqa: F401 (fixtures)
from tests.test_registration_concurrency import NoRedirect, csrf_of_a_visit, own_connections, server_url  # noqa: F401

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), pytest.mark.usefixtures("no_rate_limits_left_over")]

SEATS = 20
PEOPLE = 200
# Django's test server listens with a backlog of 10: more connections at once get reset by the kernel.
IN_FLIGHT = 16


def test_two_hundred_people_rush_twenty_seats(server_url, event_index, vvg_settings):
    vvg_settings(REGISTRATION_RATE_LIMIT=(10_000, 60))  # every request comes from 127.0.0.1
    event = add_event(event_index, "Populiarūs mokymai", capacity=SEATS)

    token, cookie = csrf_of_a_visit(server_url + event.url)
    start = threading.Barrier(IN_FLIGHT)

    def register(number):
        data = form_data(name=f"Skubantis {number}", email=f"skubantis{number}@example.lt") | {"csrfmiddlewaretoken": token}
        request = urllib.request.Request(server_url + event.url, data=urllib.parse.urlencode(data).encode(), headers={
            "Cookie": cookie, "Referer": server_url + event.url, "Content-Type": "application/x-www-form-urlencoded"
        })
        if number < IN_FLIGHT:
            start.wait(timeout=60)  # the first wave leaves together
        try:
            answer = urllib.request.build_opener(NoRedirect).open(request, timeout=120)
        except urllib.error.HTTPError as redirect_or_error:  # the 302 to the confirmation page is not followed
            return redirect_or_error.code, redirect_or_error.headers.get("Location") or ""
        return answer.status, ""

    with concurrent.futures.ThreadPoolExecutor(max_workers=IN_FLIGHT) as pool:
        answers = list(pool.map(register, range(PEOPLE)))

    refused = [(number, answer) for number, answer in enumerate(answers) if answer[0] != 302 or "/registracija/" not in answer[1]]
    assert not refused, refused[:5]
    people = Registration.objects.filter(event=event)
    assert people.count() == PEOPLE
    assert people.filter(status=RegistrationStatus.REGISTERED).count() == SEATS
    assert people.filter(status=RegistrationStatus.WAITLISTED).count() == PEOPLE - SEATS
