"""Trainings and events on the public site: list, archive, calendar, kind filter, iCal, JSON-LD, no personal data."""

import datetime
import json
import zoneinfo

import icalendar
import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from events import services
from events.models import EventPage, Registration, TrainingPage
from events.services import Applicant
from tests.test_events_fixtures import add_event, add_meeting, event_index, lt, lt_count  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db

VILNIUS = zoneinfo.ZoneInfo("Europe/Vilnius")


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def titles(page, selector):
    return [a.get_text(strip=True) for a in page.select(f"{selector} h3 a")]


def register(event, name="Vardenis Pavardenis", email="vardenis@example.lt"):
    return services.register(event, Applicant(name=name, email=email, processing_consent=True))


def test_index_lists_upcoming_soonest_first_then_the_past_newest_first(client, event_index):
    add_event(event_index, "Vėliau", days=20)
    add_event(event_index, "Netrukus", days=2)
    add_event(event_index, "Vyksta dabar", start=timezone.now() - datetime.timedelta(hours=1), hours=3)
    add_event(event_index, "Senas", days=-90)
    add_event(event_index, "Neseniai", days=-5)
    add_event(event_index, "Juodraštis", days=3, publish=False)

    page = soup(client.get("/renginiai/"))
    assert titles(page, "section[aria-labelledby=upcoming-heading]") == ["Vyksta dabar", "Netrukus", "Vėliau"]
    assert titles(page, "section[aria-labelledby=past-heading]") == ["Neseniai", "Senas"]
    first = page.select_one(".event-card time")
    assert first["datetime"].endswith(("+02:00", "+03:00"))  # local time, with its offset


def test_past_archive_is_paginated_and_keeps_the_kind_filter(client, event_index):
    for number in range(12):
        add_event(event_index, f"Mokymai {number:02d}", days=-10 - number)
    add_meeting(event_index, "Susitikimas", days=-1)

    first = soup(client.get("/renginiai/?kind=training"))
    assert len(titles(first, "section[aria-labelledby=past-heading]")) == 10
    assert first.select_one(".pagination a[rel=next]")["href"] == "?kind=training&page=2"
    second = soup(client.get("/renginiai/?kind=training&page=2"))
    assert titles(second, "section[aria-labelledby=past-heading]") == ["Mokymai 10", "Mokymai 11"]


def test_kind_filter_is_a_get_form_and_an_unknown_kind_is_not_found(client, event_index):
    add_event(event_index, "Mokymai", days=3)
    add_meeting(event_index, "Susitikimas", days=4)
    add_event(event_index, "Informacinis", model=EventPage, kind="info_event", days=5)

    page = soup(client.get("/renginiai/"))
    form = page.select_one("form.event-filter")
    assert form["method"] == "get" and page.select_one("label[for=event-kind]")
    assert [o["value"] for o in form.select("option")] == ["", "info_event", "training", "meeting", "other"]

    filtered = soup(client.get("/renginiai/?kind=meeting"))
    assert titles(filtered, "section[aria-labelledby=upcoming-heading]") == ["Susitikimas"]
    assert filtered.select_one("option[selected]")["value"] == "meeting"
    assert titles(soup(client.get("/renginiai/?kind=training")), "section") == ["Mokymai"]
    assert client.get("/renginiai/?kind=koncertas").status_code == 404


def test_a_training_is_always_of_the_kind_training(event_index):
    training = add_event(event_index, kind="meeting")
    assert training.kind == "training"


def test_start_end_and_place_are_validated(event_index):
    start = timezone.now() + datetime.timedelta(days=3)
    event = EventPage(title="Blogas", slug="blogas", intro="x", start=start, end=start - datetime.timedelta(hours=1))
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert {"end", "venue"} <= set(error.value.message_dict)


def test_month_calendar_is_a_table_with_events_on_their_days_and_month_links(client, event_index):
    day = datetime.datetime(2031, 3, 11, 10, 0, tzinfo=VILNIUS)
    add_event(event_index, "Kovo mokymai", start=day)
    add_meeting(event_index, "Dviejų dienų susitikimas", start=day + datetime.timedelta(days=9), hours=30)
    add_event(event_index, "Balandžio mokymai", start=day + datetime.timedelta(days=30))

    page = soup(client.get("/renginiai/kalendorius/2031/3/"))
    table = page.select_one("table.event-calendar")
    assert table.caption.get_text(strip=True)
    assert len(table.select("thead th[scope=col]")) == 7
    cells = {cell.select_one("time")["datetime"]: [a.get_text() for a in cell.select("li a")] for cell in table.select("td")}
    assert cells["2031-03-11"] == ["Kovo mokymai"]
    assert cells["2031-03-20"] == cells["2031-03-21"] == ["Dviejų dienų susitikimas"]
    assert cells["2031-03-22"] == []
    assert "Balandžio mokymai" not in table.get_text()
    assert page.select_one(".month-nav a[rel=next]")["href"] == "/renginiai/kalendorius/2031/4/"
    assert page.select_one(".month-nav a[rel=prev]")["href"] == "/renginiai/kalendorius/2031/2/"
    assert "Kovo mokymai" not in soup(client.get("/renginiai/kalendorius/2031/3/?kind=meeting")).select_one("table").get_text()
    assert client.get("/renginiai/kalendorius/2031/13/").status_code == 404
    assert soup(client.get("/renginiai/kalendorius/")).select_one("td[aria-current=date]")


def test_event_page_shows_details_seats_left_and_schema_org_json_ld(client, event_index):
    event = add_event(event_index, "Mokymai rengėjams", capacity=10, audience="NVO", organiser="VVG", online_url="https://example.lt/s")
    register(event)
    page = soup(client.get(event.url))
    assert lt_count("%(left)s seat left", "%(left)s seats left", 9, left=9) in page.select_one(".event-seats").get_text()
    facts = page.select_one(".event-facts").get_text()
    assert "NVO" in facts and "Ignalina" in facts and "https://example.lt/s" in facts

    data = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert data["@type"] == "Event" and data["name"] == "Mokymai rengėjams"
    assert datetime.datetime.fromisoformat(data["startDate"]) == event.start
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert data["remainingAttendeeCapacity"] == 9 and data["maximumAttendeeCapacity"] == 10
    assert data["url"].endswith(event.url)


def test_json_ld_cannot_close_its_script_element(client, event_index):
    event = add_event(event_index, "Mokymai </script><script>alert(1)</script>")
    html = client.get(event.url).content.decode()
    assert "</script><script>alert(1)" not in html


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def test_one_event_as_ical_with_vtimezone_and_a_uid_that_survives_a_move(client, event_index, home_page):
    event = add_event(event_index, "Mokymai", start=datetime.datetime(2031, 6, 2, 10, 0, tzinfo=VILNIUS), venue="Ignalina, Atgimimo g. 1")
    calendar = parse(client.get(event.url + "ical/"))
    (vevent,) = calendar.walk("VEVENT")
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Vilnius"]
    assert vevent["DTSTART"].params["TZID"] == "Europe/Vilnius"
    assert vevent.decoded("DTSTART") == datetime.datetime(2031, 6, 2, 7, 0, tzinfo=datetime.timezone.utc)
    assert vevent["DTSTART"].to_ical() == b"20310602T100000"  # local wall time, summer time (+03:00)
    assert vevent.decoded("DTEND") - vevent.decoded("DTSTART") == datetime.timedelta(hours=3)
    assert str(vevent["LOCATION"]) == "Ignalina, Atgimimo g. 1"
    assert str(vevent["URL"]).endswith(event.url)
    assert "DTSTAMP" in vevent and "LAST-MODIFIED" in vevent
    uid, sequence = str(vevent["UID"]), vevent["SEQUENCE"]

    # Moved and renamed, then edited: the same UID, a higher SEQUENCE, a later LAST-MODIFIED.
    other_index = add_index(home_page, "archyvas")
    event.move(other_index, pos="last-child")
    event = TrainingPage.objects.get(pk=event.pk)
    event.title = "Mokymai (nauja vieta)"
    event.slug = "mokymai-nauji"
    event.save_revision().publish()
    (moved,) = parse(client.get("/archyvas/mokymai-nauji/ical/")).walk("VEVENT")
    assert str(moved["UID"]) == uid
    assert moved["SEQUENCE"] > sequence
    assert moved.decoded("LAST-MODIFIED") >= vevent.decoded("LAST-MODIFIED")
    assert str(moved["SUMMARY"]) == "Mokymai (nauja vieta)"


def add_index(home_page, slug):
    from events.models import EventIndexPage

    index = home_page.add_child(instance=EventIndexPage(title=slug, slug=slug, live=False))
    index.save_revision().publish()
    return EventIndexPage.objects.get(pk=index.pk)


def test_sequence_does_not_go_back_when_an_older_revision_is_published(event_index):
    event = add_event(event_index)
    old_revision = event.latest_revision
    event.title = "Pakeista"
    event.save_revision().publish()
    before = TrainingPage.objects.get(pk=event.pk).ical_sequence
    old_revision.publish()
    assert TrainingPage.objects.get(pk=event.pk).ical_sequence == before + 1


def test_the_subscribable_feed_has_upcoming_events_only_optionally_of_one_kind(client, event_index):
    add_event(event_index, "Mokymai", days=3)
    add_meeting(event_index, "Susitikimas", days=6)
    add_event(event_index, "Praėję mokymai", days=-3)

    page = soup(client.get("/renginiai/"))
    assert page.select_one('link[rel=alternate][type="text/calendar"]')["href"] == "/renginiai/ical/"
    every = parse(client.get("/renginiai/ical/"))
    assert [str(e["SUMMARY"]) for e in every.walk("VEVENT")] == ["Mokymai", "Susitikimas"]
    assert len(every.walk("VTIMEZONE")) == 1 and str(every["X-WR-CALNAME"]) == "Renginiai"
    meetings = parse(client.get("/renginiai/ical/?kind=meeting"))
    assert [str(e["SUMMARY"]) for e in meetings.walk("VEVENT")] == ["Susitikimas"]
    assert client.get("/renginiai/ical/?kind=nera").status_code == 404


def test_personal_data_never_reaches_public_pages_feeds_api_or_search(client, event_index):
    event = add_event(event_index, "Mokymai", capacity=5)
    register(event, "Slaptas Dalyvis", "slaptas@example.lt")
    services.register(event, Applicant(name="Kitas Slaptas", email="kitas@example.lt", phone="+37060000000", processing_consent=True))
    for url in (event.url, "/renginiai/", "/renginiai/kalendorius/", "/renginiai/ical/", event.url + "ical/",
                f"/api/v2/pages/{event.pk}/", "/api/v2/pages/?type=events.TrainingPage&fields=*"):
        response = client.get(url)
        if response.status_code == 404 and url.startswith("/api/"):
            continue  # the API is another app's; where it is installed, it must not leak either
        body = response.content.decode()
        assert "Slaptas" not in body and "slaptas@" not in body and "60000000" not in body, url
    results = BeautifulSoup(client.get("/paieska/?q=Slaptas").content, "html.parser").select(".search-results li")
    assert not [item for item in results if "Slaptas" in item.get_text()]


def test_an_event_with_registrations_cannot_be_deleted_in_the_admin(admin_client, event_index):
    event = add_event(event_index)
    register(event)
    response = admin_client.post(f"/admin/pages/{event.pk}/delete/")
    assert response.status_code == 302
    assert TrainingPage.objects.filter(pk=event.pk).exists() and Registration.objects.count() == 1
    refusal = lt_count(
        "“%(title)s” cannot be deleted: %(count)s registration in the participant register refers to it. Unpublish it instead.",
        "“%(title)s” cannot be deleted: %(count)s registrations in the participant register refer to it. Unpublish it instead.",
        1, title=event.title, count=1,
    )
    assert [str(m) for m in admin_client.get(response.url).context["messages"]] == [refusal]


def test_demo_has_upcoming_past_and_a_nearly_full_training(client, home_page):
    call_command("load_demo_content", verbosity=0)
    page = soup(client.get("/renginiai/"))
    assert len(titles(page, "section[aria-labelledby=upcoming-heading]")) >= 3
    assert len(titles(page, "section[aria-labelledby=past-heading]")) >= 2
    assert lt_count("%(left)s seat left", "%(left)s seats left", 1, left=1) in page.get_text()
    assert set(Registration.objects.values_list("email", flat=True)) <= {
        f"{n}@example.lt" for n in ("vardenis.pavardenis", "vardene.pavardene", "jonas.jonaitis", "ona.onaite", "petras.petraitis")
    }
    count = Registration.objects.count()
    call_command("load_demo_content", verbosity=0)
    assert Registration.objects.count() == count


def test_editors_get_the_add_and_edit_forms_of_both_page_types(client, make_user, event_index):
    from vvg.core.roles import EDITORS

    client.force_login(make_user("redaktore", EDITORS))
    for model in ("eventpage", "trainingpage"):
        assert client.get(f"/admin/pages/add/events/{model}/{event_index.pk}/").status_code == 200
    assert client.get(f"/admin/pages/{add_event(event_index).pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/add/events/eventbasepage/{event_index.pk}/").status_code in (302, 403, 404)
