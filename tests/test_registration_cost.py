"""What one registration costs the server: a rush of people is answered by few workers one after another.

Correctness of the rules is tests/test_registration.py's business; these keep the work of one POST
from growing back unnoticed (issue #9), and check that cutting it left nothing out.
"""

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import ModelLogEntry

from events.models import Registration
from tests.test_events_fixtures import add_event, event_index, form_data, no_rate_limits_left_over  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_rate_limits_left_over")]

# Warm, Wagtail's routing comes from the cache (vvg.core.routing): the registering transaction alone (its
# savepoint, the lock, the count, the insert, the log entry and its content-type check) is left: 7 on
# SQLite and PostgreSQL (17 before issue #9). The e-mail runs after the commit, outside the count.
QUERY_BUDGET = 7


def test_a_registration_post_stays_within_its_query_budget(event_index, django_capture_on_commit_callbacks):
    event = add_event(event_index, capacity=1)
    client = Client()
    client.post(event.url, form_data(email="pirmas@example.lt"))  # the seat; what follows waits
    with django_capture_on_commit_callbacks(execute=True), CaptureQueriesContext(connection) as queries:
        response = client.post(event.url, form_data(email="antras@example.lt"))
    assert response.status_code == 302
    assert len(queries) <= QUERY_BUDGET, "\n".join(query["sql"][:120] for query in queries)
    # Cheaper, and still everything: the person is on the list, told so, and the log has the entry.
    waiting = Registration.objects.get(email="antras@example.lt")
    assert waiting.status == "waitlisted" and mail.outbox[-1].to == ["antras@example.lt"]
    assert ModelLogEntry.objects.filter(object_id=str(waiting.pk), action="wagtail.create").exists()


def test_a_refused_second_registration_leaves_no_trace(event_index, django_capture_on_commit_callbacks):
    """The unique constraint is what refuses it now: the whole attempt is undone, nothing is sent or logged."""
    event = add_event(event_index, capacity=5)
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(event.url, form_data(email="vardenis@example.lt"))
        response = client.post(event.url, form_data(name="Kitas", email="VARDENIS@example.lt"))
    assert response.status_code == 200 and "email" in response.context["form"].errors
    assert list(event.registrations.values_list("email", flat=True)) == ["vardenis@example.lt"]
    assert [message.to for message in mail.outbox] == [["vardenis@example.lt"]]
    assert ModelLogEntry.objects.filter(content_type__model="registration").count() == 1


def test_registrations_on_a_sqlite_file_write_in_turn(tmp_path):
    """The file lock beside a SQLite database queues writers: the second enters the moment the first
    leaves, never while it is inside (SQLite's own wait would poll with sleeps and let it starve)."""
    import threading
    import time
    from pathlib import Path

    from events.services import writers_in_turn

    database = str(tmp_path / "db.sqlite3")
    inside, events = threading.Event(), []

    def first():
        with writers_in_turn(database):
            events.append("first in")
            inside.set()
            time.sleep(0.2)
            events.append("first out")

    def second():
        inside.wait(5)
        with writers_in_turn(database):
            events.append("second in")

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert events == ["first in", "first out", "second in"]
    with writers_in_turn(":memory:"):  # nothing to share: no lock file
        assert not Path(":memory:.writers").exists()
