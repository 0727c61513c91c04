"""A worker process for tests/test_import_restart.py: confirms registrations, then imports a register file.

    python tests/import_worker.py EVENT_ID FILE

Each registration is confirmed (committed) and printed before the import starts. The process then
stops, as a slow server would, right after the import's first INSERT of organisations has run
inside its transaction, and waits there to be killed.
"""

import sys
import time

import django

django.setup()

from django.db import connection  # noqa: E402

from events import services  # noqa: E402
from events.models import EventBasePage  # noqa: E402
from vvg.core import importing  # noqa: E402
from vvg.core.resources import OrganisationResource  # noqa: E402


def pause_after_first_insert(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    if sql.lstrip().upper().startswith('INSERT INTO "VVG_CORE_ORGANISATION"'):
        print("inserted", flush=True)
        time.sleep(60)
    return result


def main(event_id, path):
    event = EventBasePage.objects.get(pk=event_id)
    for number in range(3):
        registration = services.register(event, services.Applicant(
            name=f"Dalyvis {number}", email=f"dalyvis{number}@example.lt", processing_consent=True,
        ))
        print("confirmed", registration.pk, flush=True)
    print("importing", flush=True)
    data = open(path, "rb").read()
    with connection.execute_wrapper(pause_after_first_insert):
        report = importing.run_import(OrganisationResource, data, "csv", dry_run=False)
    print("committed" if report.committed else "refused", flush=True)


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2])
