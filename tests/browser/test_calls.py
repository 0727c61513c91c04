"""Visitors use the calls listing in a real browser (Debian's Chromium through Playwright)."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from tests.accessibility import assert_accessible
from vvg.calls.choices import DocumentType
from vvg.calls.models import CallDocument, CallPage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_visitor_filters_calls_by_status_without_javascript(demo_site, browser):
    context = browser.new_context(java_script_enabled=False, locale="lt-LT")
    tab = context.new_page()
    tab.goto(demo_site + "/kvietimai/")
    assert tab.locator(".call-list [data-status]").count() == 3

    form = tab.locator("form.call-filter")
    form.get_by_label("Būsena").select_option("open")
    with tab.expect_navigation():
        form.locator("button[type=submit]").click()

    assert "status=open" in tab.url
    badges = tab.locator(".call-list [data-status]")
    assert badges.count() == 1
    assert badges.first.get_attribute("data-status") == "open"
    assert tab.locator(".call-list h2").inner_text() == CallPage.objects.get(number="Nr. 2", locale__language_code="lt").title
    assert "1" in tab.locator(".call-count").inner_text()
    assert form.get_by_label("Būsena").input_value() == "open"  # the chosen filter stays selected
    context.close()


def test_calls_index_and_call_page_pass_the_accessibility_check(demo_site, page_in_browser):
    call = CallPage.objects.get(number="Nr. 2", locale__language_code="lt")  # not its English translation
    document = get_document_model().objects.create(
        title="Finansavimo sąlygos", file=ContentFile(b"%PDF-1.4", name="salygos.pdf")
    )
    CallDocument.objects.create(page=call, document=document, document_type=DocumentType.CONDITIONS)

    for path in ("/kvietimai/", "/kvietimai/?status=closed", call.url, CallPage.objects.get(number="Nr. 1").url):
        assert_accessible(page_in_browser, demo_site + path)
