"""What visitors and editors do in a real browser (Debian's Chromium through Playwright)."""

import re

import pytest

from home.models import StandardPage
from tests.accessibility import assert_accessible
from vvg.core.roles import EDITORS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_home_page_shows_the_eu_emblem_and_statement(demo_site, page_in_browser):
    page_in_browser.goto(demo_site + "/")
    footer = page_in_browser.locator("footer .eu-statement")
    assert footer.is_visible()
    assert "Bendrai finansuoja Europos Sąjunga" in footer.inner_text()
    emblem_width = footer.locator("img").evaluate("img => img.complete && img.naturalWidth")
    assert emblem_width > 0, "the EU emblem did not load"


def test_skip_link_moves_keyboard_focus_to_the_content(demo_site, page_in_browser):
    page_in_browser.goto(demo_site + "/apie-vvg/")
    page_in_browser.keyboard.press("Tab")
    focused = page_in_browser.evaluate("() => [document.activeElement.textContent.trim(), document.activeElement.getBoundingClientRect().top]")
    assert focused[0] == "Pereiti prie turinio"
    assert focused[1] >= 0, "the focused skip link must be visible on screen"
    page_in_browser.keyboard.press("Enter")
    assert page_in_browser.evaluate("() => document.activeElement.id") == "main"
    page_in_browser.keyboard.press("Tab")
    inside_main = page_in_browser.evaluate("() => document.getElementById('main').contains(document.activeElement)")
    assert inside_main, "the next Tab after the skip link continues inside the content"


def test_menu_reaches_every_top_level_page_without_javascript(demo_site, browser):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(demo_site + "/")
    labels = tab.locator("header nav.main-nav a").all_inner_texts()
    assert len(labels) >= 4, labels
    for label in labels[1:]:
        tab.goto(demo_site + "/")
        with tab.expect_navigation():
            tab.locator("header nav.main-nav").get_by_role("link", name=label, exact=True).click()
        assert tab.locator("h1").inner_text() == label
        current = tab.locator("header nav.main-nav a[aria-current=page]")
        assert current.inner_text() == label
    context.close()


def test_public_page_types_pass_the_accessibility_check(demo_site, page_in_browser):
    for path in ("/", "/apie-vvg/", "/apie-vvg/strategija/", "/kontaktai/", "/paieska/?q=strategija", "/nera-tokio/"):
        assert_accessible(page_in_browser, demo_site + path)


def test_editor_publishes_a_standard_page_that_then_shows_on_the_site(live_server, home_page, make_user, page_in_browser):
    make_user("redaktore", EDITORS, password="Redaktores-slaptazodis-1")
    tab = page_in_browser
    tab.goto(live_server.url + "/admin/login/")
    tab.fill("#id_username", "redaktore")
    tab.fill("#id_password", "Redaktores-slaptazodis-1")
    tab.locator("form button[type=submit]").first.click()
    tab.wait_for_url(re.compile(r"/admin/$"))

    tab.goto(f"{live_server.url}/admin/pages/add/home/standardpage/{home_page.pk}/")
    tab.fill("#id_title", "Mokymų dienotvarkė")
    tab.fill("#id_intro", "Mokymai projektų rengėjams.")
    tab.locator("footer [data-w-dropdown-target=toggle], footer .dropdown-toggle").first.click()
    tab.locator("button[name=action-publish]").click()
    tab.wait_for_url(re.compile(r"/admin/pages/\d+/"))

    page = StandardPage.objects.get(title="Mokymų dienotvarkė")
    assert page.live
    tab.goto(live_server.url + page.url)
    assert tab.locator("h1").inner_text() == "Mokymų dienotvarkė"
