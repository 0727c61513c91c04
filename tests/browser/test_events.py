"""Trainings and events in a real browser: registering, the accessibility check, the attendance sheet."""

import io
import re

import openpyxl
import pytest

from events.models import Registration, TrainingPage
from tests.accessibility import assert_accessible, blocking_violations, describe
from tests.test_events_fixtures import lt, lt_count, no_rate_limits_left_over  # noqa: F401 (fixture)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("no_rate_limits_left_over"),
]

NEARLY_FULL = "/renginiai/mokymai-kaip-parengti-paraiska/"
CONSENT = "I agree to the processing of my data as described above."


def test_a_visitor_registers_without_javascript_and_sees_the_confirmation(demo_site, browser):
    context = browser.new_context(java_script_enabled=False, locale="lt-LT")
    tab = context.new_page()
    tab.goto(demo_site + NEARLY_FULL)
    assert lt_count("%(left)s seat left", "%(left)s seats left", 1, left=1) in tab.locator(".event-registration .event-seats").inner_text()
    tab.get_by_label(lt("Name and surname")).fill("Testas Testaitis")
    tab.get_by_label(lt("E-mail")).fill("testas@example.lt")
    tab.get_by_label(lt("Organisation you represent (optional)")).fill("Bendruomenė „Pavyzdys“")
    tab.get_by_label(lt("Sector of the organisation")).select_option("civil")
    tab.get_by_label(lt(CONSENT)).check()
    with tab.expect_navigation():
        tab.get_by_role("button", name=lt("Register")).click()

    assert re.search(r"/registracija/[\w-]+/[\w-]+/(#registration)?$", tab.url)  # the form's anchor carries over
    assert tab.locator("h1").inner_text() == lt("Your registration")
    assert lt("You are registered.") in tab.get_by_role("status").inner_text()
    registration = Registration.objects.get(email="testas@example.lt")
    assert registration.status == "registered" and registration.sector == "civil"

    # The last seat is gone: the next person is put on the waiting list and told so.
    tab.goto(demo_site + NEARLY_FULL)
    assert lt("All seats are taken: new registrations go to the waiting list.") in tab.locator(".event-seats").inner_text()
    tab.get_by_label(lt("Name and surname")).fill("Antras Laukiantis")
    tab.get_by_label(lt("E-mail")).fill("antras@example.lt")
    tab.get_by_label(lt(CONSENT)).check()
    with tab.expect_navigation():
        tab.get_by_role("button", name=lt("Join the waiting list")).click()
    waiting = lt("All seats are taken: you are on the waiting list, number %(position)s.", position=1)
    assert waiting in tab.get_by_role("status").inner_text()
    context.close()


def test_event_pages_and_the_form_with_errors_pass_the_accessibility_check(demo_site, page_in_browser):
    for path in ("/renginiai/", "/renginiai/?kind=training", "/renginiai/kalendorius/", NEARLY_FULL,
                 "/renginiai/mokymai-projektu-vykdytojams/"):
        assert_accessible(page_in_browser, demo_site + path)

    tab = page_in_browser
    tab.goto(demo_site + NEARLY_FULL)
    tab.get_by_label(lt("E-mail")).fill("ne adresas")
    with tab.expect_navigation():
        tab.get_by_role("button", name=lt("Register")).click()
    assert tab.locator("#id_name_error").inner_text() == "Šis laukas yra privalomas."
    assert tab.locator("#id_email_error").inner_text() == lt("Enter a valid email address.")
    violations = blocking_violations(tab)
    assert not violations, describe(violations)

    registration = Registration.objects.filter(event__slug="mokymai-kaip-parengti-paraiska").first()
    from events.services import registration_link_args

    token, signature = registration_link_args(registration)
    assert_accessible(tab, f"{demo_site}{NEARLY_FULL}registracija/{token}/{signature}/")


def test_an_administrator_marks_attendance_and_downloads_the_sheet(demo_site, page_in_browser, django_user_model):
    django_user_model.objects.create_superuser("admin", "admin@example.lt", "Administratoriaus-slaptazodis-1")
    event = TrainingPage.objects.get(slug="mokymai-kaip-parengti-paraiska")
    tab = page_in_browser
    tab.goto(demo_site + "/admin/login/")
    tab.fill("#id_username", "admin")
    tab.fill("#id_password", "Administratoriaus-slaptazodis-1")
    tab.locator("form button[type=submit]").first.click()
    tab.wait_for_url(re.compile(r"/admin/$"))

    tab.goto(demo_site + "/admin/events/summary/")
    tab.get_by_role("row", name=re.compile(re.escape(event.title))).get_by_role("link", name=lt("Mark")).click()
    tab.wait_for_url(re.compile(rf"/admin/events/{event.pk}/attendance/$"))
    tab.get_by_role("group", name=lt("Attendance of %(name)s", name="Vardenis Pavardenis")).get_by_label(lt("attended"), exact=True).check()
    tab.get_by_role("group", name=lt("Attendance of %(name)s", name="Jonas Jonaitis")).get_by_label(lt("did not attend")).check()
    tab.get_by_role("button", name=lt("Save attendance")).click()
    tab.wait_for_url(re.compile(rf"/admin/events/{event.pk}/attendance/$"))
    assert dict(event.registrations.filter(attended__in=["yes", "no"]).values_list("name", "attended")) == {
        "Vardenis Pavardenis": "yes", "Jonas Jonaitis": "no"
    }

    with tab.expect_download() as download:
        tab.get_by_role("link", name=lt("Attendance sheet (XLSX)")).click()
    sheet = openpyxl.load_workbook(io.BytesIO(open(download.value.path(), "rb").read())).active
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row if cell]
    assert "Bendrai finansuoja Europos Sąjunga" in values and event.title in values
    assert len(sheet._images) == 1
