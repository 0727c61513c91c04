"""The search page in a real browser: accessible with and without results, facets usable without JavaScript."""

import pytest

from tests.accessibility import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.mark.parametrize("path", ["/paieska/", "/paieska/?q=kvietimas", "/paieska/?q=nerandamaszodis",
                                  "/paieska/?q=kvietimas&tipas=kvietimai"])
def test_search_page_passes_the_accessibility_check(demo_site, page_in_browser, path):
    assert_accessible(page_in_browser, demo_site + path)


def test_searching_and_narrowing_by_type_work_without_javascript(demo_site, browser):
    context = browser.new_context(java_script_enabled=False, locale="lt-LT")
    tab = context.new_page()
    tab.goto(demo_site + "/paieska/")
    tab.get_by_label("Paieškos žodžiai").fill("kvietimas")
    with tab.expect_navigation():
        tab.locator("main").get_by_role("button", name="Ieškoti").click()
    status = tab.get_by_role("status").inner_text()
    assert "Pagal „kvietimas“" in status
    facet = tab.locator(".search-facets a", has_text="Kvietimai")
    with tab.expect_navigation():
        facet.click()
    assert tab.locator(".search-facets a[aria-current=true]", has_text="Kvietimai").count() == 1
    kinds = tab.locator(".search-result-meta").all_inner_texts()
    assert kinds and all(text.startswith("Kvietimai") for text in kinds), kinds
    context.close()
