"""Refuse paging numbers no database can hold, before the API hands them to one.

Wagtail's API accepts any whole number as `offset` or `limit`; a huge one overflows the
database's integer and would answer 500 (found by the Schemathesis run).
"""

from django.http import JsonResponse
from django.utils.translation import gettext

PAGING_PARAMETERS = ("offset", "limit")
LARGEST = 2**31 - 1


class PagingBoundsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/api/"):
            for name in PAGING_PARAMETERS:
                value = request.GET.get(name, "").strip()
                if value.lstrip("-").isdigit() and abs(int(value)) > LARGEST:
                    message = gettext("%(name)s must be at most %(largest)s.") % {"name": name, "largest": LARGEST}
                    return JsonResponse({"message": message}, status=400)
        return self.get_response(request)
