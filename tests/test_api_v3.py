"""API v3 (/api/v3/): the published OpenAPI document, its offline docs, and the API against its own schema."""

import io
import json
import re

import pytest
import schemathesis
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from ninja.responses import NinjaJSONEncoder
from openapi_spec_validator import validate
from openapi_spec_validator.validation.exceptions import OpenAPIValidationError
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance
from wagtail.api.v3.urls import api

from vvg.api.v3 import publishable

pytestmark = pytest.mark.django_db


def published_document():
    return json.loads(json.dumps(publishable(dict(api.get_openapi_schema())), cls=NinjaJSONEncoder))


def test_the_published_openapi_document_validates(client):
    response = client.get("/api/v3/openapi.json")
    assert response.status_code == 200
    document = response.json()
    validate(document)
    # Anonymous reads are said the standard way: an empty security requirement.
    listing = document["paths"]["/api/v3/pages/"]["get"]
    assert {} in listing["security"] and {"BearerTokenAuth": []} in listing["security"]


def test_wagtails_own_document_is_what_needed_fixing():
    with pytest.raises(OpenAPIValidationError):
        validate(json.loads(json.dumps(api.get_openapi_schema(), cls=NinjaJSONEncoder)))


def test_the_docs_are_served_from_this_site_only(client):
    response = client.get("/api/v3/docs/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "/api/v3/openapi.json" in page and "/static/ninja/swagger-ui-bundle.js" in page
    assert not re.search(r"(src|href)=[\"']?(https?:)?//", page)
    assert '"validatorUrl": null' in page


def test_the_docs_can_be_switched_off(client, settings):
    settings.WAGTAILAPI_DOCS_ENABLED = False
    assert client.get("/api/v3/docs/").status_code == 404
    assert client.get("/api/v3/openapi.json").status_code == 404
    assert client.get("/api/v3/pages/").status_code == 200  # the API itself stays


def not_callable(document, path):
    """Whether a path parameter allows no value (an empty enum, or only ""), so no request can be made.

    The snippets endpoints take the snippet type from the models that declare api_fields; this site
    has none, so their `type` can only be "" until some snippet model declares them.
    """
    parameters = document["paths"][path].get("parameters", []) + [
        parameter for operation in document["paths"][path].values() if isinstance(operation, dict)
        for parameter in operation.get("parameters", [])
    ]
    return any(
        parameter["in"] == "path" and (parameter["schema"].get("enum") == [] or parameter["schema"].get("const") == "")
        for parameter in parameters
    )


@pytest.fixture
def wsgi_app():
    """The site as WSGI, keeping the test's database connection open between requests (as Django's Client does)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield get_wsgi_application()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_the_api_answers_as_its_schema_says(wsgi_app):
    """No 5xx, and every documented answer matches its schema: up to 20 generated requests per operation.

    One test for all operations, so the demo content loads once; reads run anonymously, and writes
    (which need a bearer token) must refuse cleanly.
    """
    call_command("load_demo_content", stdout=io.StringIO())
    document = published_document()
    schema = schemathesis.openapi.from_dict(document)
    schema.app = wsgi_app
    failures = {}
    for result in schema.get_all_operations():
        operation = result.ok()
        if not_callable(document, operation.path):
            continue

        @given(case=operation.as_strategy())
        @hypothesis_settings(
            max_examples=20, deadline=None, database=None, derandomize=True, suppress_health_check=list(HealthCheck)
        )
        def answers_as_documented(case):
            case.call_and_validate(checks=[not_a_server_error, response_schema_conformance])

        try:
            answers_as_documented()
        except Exception as error:  # noqa: BLE001 - every operation's failure is reported together
            failures[operation.label] = str(error)[:2000]
    assert not failures, "\n\n".join(f"{label}: {error}" for label, error in failures.items())
