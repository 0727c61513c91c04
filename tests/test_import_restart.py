"""A worker killed (SIGKILL) in the middle of an import loses nothing already confirmed and keeps no half import.

The worker (tests/import_worker.py) is a separate process on a database file (SQLite) or on the test
database (PostgreSQL): it confirms registrations, then imports an organisations file and is killed
after the import has written its first rows, before it could commit.
"""

import csv
import io
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from events.choices import RegistrationStatus
from events.models import Registration
from tests.test_events_fixtures import add_event, event_index  # noqa: F401 (fixture)
from vvg.core.models import Organisation

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ROOT = Path(__file__).resolve().parent.parent
ROWS = 1000


def worker_database_url(tmp_path):
    """The URL the worker uses: a file copy of the in-memory SQLite test database, or the PostgreSQL one."""
    settings_dict = connection.settings_dict
    if connection.vendor == "sqlite":
        path = tmp_path / "worker.sqlite3"
        connection.ensure_connection()
        copy = sqlite3.connect(path)
        connection.connection.backup(copy)
        copy.close()
        return f"sqlite:///{path}"
    return (f"postgres://{settings_dict['USER']}:{settings_dict['PASSWORD']}@{settings_dict['HOST']}:"
            f"{settings_dict['PORT'] or 5432}/{settings_dict['NAME']}")


def organisations_file(tmp_path):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["name", "legal_code", "sector"])
    writer.writerows([f"Bendruomenė {number}", f"30{number:07d}", "civil"] for number in range(ROWS))
    path = tmp_path / "organisations.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def start_worker(database_url, event, path):
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "vvgsite.settings.test",
           "PYTHONPATH": os.pathsep.join([str(ROOT / "site"), str(ROOT)])}
    return subprocess.Popen([sys.executable, "tests/import_worker.py", str(event.pk), str(path)],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def read_until(worker, word):
    lines = []
    for line in worker.stdout:
        lines.append(line.split())
        if line.startswith(word):
            return lines
    raise AssertionError(f"the worker stopped before “{word}”: {worker.stderr.read()[-3000:]}")


def state(database_url):
    """(organisations, {registration pk: status}) as a new connection finds them after the worker is gone."""
    if database_url.startswith("sqlite"):
        db = sqlite3.connect(database_url.removeprefix("sqlite:///"))  # rolls back the killed worker's journal
        try:
            organisations = db.execute("SELECT count(*) FROM vvg_core_organisation").fetchone()[0]
            registrations = dict(db.execute("SELECT id, status FROM events_registration").fetchall())
        finally:
            db.close()
        return organisations, registrations
    return Organisation.objects.count(), dict(Registration.objects.values_list("pk", "status"))


def test_a_worker_killed_mid_import_keeps_confirmed_registrations_and_none_of_the_import(
    event_index, tmp_path  # noqa: F811
):
    event = add_event(event_index, "Mokymai", capacity=10)
    database_url = worker_database_url(tmp_path)
    path = organisations_file(tmp_path)

    worker = start_worker(database_url, event, path)
    try:
        lines = read_until(worker, "inserted")
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=10)
    finally:
        if worker.poll() is None:
            worker.kill()
    assert worker.returncode == -signal.SIGKILL
    confirmed = {int(line[1]) for line in lines if line[0] == "confirmed"}
    organisations, registrations = state(database_url)
    # "inserted" came after the import's INSERT ran: its rows were written, but never committed.
    assert organisations == 0
    assert len(confirmed) == 3 and all(registrations.get(pk) == RegistrationStatus.REGISTERED for pk in confirmed)

