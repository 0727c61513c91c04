"""Part of `make bench` (scripts/bench.py): import 10,000 participant-register rows and export them.

Runs with the bench site's environment (production settings, the demo SQLite file); prints one
JSON line of seconds. The import is the admin's own path: all-or-nothing, bulk saving, then the
search index updated (vvg.core.importing.run_import).
"""

import csv
import io
import json
import time

import django

django.setup()

from django.utils import timezone  # noqa: E402

from events.models import EventBasePage, Registration  # noqa: E402
from events.resources import RegistrationResource  # noqa: E402
from vvg.core.importing import export_file, run_import  # noqa: E402

ROWS = 10_000


def register_file(event):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["event", "name", "email", "status", "processing_consent"])
    for number in range(ROWS):
        writer.writerow([event.pk, f"Dalyvis {number}", f"dalyvis{number}@example.lt", "waitlisted", "1"])
    return out.getvalue().encode()


def main():
    event = EventBasePage.objects.live().filter(end__gte=timezone.now()).order_by("start").first()
    data = register_file(event)
    started = time.perf_counter()
    report = run_import(RegistrationResource, data, "csv", dry_run=False)
    imported = time.perf_counter() - started
    if not report.ok:
        raise SystemExit(f"the import was refused: {report.file_errors or [row for row in report.rows if not row.is_valid][:3]}")
    started = time.perf_counter()
    csv_bytes = export_file(RegistrationResource, "csv")
    exported_csv = time.perf_counter() - started
    started = time.perf_counter()
    export_file(RegistrationResource, "xlsx")
    exported_xlsx = time.perf_counter() - started
    print(json.dumps({
        "rows": Registration.objects.filter(event=event).count(),
        "import s": round(imported, 2),
        "export CSV s": round(exported_csv, 2),
        "export XLSX s": round(exported_xlsx, 2),
        "CSV bytes": len(csv_bytes),
    }))


if __name__ == "__main__":
    main()
