"""Many people register at the same moment for the last seats: never more registered than the capacity.

Real HTTP requests from many threads go to a live server, each request handled in its own server
thread with its own database connection, as in production: on PostgreSQL (DATABASE_URL) and on a
SQLite file.

Two things stand in the way on the default test database, an in-memory SQLite one: pytest-django's
session-wide `live_server` then hands the server one shared connection (which would serialise the
requests and prove nothing), and separate connections to a shared-cache in-memory database fail at
once on every lock instead of waiting as a SQLite file does. So this test copies the in-memory
database to a file for its duration and runs its own server, which leaves each request thread to
open its own connection.
"""

import http.cookiejar
import re
import sqlite3
import threading
import urllib.error
import urllib.parse
import urllib.request

import pytest
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.db import connection
from django.test.testcases import LiveServerThread

from events.choices import RegistrationStatus
from events.models import Registration
from tests.test_events_fixtures import add_event, event_index, form_data, no_rate_limits_left_over  # noqa: F401 (fixtures)

# serialized_rollback: the database it leaves is what the browser tests (which restore it) expect.
pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), pytest.mark.usefixtures("no_rate_limits_left_over")]

CAPACITY = 5
ALREADY_REGISTERED = 3
PEOPLE = 16


@pytest.fixture
def own_connections(transactional_db, tmp_path):
    """A SQLite database on disk while the test runs, when the test database is an in-memory one."""
    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        yield
        return
    memory_name = connection.settings_dict["NAME"]
    keep_alive = sqlite3.connect(memory_name, uri=True)  # an in-memory database lives while a connection is open
    copy = sqlite3.connect(tmp_path / "concurrency.sqlite3")
    keep_alive.backup(copy)
    copy.close()
    connection.settings_dict["NAME"] = str(tmp_path / "concurrency.sqlite3")  # every thread's connection reads it
    connection.close()
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict["NAME"] = memory_name
        connection.ensure_connection()  # before the last other connection closes, or the database goes with it
        keep_alive.close()


@pytest.fixture
def server_url(own_connections):
    thread = LiveServerThread("localhost", StaticFilesHandler, connections_override={})
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    if thread.error:
        raise thread.error
    yield f"http://localhost:{thread.port}"
    thread.terminate()


def csrf_of_a_visit(url):
    """(token, Cookie header): one visit gives the CSRF cookie and token every simultaneous post then carries."""
    cookies = http.cookiejar.CookieJar()
    visit = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(cookies))
    html = visit.open(url, timeout=30).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    return token, "; ".join(f"{c.name}={c.value}" for c in cookies)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_simultaneous_registrations_for_the_last_seats_never_overbook(server_url, event_index, vvg_settings):
    vvg_settings(REGISTRATION_RATE_LIMIT=(1000, 60))  # every request comes from 127.0.0.1
    event = add_event(event_index, capacity=CAPACITY)
    for number in range(ALREADY_REGISTERED):
        Registration.objects.create(event=event, name=f"Jau {number}", email=f"jau{number}@example.lt")

    token, cookie = csrf_of_a_visit(server_url + event.url)

    start = threading.Barrier(PEOPLE)
    results = [None] * PEOPLE

    def register(number):
        data = form_data(name=f"Dalyvis {number}", email=f"dalyvis{number}@example.lt") | {"csrfmiddlewaretoken": token}
        request = urllib.request.Request(server_url + event.url, data=urllib.parse.urlencode(data).encode(), headers={
            "Cookie": cookie, "Referer": server_url + event.url, "Content-Type": "application/x-www-form-urlencoded"
        })
        start.wait(timeout=30)
        try:
            answer = urllib.request.build_opener(NoRedirect).open(request, timeout=60)
        except urllib.error.HTTPError as redirect_or_error:  # the 302 to the confirmation page is not followed
            results[number] = (redirect_or_error.code, redirect_or_error.headers.get("Location"))
        else:
            results[number] = (answer.status, None)

    threads = [threading.Thread(target=register, args=(number,)) for number in range(PEOPLE)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert all(code == 302 and "/registracija/" in location for code, location in results), results
    newcomers = Registration.objects.filter(email__startswith="dalyvis")
    assert newcomers.count() == PEOPLE
    assert Registration.objects.filter(event=event, status=RegistrationStatus.REGISTERED).count() == CAPACITY
    assert newcomers.filter(status=RegistrationStatus.WAITLISTED).count() == PEOPLE - (CAPACITY - ALREADY_REGISTERED)
