"""API v2 (/api/v2/): the contract of every page type, the consumers' filters, and what is never listed."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from events.models import EventPage
from vvg.calls.models import CallPage
from vvg.news.models import NewsPage
from vvg.projects.models import FundedProjectPage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_content")]

TEXT, NUMBER, DATE, TIME = str, int, datetime.date.fromisoformat, datetime.datetime.fromisoformat
OPTIONAL_TIME, OPTIONAL_NUMBER, OPTIONAL_OBJECT = (TIME, None), (NUMBER, None), (dict, None)
INTRO_ONLY = {"intro": TEXT}
CONTENT = {"intro": TEXT, "body": list}
EVENT = {
    "kind": TEXT, "intro": TEXT, "start": TIME, "end": TIME, "venue": TEXT, "online_url": TEXT, "audience": TEXT,
    "organiser": TEXT, "capacity": OPTIONAL_NUMBER, "seats_left": OPTIONAL_NUMBER, "registration_enabled": bool,
    "registration_open": bool, "registration_opens": OPTIONAL_TIME, "registration_closes": OPTIONAL_TIME,
    "related_call": OPTIONAL_OBJECT, "body": list, "materials": list,
}
# Page type → its fields (besides id, meta and title) → how each value must parse. Decimals are strings.
CONTRACTS = {
    "home.HomePage": CONTENT,
    "home.StandardPage": CONTENT,
    "vvg_news.NewsIndexPage": INTRO_ONLY,
    "vvg_news.NewsPage": {"date": DATE, "intro": TEXT, "tags": list, "main_image": OPTIONAL_OBJECT, "body": list},
    "vvg_calls.CallIndexPage": INTRO_ONLY,
    "vvg_calls.CallPage": {
        "number": TEXT, "measure": dict, "summary": TEXT, "opens_at": TIME, "closes_at": TIME,
        "total_allocation": Decimal, "max_grant": Decimal, "funding_rate": Decimal, "selection_mode": TEXT,
        "status": TEXT, "days_left": OPTIONAL_NUMBER, "documents": list, "eligible_applicants": TEXT,
        "eligible_activities": TEXT, "target_groups": TEXT, "information_event_url": TEXT, "body": list,
    },
    "vvg_projects.FundedProjectIndexPage": INTRO_ONLY,
    "vvg_projects.FundedProjectPage": {
        "code": TEXT, "beneficiary": dict, "partners": list, "call": OPTIONAL_OBJECT, "measure": OPTIONAL_OBJECT,
        "grant": Decimal, "total_value": Decimal, "own_contribution": Decimal, "status": TEXT,
        "start_date": (DATE, None), "end_date": (DATE, None), "address": TEXT, "latitude": (Decimal, None),
        "longitude": (Decimal, None), "aim": TEXT, "results": TEXT, "gallery_images": list, "body": list,
    },
    "events.EventIndexPage": INTRO_ONLY,
    "events.EventPage": EVENT,
    "events.TrainingPage": EVENT | {"programme": TEXT, "hours": (Decimal, None)},
    "vvg_indicators.ResultsPage": {"intro": TEXT, "indicator_results": list},
}


def conforms(value, rule):
    rules = rule if isinstance(rule, tuple) else (rule,)
    if value is None:
        return None in rules
    for check in rules:
        if check in (str, int, bool, list, dict):
            if type(value) is check:
                return True
        elif check is not None and isinstance(value, str):
            try:
                check(value)
            except (ValueError, ArithmeticError):
                continue
            return True
    return False


@pytest.mark.parametrize("page_type", sorted(CONTRACTS))
def test_each_page_type_keeps_its_contract(client, page_type):
    listing = client.get("/api/v2/pages/", {"type": page_type, "fields": "*"}).json()
    assert listing["items"], f"the demo content has no {page_type}"
    contract = CONTRACTS[page_type]
    for item in listing["items"]:
        detail = client.get(f"/api/v2/pages/{item['id']}/").json()
        for data in (item, detail):
            assert set(data) == {"id", "meta", "title", *contract}
            assert data["meta"]["type"] == page_type
            assert data["meta"]["html_url"].startswith("http://")
            wrong = {name: data[name] for name, rule in contract.items() if not conforms(data[name], rule)}
            assert not wrong, f"{page_type} {data['id']}: unexpected values {wrong}"


def test_calls_filter_by_computed_status(client):
    now = timezone.now()
    expected = {status: set() for status in ("upcoming", "open", "closed", "results")}
    for call in CallPage.objects.live():
        expected[call.status].add(call.pk)
    assert expected["open"], "the demo content has an open call"

    for status, ids in expected.items():
        data = client.get("/api/v2/pages/", {"type": "vvg_calls.CallPage", "status": status, "fields": "status"}).json()
        assert {item["id"] for item in data["items"]} == ids
        assert {item["status"] for item in data["items"]} <= {status}
    # Without a type the filter still lists calls only.
    untyped = client.get("/api/v2/pages/", {"status": "open"}).json()
    assert {item["id"] for item in untyped["items"]} == expected["open"]
    assert CallPage.objects.filter(opens_at__lte=now, closes_at__gt=now).count() == len(expected["open"])


def test_projects_filter_by_call_and_by_their_own_status(client):
    project = FundedProjectPage.objects.live().filter(call__isnull=False).first()
    expected = set(FundedProjectPage.objects.live().filter(call=project.call_id).values_list("pk", flat=True))
    data = client.get("/api/v2/pages/", {"type": "vvg_projects.FundedProjectPage", "call": project.call_id})
    assert {item["id"] for item in data.json()["items"]} == expected
    assert len(expected) < FundedProjectPage.objects.live().count()

    query = {"type": "vvg_projects.FundedProjectPage", "status": project.status, "fields": "status"}
    same_status = client.get("/api/v2/pages/", query).json()["items"]
    assert project.pk in {item["id"] for item in same_status}
    assert {item["status"] for item in same_status} == {project.status}


def test_upcoming_lists_trainings_and_events_soonest_first_and_past_latest_first(client):
    now = timezone.now()
    upcoming = client.get("/api/v2/pages/", {"type": "events.EventBasePage", "upcoming": "true", "fields": "end,start"})
    items = upcoming.json()["items"]
    assert {item["meta"]["type"] for item in items} == {"events.EventPage", "events.TrainingPage"}
    starts = [datetime.datetime.fromisoformat(item["start"]) for item in items]
    assert starts == sorted(starts)
    assert all(datetime.datetime.fromisoformat(item["end"]) >= now for item in items)

    past = client.get("/api/v2/pages/", {"type": "events.EventBasePage", "upcoming": "false", "fields": "end,start"})
    past_items = past.json()["items"]
    assert past_items and all(datetime.datetime.fromisoformat(item["end"]) < now for item in past_items)
    assert len(items) + len(past_items) == EventPage.objects.live().count() + 2  # two demo trainings


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"upcoming": "true"}, "upcoming needs a type"),
        ({"type": "vvg_news.NewsPage", "upcoming": "yes please"}, "upcoming"),
        ({"type": "vvg_calls.CallPage", "status": "flourishing"}, "status must be one of"),
        ({"type": "vvg_projects.FundedProjectPage", "call": "Nr. 1"}, "call"),
    ],
)
def test_wrong_filters_get_a_400_that_says_why(client, query, message):
    response = client.get("/api/v2/pages/", query)
    assert response.status_code == 400
    assert message in response.json()["message"]


def test_drafts_and_private_pages_are_never_listed_nor_served(client):
    draft = NewsPage.objects.live().first()
    draft.unpublish()
    private = NewsPage.objects.live().first()
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="x")

    listed = {item["id"] for item in client.get("/api/v2/pages/", {"type": "vvg_news.NewsPage"}).json()["items"]}
    assert listed and draft.pk not in listed and private.pk not in listed
    assert client.get(f"/api/v2/pages/{draft.pk}/").status_code == 404
    assert client.get(f"/api/v2/pages/{private.pk}/").status_code == 404


def test_images_and_documents_endpoints_answer(client):
    for endpoint in ("images", "documents"):
        response = client.get(f"/api/v2/{endpoint}/")
        assert response.status_code == 200
        assert response.json()["meta"]["total_count"] >= 0


def test_a_browser_asking_for_html_gets_json(client):
    response = client.get("/api/v2/pages/", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
