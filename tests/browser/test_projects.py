"""Funded projects in a real browser: filtering without JavaScript, and the accessibility check."""

import pytest

from tests.accessibility import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_status_filter_works_without_javascript_and_the_totals_follow(demo_site, browser):
    context = browser.new_context(java_script_enabled=False, locale="lt-LT")
    tab = context.new_page()
    tab.goto(demo_site + "/projektai/")
    count = tab.locator('.project-totals dd[data-total="count"]')
    grants = tab.locator('.project-totals dd[data-total="grant"]')
    assert count.inner_text() == "4"
    all_grants = grants.inner_text()

    tab.select_option("#id_status", "signed")
    with tab.expect_navigation():
        tab.locator("form.project-filters button[type=submit]").click()

    assert tab.url.endswith("/projektai/?call=&measure=&status=signed&sector=&year=")
    assert count.inner_text() == "2"
    assert grants.inner_text() != all_grants
    assert tab.locator(".project-table tbody tr").count() == 2
    assert tab.locator("#id_status").input_value() == "signed"
    csv_link = tab.locator(".open-data a").first.get_attribute("href")
    assert csv_link == "/projektai/duomenys.csv?status=signed"
    context.close()


def test_listing_project_page_and_poster_pass_the_accessibility_check(demo_site, page_in_browser):
    for path in (
        "/projektai/",
        "/projektai/?status=signed&year=1999",  # with a reported invalid filter
        "/projektai/bendruomenes-svetaine/",
        "/projektai/bendruomenes-svetaine/plakatas/",
    ):
        assert_accessible(page_in_browser, demo_site + path)
