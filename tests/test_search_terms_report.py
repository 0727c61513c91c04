"""The search terms report: for those who choose promoted results (Redaktoriai, superusers), nobody else."""

import csv
import datetime
import io
import json
import re

import openpyxl
import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

from tests.test_events_fixtures import lt
from tests.test_search_fixtures import *  # noqa: F403 - the shared content fixtures
from vvg.core.roles import ALL_ROLES, EDITORS

pytestmark = pytest.mark.django_db

REPORT = "/admin/reports/search-terms/"
WAGTAILS_REPORT = "/admin/searchpicks/reports/search-terms/"
OTHER_ROLES = [role for role in ALL_ROLES if role != EDITORS]


@pytest.fixture
def searched(client, lt_site):
    """Searches made by visitors on the public search page, as the log keeps them."""
    for query in ["Ąžuolas", "ąžuolas", "azuolas", "mokymų ciklas", "dviratis", "jonas@example.lt", "+370 612 34567"]:
        assert client.get("/paieska/", {"q": query}).status_code == 200
    client.get("/paieska/", {"q": "azuolas", "page": "2"})  # the same search again, not counted again
    return {"ąžuolas": 2, "azuolas": 1, "mokymų ciklas": 1, "dviratis": 1}


def rows(response):
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    return {row.select("td")[0].get_text(strip=True): int(row.select("td")[1].get_text(strip=True))
            for row in page.select("table.listing tbody tr")}


def menu_urls(client):
    # The sidebar is drawn from JSON props; the menu items' addresses are JSON strings in them.
    html = client.get("/admin/").content.decode()
    return {json.loads(f'"{url}"') for url in re.findall(r'"url": "((?:[^"\\]|\\.)*)"', html)}


def test_editors_see_what_visitors_searched(client, make_user, searched):
    client.force_login(make_user("redaktore", group=EDITORS))
    response = client.get(REPORT)
    assert rows(response) == searched  # the e-mail address and the phone number were never kept
    page = BeautifulSoup(response.content, "html.parser")
    assert page.select_one("h1").get_text(strip=True) == lt("Search terms") == "Paieškos frazės"
    headings = [th.get_text(strip=True) for th in page.select("table.listing thead th")]
    assert headings == [lt("Search words"), lt("Times searched")] == ["Paieškos žodžiai", "Kiek kartų ieškota"]
    assert rows(client.get(REPORT, {"q": "azuol"})) == {"azuolas": 1}
    assert rows(client.get(reverse("search_admin:search_terms_results"))) == searched


def test_superusers_see_it_too(admin_client, searched):
    assert rows(admin_client.get(REPORT)) == searched


def test_the_reports_menu_offers_it_once_to_those_who_may_read_it(client, make_user, admin_user):
    client.force_login(make_user("redaktore", group=EDITORS))
    assert REPORT in menu_urls(client)
    assert WAGTAILS_REPORT not in menu_urls(client)
    client.force_login(admin_user)
    assert REPORT in menu_urls(client)
    assert WAGTAILS_REPORT not in menu_urls(client)  # replaced, not shown beside ours


@pytest.mark.parametrize("role", OTHER_ROLES)
def test_other_roles_neither_see_nor_open_it(client, make_user, searched, role):
    client.force_login(make_user("kitas", group=role))
    assert REPORT not in menu_urls(client)
    for response in [client.get(REPORT), client.get(REPORT, {"export": "csv"}),
                     client.get(reverse("search_admin:search_terms_results"))]:
        assert (response.status_code, response.url) == (302, "/admin/")  # Wagtail's refusal, with a message
    assert client.get(REPORT, headers={"x-requested-with": "XMLHttpRequest"}).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client, searched):
    response = client.get(REPORT, {"export": "csv"})
    assert response.status_code == 302 and response.url.startswith("/admin/login/")


def test_editors_export_it_as_csv_and_xlsx(client, make_user, searched):
    client.force_login(make_user("redaktore", group=EDITORS))
    response = client.get(REPORT, {"export": "csv"})
    assert response.status_code == 200 and "paieskos-frazes.csv" in response["Content-Disposition"]
    table = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert table[0] == ["Paieškos žodžiai", "Kiek kartų ieškota"]
    assert {text: int(count) for text, count in table[1:]} == searched

    response = client.get(REPORT, {"export": "xlsx"})
    assert response.status_code == 200 and "paieskos-frazes.xlsx" in response["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = list(sheet.values)
    assert values[0] == ("Paieškos žodžiai", "Kiek kartų ieškota")
    assert dict(values[1:]) == searched


def test_the_date_filter_counts_only_the_chosen_days(client, make_user):
    day = datetime.date(2026, 3, 10)
    often, once = Query.objects.create(query_string="kvietimai"), Query.objects.create(query_string="dotacija")
    for offset, hits in enumerate([5, 3, 2]):
        QueryDailyHits.objects.create(query=often, date=day + datetime.timedelta(days=offset), hits=hits)
    QueryDailyHits.objects.create(query=once, date=day, hits=4)
    client.force_login(make_user("redaktore", group=EDITORS))
    assert rows(client.get(REPORT)) == {"kvietimai": 10, "dotacija": 4}
    two_days = {"hit_date_from": "2026-03-11", "hit_date_to": "2026-03-12"}
    assert rows(client.get(REPORT, two_days)) == {"kvietimai": 5}  # "dotacija" was searched on neither day
    assert rows(client.get(REPORT, {"hit_date_from": "2026-03-12"})) == {"kvietimai": 2}
    assert rows(client.get(REPORT, {"hit_date_to": "2026-03-10"})) == {"kvietimai": 5, "dotacija": 4}
