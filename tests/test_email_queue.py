"""Participants' e-mails queued in the database, as in production, and sent by the worker (`db_worker`)."""

import io
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from wagtail.search.models import IndexEntry

from events import services
from events.models import Registration
from events.services import Applicant
from tests.test_events_fixtures import (  # noqa: F401 (fixtures)
    add_event, event_index, form_data, lt, no_rate_limits_left_over,
)

pytestmark = pytest.mark.usefixtures("no_rate_limits_left_over")
# The worker commits its own transactions and drops a connection left inside one, as in its own process:
# the tests that run it commit for real. serialized_rollback: the database they leave is what the browser
# tests expect.
worker_test = pytest.mark.django_db(transaction=True, serialized_rollback=True)

REPO = Path(__file__).resolve().parents[1]


class RefusingEmailBackend(BaseEmailBackend):
    """A mail server that refuses every message."""

    def send_messages(self, messages):
        raise ConnectionRefusedError("the mail server is down")


@pytest.fixture
def email_queue(settings):
    """The "emails" task alias on the database backend, as the production settings have it."""
    settings.TASKS = {**settings.TASKS, "emails": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_worker():
    """The worker of site/deploy/vvg-worker.service, through what is queued and no further (--batch)."""
    # It sets its own SIGINT/SIGTERM handlers for a graceful stop; they must not outlive the test.
    handlers = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    try:
        call_command("db_worker", "--backend", "emails", "--batch", "--no-startup-delay", stdout=io.StringIO())
    finally:
        for number, handler in handlers.items():
            signal.signal(number, handler)


@worker_test
def test_a_registration_queues_its_email_and_the_worker_sends_it(client, email_queue, event_index):
    event = add_event(event_index, "Mokymai pareiškėjams")
    response = client.post(event.url, form_data(email="vardenis@example.lt"))
    assert response.status_code == 302
    registration = Registration.objects.get()

    # Nothing is sent in the request: one task waits in the database, for the e-mail alone. Wagtail's
    # own tasks (search index, references) of the event's publication and the registration ran at once.
    assert mail.outbox == []
    queued = DBTaskResult.objects.get()
    assert (queued.status, queued.backend_name, queued.task_path) == (
        TaskResultStatus.READY, "emails", "events.tasks.send_registration_email",
    )
    assert queued.args_kwargs == {"args": [registration.pk, "registered"], "kwargs": {}}
    event_type = ContentType.objects.get_for_model(event)
    assert IndexEntry.objects.filter(content_type=event_type, object_id=str(event.pk)).exists()

    run_worker()
    assert [(message.to, message.subject) for message in mail.outbox] == [
        (["vardenis@example.lt"], lt("Registration confirmed: %(title)s", title="Mokymai pareiškėjams")),
    ]
    queued.refresh_from_db()
    assert (queued.status, queued.return_value) == (TaskResultStatus.SUCCESSFUL, True)

    run_worker()  # a second run finds nothing left to send
    assert len(mail.outbox) == 1


@worker_test
def test_a_failed_send_is_kept_as_failed_and_the_registration_stays(email_queue, event_index, settings):
    event = add_event(event_index, capacity=1)
    first = services.register(event, Applicant(name="Pirmas", email="pirmas@example.lt", processing_consent=True))
    second = services.register(event, Applicant(name="Antras", email="antras@example.lt", processing_consent=True))

    settings.EMAIL_BACKEND = f"{__name__}.RefusingEmailBackend"
    run_worker()
    failed = sorted(DBTaskResult.objects.all(), key=lambda task: task.args_kwargs["args"])
    assert [(task.args_kwargs["args"], task.status) for task in failed] == [
        ([first.pk, "registered"], TaskResultStatus.FAILED),
        ([second.pk, "waitlisted"], TaskResultStatus.FAILED),
    ]
    assert "ConnectionRefusedError" in failed[0].traceback
    assert list(Registration.objects.order_by("pk").values_list("status", flat=True)) == ["registered", "waitlisted"]
    assert mail.outbox == []


def production_tasks(**variables):
    """The production settings' TASKS, read in a fresh interpreter with these environment variables."""
    environment = {key: value for key, value in os.environ.items() if key != "EMAIL_QUEUE"}
    return subprocess.run(
        [sys.executable, "-c", "import json, vvgsite.settings.production as s; print(json.dumps(s.TASKS))"],
        cwd=REPO / "site", env={**environment, "SECRET_KEY": "x", "ALLOWED_HOSTS": "x", **variables},
        capture_output=True, text=True,
    )


@pytest.mark.parametrize(("variables", "backend"), [
    ({}, "django_tasks_db.DatabaseBackend"),
    ({"EMAIL_QUEUE": "immediate"}, "django_tasks.backends.immediate.ImmediateBackend"),
])
def test_production_queues_the_emails_alone_unless_told_to_send_them_at_once(variables, backend):
    assert json.loads(production_tasks(**variables).stdout) == {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
        "emails": {"BACKEND": backend},
    }


def test_production_refuses_an_unknown_email_queue():
    result = production_tasks(EMAIL_QUEUE="redis")
    assert result.returncode != 0 and "EMAIL_QUEUE is either database" in result.stderr
