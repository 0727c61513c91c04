"""The open-data files of the project listing: CSV for spreadsheets and JSON for programs."""

import csv

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse, JsonResponse
from django.utils.http import content_disposition_header

from .services import EXPORT_FIELDS


def csv_response(rows, filename):
    """Comma-separated UTF-8 with a byte order mark, without which Excel misreads Lithuanian letters."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response.write("\ufeff")
    writer = csv.DictWriter(response, fieldnames=EXPORT_FIELDS)
    writer.writeheader()
    writer.writerows(rows)
    return response


def json_response(rows, filename):
    """Amounts as strings ("12500.00"), as Wagtail's API gives them, so no decimal is lost to floats."""
    rows = list(rows)
    response = JsonResponse(
        {"count": len(rows), "projects": rows},
        encoder=DjangoJSONEncoder,
        json_dumps_params={"ensure_ascii": False, "indent": 1},
    )
    response["Content-Disposition"] = content_disposition_header(False, filename)
    return response
