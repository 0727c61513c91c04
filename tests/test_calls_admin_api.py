"""Calls in the admin (local times, the measure chooser, documents) and in the Wagtail API."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.urls import include, path
from django.utils import timezone
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.api.v3.urls import api as api_v3
from wagtail.documents import get_document_model
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from tests.test_calls import add_call, call_index, measure  # noqa: F401 - fixtures
from vvg.calls.choices import DocumentType
from vvg.calls.models import CallDocument, CallPage
from vvg.core.roles import EDITORS

pytestmark = pytest.mark.django_db

# The site has no API yet (vvg.api will add it); these tests serve the calls through Wagtail's own v2 and v3.
api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    path("api/v3/", api_v3.urls),
    path("", include(wagtail_urls)),
]

UTC = datetime.UTC


@pytest.fixture
def editor_client(client, make_user):
    client.force_login(make_user("redaktore", EDITORS))
    return client


def document():
    return get_document_model().objects.create(title="Sąlygos", file=ContentFile(b"%PDF-1.4", name="salygos.pdf"))


def call_form(measure, **fields):
    return nested_form_data({
        "title": "Kvietimas Nr. 5",
        "slug": "kvietimas-nr-5",
        "number": "Nr. 5",
        "measure": measure.pk,
        "summary": "Trumpai.",
        "opens_at": "2026-03-02 09:00",
        "closes_at": "2026-07-01 16:00",
        "total_allocation": "150000",
        "max_grant": "30000",
        "funding_rate": "80",
        "selection_mode": "competition",
        "eligible_applicants": rich_text("<p>NVO.</p>"),
        "eligible_activities": rich_text("<p>Paslaugos.</p>"),
        "target_groups": rich_text(""),
        "contact_name": "VVG administracija",
        "contact_email": "info@ignalinosvvg.lt",
        "documents": inline_formset([]),
        "body": streamfield([]),
        "comments": inline_formset([]),
        "action-publish": "publish",
    } | fields)


def test_an_editor_publishes_a_call_in_vilnius_time_with_documents(editor_client, call_index, measure):
    add_url = f"/admin/pages/add/vvg_calls/callpage/{call_index.pk}/"
    assert editor_client.get(add_url).status_code == 200
    assert editor_client.get("/admin/snippets/choose/vvg_core/measure/").status_code == 200
    conditions = document()
    form = call_form(measure, documents=inline_formset([
        {"document": conditions.pk, "document_type": DocumentType.CONDITIONS, "title": ""},
    ]))

    assert editor_client.post(add_url, form).status_code == 302

    call = CallPage.objects.get(slug="kvietimas-nr-5")
    assert call.live
    # Winter time (UTC+2) at opening, summer time (UTC+3) at closing.
    assert call.opens_at == datetime.datetime(2026, 3, 2, 7, 0, tzinfo=UTC)
    assert call.closes_at == datetime.datetime(2026, 7, 1, 13, 0, tzinfo=UTC)
    assert [(item.document, item.display_title) for item in call.documents.all()] == [(conditions, "Sąlygos")]
    edit_page = editor_client.get(f"/admin/pages/{call.pk}/edit/").content.decode()
    assert 'value="2026-07-01 16:00"' in edit_page


def test_the_admin_refuses_a_call_that_closes_before_it_opens(admin_client, call_index, measure):
    add_url = f"/admin/pages/add/vvg_calls/callpage/{call_index.pk}/"
    response = admin_client.post(add_url, call_form(measure, closes_at="2026-03-01 16:00"))
    assert response.status_code == 200
    assert "closes_at" in response.context["form"].errors
    assert not CallPage.objects.exists()


@pytest.mark.urls("tests.test_calls_admin_api")
def test_api_gives_dates_amounts_status_days_left_measure_and_documents(client, call_index, measure):
    now = timezone.now()
    call = add_call(call_index, "Atviras", now - datetime.timedelta(days=1), now + datetime.timedelta(days=3),
                    measure, max_grant=Decimal("12500.50"))
    CallDocument.objects.create(page=call, document=document(), document_type=DocumentType.APPLICATION_FORM)

    data = client.get(f"/api/v2/pages/{call.pk}/").json()

    assert data["number"] == call.number
    assert data["measure"] == {"code": "VPS-1.1", "name": measure.name}
    assert data["status"] == "open"
    assert data["days_left"] == 3
    assert data["max_grant"] == "12500.50"
    assert data["selection_mode"] == "competition"
    assert datetime.datetime.fromisoformat(data["closes_at"]) == call.closes_at
    [doc] = data["documents"]
    assert (doc["title"], doc["document_type"], doc["file_extension"]) == ("Sąlygos", "application_form", "pdf")
    assert doc["url"].startswith("http://testserver/documents/")

    listing = client.get("/api/v2/pages/", {"type": "vvg_calls.CallPage", "fields": "status,days_left"}).json()
    assert [(item["title"], item["status"], item["days_left"]) for item in listing["items"]] == [("Atviras", "open", 3)]


@pytest.mark.urls("tests.test_calls_admin_api")
def test_api_v3_gives_the_computed_status_and_documents_too(client, call_index, measure):
    now = timezone.now()
    days = datetime.timedelta(days=1)
    call = add_call(call_index, "Skelbiamas", now + 2 * days, now + 9 * days, measure)
    CallDocument.objects.create(page=call, document=document(), document_type=DocumentType.CONDITIONS)

    response = client.get(f"/api/v3/pages/{call.pk}/")
    assert response.status_code == 200, response.content
    data = response.json()
    assert (data["status"], data["days_left"], data["measure"]["code"]) == ("upcoming", None, "VPS-1.1")
    assert [doc["document_type"] for doc in data["documents"]] == ["conditions"]
