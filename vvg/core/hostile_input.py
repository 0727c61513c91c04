"""Refuse query parameters with NUL characters before any view reads them.

Nobody types a NUL character, but a crafted address can carry one (%00). PostgreSQL cannot store
or even compare text containing it, so a search or listing filter that passes it to a query would
answer 500 (found by tests/test_fuzz_forms.py). Form fields refuse it already (Django's CharField
has ProhibitNullCharactersValidator); query parameters are read by views directly, so they are
checked here, once for every view. The API gets its usual JSON error.
"""

from django.http import HttpResponseBadRequest, JsonResponse
from django.utils.translation import gettext


class RefuseNulCharactersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if any("\x00" in key or any("\x00" in value for value in values) for key, values in request.GET.lists()):
            message = gettext("The address contains a character that is not allowed.")
            if request.path.startswith("/api/"):
                return JsonResponse({"message": message}, status=400)
            return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
