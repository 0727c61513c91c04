"""The Content-Security-Policy in Chromium: public pages break no rule of it, the admin still works."""

import pytest

from events.models import EventBasePage
from vvg.core.roles import EDITORS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# Reports each violation to the page itself, so the test reads what Chromium refused.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


@pytest.fixture
def tab(browser):
    context = browser.new_context(locale="lt-LT")
    context.add_init_script(RECORD_VIOLATIONS)
    tab = context.new_page()
    yield tab
    context.close()


def violations(tab):
    return tab.evaluate("() => window.__cspViolations")


def test_public_pages_break_no_rule_of_the_policy(demo_site, tab):
    event = EventBasePage.objects.live().first()
    for path in ("/", "/kvietimai/", "/projektai/", "/renginiai/", event.url, "/naujienos/", "/rezultatai/", "/paieska/?q=vvg"):
        response = tab.goto(demo_site + path)
        assert response.status == 200 and "script-src 'self'" in response.headers["content-security-policy"]
        tab.wait_for_load_state("load")
        assert violations(tab) == [], path


def test_the_admin_works_under_its_own_policy(demo_site, tab, make_user):
    make_user("redaktore", EDITORS)
    tab.goto(demo_site + "/admin/login/")
    tab.fill("#id_username", "redaktore")
    tab.fill("#id_password", "Teisingas-slaptazodis-1")
    with tab.expect_navigation():
        tab.get_by_role("button", name="Prisijungti").click()
    tab.goto(demo_site + "/admin/pages/")
    tab.wait_for_load_state("networkidle")
    # The sidebar is drawn by the admin's scripts: it is there only if the policy let them run.
    assert tab.locator("[data-wagtail-sidebar] nav, .sidebar nav").first.is_visible()
    assert violations(tab) == []
