"""The results page and the indicators' dashboard panel in a real browser (Debian's Chromium)."""

import re

import pytest

from tests.accessibility import assert_accessible
from vvg.core.models import Organisation
from vvg.core.roles import MONITORING
from vvg.indicators import services
from vvg.indicators.models import Indicator

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def demo_site(demo_site):
    """The demo site (tests/browser/conftest.py) with a member organisation."""
    Organisation.objects.create(name="Ignalinos miesto bendruomenė", legal_code="302111111", sector="civil", is_member=True)
    return demo_site


def test_results_page_passes_the_accessibility_check(demo_site, page_in_browser):
    assert_accessible(page_in_browser, demo_site + "/rezultatai/")


def test_results_page_shows_progress_and_the_values_table_without_javascript(demo_site, browser):
    context = browser.new_context(java_script_enabled=False, locale="lt-LT")
    tab = context.new_page()
    tab.goto(demo_site + "/")
    with tab.expect_navigation():
        tab.locator("header nav").get_by_role("link", name="Rezultatai", exact=True).click()
    assert tab.locator("h1").inner_text() == "Rezultatai"
    strategy = tab.locator("article.indicator-result", has_text="P.B.2.0080")
    assert strategy.locator("progress").get_attribute("value") == "100"
    assert strategy.get_by_role("img").count() == 1  # the trend chart, named for screen readers
    strategy.locator("summary").click()
    assert strategy.locator("tbody tr").count() == 3
    # The member counts, and so does whatever the demo registers of other apps report.
    (expected,) = services.progress_list(Indicator.objects.filter(code="R.S.2.3034"))
    assert expected.value >= 1
    participants = tab.locator("article.indicator-result", has_text="R.S.2.3034")
    assert participants.locator("progress").get_attribute("value") == str(expected.bar_value)
    context.close()


def test_monitoring_sees_the_dashboard_panel_and_drills_down(demo_site, make_user, page_in_browser):
    make_user("stebetoja", MONITORING, password="Stebetojos-slaptazodis-1")
    tab = page_in_browser
    tab.goto(demo_site + "/admin/login/")
    tab.fill("#id_username", "stebetoja")
    tab.fill("#id_password", "Stebetojos-slaptazodis-1")
    tab.locator("form button[type=submit]").first.click()
    tab.wait_for_url(re.compile(r"/admin/$"))

    panel = tab.locator("#vvg-indicators-section, #vvg-indicators").first
    assert panel.is_visible()
    bar = tab.get_by_role("progressbar", name="P.B.2.0080 pažanga")
    assert bar.get_attribute("value") == "100"
    tab.get_by_role("link", name="R.S.2.3034").click()
    tab.wait_for_url(re.compile(r"/inspect/\d+/$"))
    assert "Ignalinos miesto bendruomenė" in tab.locator("main").inner_text()
