"""The public results page (/rezultatai/): public indicators only, progress, trend, headline figures, open data."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from wagtail import hooks

from vvg.core.models import Organisation
from vvg.indicators.models import Indicator, ResultsPage
from vvg.indicators.sources import ACTIVITY_COUNTER_HOOK

pytestmark = pytest.mark.django_db

DAY = datetime.date


class PeopleTrained:
    name = "test_people_trained"
    label = "Test people trained"
    public = True

    def count(self, start=None, end=None):
        return 1250


class ApplicationsEvaluated:
    name = "test_applications_evaluated"
    label = "Test applications evaluated"

    def count(self, start=None, end=None):
        return 7


@pytest.fixture
def results(home_page):
    page = ResultsPage(title="Rezultatai", slug="rezultatai", intro="Strategijos rodikliai.")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    strategy = Indicator.objects.get(code="P.B.2.0080")
    strategy.measurements.create(date=DAY(2024, 1, 1), value=0, source="Vidaus pažyma", note="Tik darbuotojams")
    strategy.measurements.create(date=DAY(2024, 7, 29), value=1)
    hidden = Indicator.objects.create(code="VIDAUS.1", name="Vidinis rodiklis", unit="vnt.", kind="output", target=3)
    hidden.measurements.create(date=DAY(2025, 1, 1), value=2)
    Organisation.objects.create(name="Ignalinos bendruomenė", legal_code="1", sector="civil", is_member=True)
    Organisation.objects.create(name="UAB Duona", legal_code="2", sector="business", is_member=True)
    return page


def test_results_page_shows_only_public_indicators_with_progress_and_trend(client, results):
    with hooks.register_temporarily([(ACTIVITY_COUNTER_HOOK, PeopleTrained), (ACTIVITY_COUNTER_HOOK, ApplicationsEvaluated)]):
        response = client.get("/rezultatai/")
    html = response.content.decode()
    assert response.status_code == 200 and "<h1>Rezultatai</h1>" in html
    assert "P.B.2.0080" in html and "R.S.2.3034" in html
    assert "VIDAUS.1" not in html and "Vidinis rodiklis" not in html
    assert '<progress class="indicator-progress" max="100" value="100"' in html
    assert '<progress class="indicator-progress" max="100" value="18"' in html  # 2 members of 11
    assert html.count('<svg class="trend-chart" role="img"') == 2
    assert '<time datetime="2024-07-29">2024-07-29</time>' in html
    assert "Test people trained" in html and "1\xa0250" in html and "Test applications evaluated" not in html
    # What only the back office needs never reaches the public.
    assert "Vidaus pažyma" not in html and "Tik darbuotojams" not in html
    assert 'href="/rezultatai/csv/"' in html and 'href="/rezultatai/json/"' in html


def test_open_data_lists_the_public_indicators_as_csv_and_json(client, results):
    data = client.get("/rezultatai/json/").json()["indicators"]
    assert [row["code"] for row in data] == ["P.B.2.0080", "R.S.2.3034"]
    strategy, participants = data
    assert strategy["measurements"] == [{"date": "2024-01-01", "value": 0}, {"date": "2024-07-29", "value": 1}]
    assert (strategy["value"], strategy["value_date"], strategy["progress_percent"]) == (1, "2024-07-29", 100)
    assert (participants["value"], participants["target"], participants["kind"]) == (2, 11, "result")

    response = client.get("/rezultatai/csv/")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [(row["code"], row["value"], row["target"]) for row in rows] == [("P.B.2.0080", "1", "1"), ("R.S.2.3034", "2", "11")]


def test_the_api_field_carries_only_the_public_results(results):
    Indicator.objects.filter(code="R.S.2.3034").update(is_public=False)
    assert [row["code"] for row in results.indicator_results] == ["P.B.2.0080"]
    assert results.get_meta_description() == "Strategijos rodikliai."


def test_results_page_works_without_any_indicator(client, home_page):
    Indicator.objects.all().delete()
    page = ResultsPage(title="Rezultatai", slug="rezultatai")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    assert "Rodiklių dar nepaskelbta." in client.get("/rezultatai/").content.decode()


def test_demo_content_builds_the_results_page_and_the_strategy_history_once(client, home_page):
    call_command("load_demo_content", stdout=io.StringIO())
    call_command("load_demo_content", stdout=io.StringIO())
    page = ResultsPage.objects.get(slug="rezultatai")
    assert page.live and page.show_in_menus and page.get_parent().pk == home_page.pk
    strategy = Indicator.objects.get(code="P.B.2.0080")
    assert [(m.date, m.value) for m in strategy.measurements.order_by("date")] == [
        (DAY(2024, 1, 1), Decimal(0)), (DAY(2024, 7, 29), Decimal(1)), (DAY(2024, 12, 10), Decimal(1)),
    ]
    html = client.get("/rezultatai/").content.decode()
    assert "Nr. 1V-478" not in html  # sources stay in the back office
    assert "Bendruomenės inicijuotos vietos plėtros strategijos, kurioms suteikta parama" in html
