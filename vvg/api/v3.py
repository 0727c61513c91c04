"""Wagtail API v3 (django-ninja, a preview in Wagtail 8) at /api/v3/, with the OpenAPI document we publish.

Reads are open to anyone; writes need a bearer token (Wagtail's APIToken), as Wagtail defines them.
WAGTAILAPI_DOCS_ENABLED = False turns off both the OpenAPI document and the interactive docs.
"""

from functools import wraps

from django.conf import settings
from django.http import Http404, JsonResponse
from ninja.openapi.docs import Swagger
from wagtail.api.v3.urls import api

ANONYMOUS_SCHEME = "AllowAnonymous"
# No "Try it out" validator badge: the docs page loads nothing from other hosts.
docs_page = Swagger(settings={"validatorUrl": None})


def docs_enabled(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not getattr(settings, "WAGTAILAPI_DOCS_ENABLED", True):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def publishable(schema):
    """The OpenAPI document with optional authentication said the way OpenAPI 3.1 says it.

    Wagtail declares anonymous reads as an HTTP security scheme without `scheme`, which no
    validator accepts; an empty security requirement (`{}`) is the standard "no authentication".
    """
    components = schema.get("components", {})
    components.get("securitySchemes", {}).pop(ANONYMOUS_SCHEME, None)
    if not components.get("securitySchemes"):
        components.pop("securitySchemes", None)
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            if "security" in operation:
                operation["security"] = [
                    {} if ANONYMOUS_SCHEME in requirement else requirement for requirement in operation["security"]
                ]
    return schema


@docs_enabled
def openapi_document(request):
    return JsonResponse(publishable(dict(api.get_openapi_schema())))


@docs_enabled
def docs(request):
    return docs_page.render_page(request, api)
