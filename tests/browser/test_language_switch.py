"""A visitor switches between Lithuanian and English in a real browser (Debian's Chromium)."""

import pytest

from tests.accessibility import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def switch_to(tab, language):
    with tab.expect_navigation():
        tab.locator("nav.language-switcher").get_by_role("link", name=language, exact=True).click()


def test_visitor_switches_a_translated_page_to_english_and_back_without_javascript(demo_site, browser):
    context = browser.new_context(java_script_enabled=False, locale="en-GB")  # an English browser
    tab = context.new_page()
    tab.goto(demo_site + "/apie-vvg/")
    assert tab.locator("html").get_attribute("lang") == "lt"  # the default stays Lithuanian
    assert tab.locator("h1").inner_text() == "Apie VVG"

    switch_to(tab, "English")
    assert tab.url == demo_site + "/en/about/"
    assert tab.locator("html").get_attribute("lang") == "en"
    assert tab.locator("h1").inner_text() == "About the LAG"
    assert tab.locator("footer .eu-statement").inner_text().strip() == "Co-funded by the European Union"
    current = tab.locator("nav.language-switcher a[aria-current]")
    assert current.inner_text() == "English" and current.get_attribute("lang") == "en"

    switch_to(tab, "Lietuvių")
    assert tab.url == demo_site + "/apie-vvg/"
    assert tab.locator("h1").inner_text() == "Apie VVG"
    context.close()


def test_untranslated_page_switches_to_the_english_home_page(demo_site, page_in_browser):
    page_in_browser.goto(demo_site + "/kontaktai/")
    switch_to(page_in_browser, "English")
    assert page_in_browser.url == demo_site + "/en/"
    assert page_in_browser.locator("h1").inner_text() == "Ignalina Town Local Action Group"
    assert page_in_browser.locator("a.skip-link").inner_text() == "Skip to content"


def test_english_pages_pass_the_accessibility_check(demo_site, page_in_browser):
    for path in ("/en/", "/en/about/", "/en/calls/call-no-2/"):
        assert_accessible(page_in_browser, demo_site + path)
