"""iCalendar (RFC 5545) files of trainings and events, and their schema.org JSON-LD.

UIDs are the pages' translation keys: they survive moves and renames of the page. SEQUENCE counts
publications (signals.py) and LAST-MODIFIED is the last publication, so calendar clients update
their copy when an event changes.
"""

import datetime
import json

from django.utils import timezone
from django.utils.html import strip_tags
from icalendar import Calendar, Event, vUri

PRODID = "-//VVG//Trainings and events//LT"
TIMEZONE_MARGIN = datetime.timedelta(days=366)
# As django.utils.html.json_script escapes: the JSON sits inside a <script> element.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def event_uid(page):
    return f"{page.translation_key}@vvg-events"


def _description(page, url):
    return f"{page.intro}\n\n{url}" if url else page.intro


def ical_event(page, url):
    """The VEVENT of one page; `url` is its absolute address."""
    published = page.last_published_at or page.latest_revision_created_at or timezone.now()
    event = Event.new(
        uid=event_uid(page),
        summary=page.title,
        start=timezone.localtime(page.start),
        end=timezone.localtime(page.end),
        stamp=published,
        last_modified=published,
        sequence=page.ical_sequence,
        description=_description(page, url),
        location=page.venue or page.online_url or None,
        categories=[str(page.get_kind_display())],
    )
    if url:
        event.add("url", vUri(url))
    return event


def calendar_bytes(pages_and_urls, name):
    """An iCalendar file of (page, absolute url) pairs, with the VTIMEZONE of the site's time zone."""
    calendar = Calendar()
    calendar.add("version", "2.0")
    calendar.add("prodid", PRODID)
    calendar.add("calscale", "GREGORIAN")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", timezone.get_current_timezone_name())
    dates = []
    for page, url in pages_and_urls:
        calendar.add_component(ical_event(page, url))
        dates += [timezone.localdate(page.start), timezone.localdate(page.end)]
    if dates:
        # The time zone's rules for the span of the events only, not since 1970.
        calendar.add_missing_timezones(min(dates) - TIMEZONE_MARGIN, max(dates) + TIMEZONE_MARGIN)
    return calendar.to_ical()


def json_ld(page, url, organiser_name):
    """schema.org Event markup of an event page, ready to put inside <script type="application/ld+json">."""
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": page.title,
        "description": strip_tags(page.intro),
        "startDate": timezone.localtime(page.start).isoformat(),
        "endDate": timezone.localtime(page.end).isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "url": url,
        "inLanguage": page.locale.language_code,
        "organizer": {"@type": "Organization", "name": organiser_name},
    }
    places = []
    if page.venue:
        places.append({"@type": "Place", "name": page.venue, "address": page.venue})
    if page.online_url:
        places.append({"@type": "VirtualLocation", "url": page.online_url})
    data["location"] = places[0] if len(places) == 1 else places
    mode = "Mixed" if len(places) == 2 else ("Online" if page.online_url else "Offline")
    data["eventAttendanceMode"] = f"https://schema.org/{mode}EventAttendanceMode"
    if page.audience:
        data["audience"] = {"@type": "Audience", "audienceType": page.audience}
    if page.capacity is not None:
        data["maximumAttendeeCapacity"] = page.capacity
        data["remainingAttendeeCapacity"] = page.seats_left
    return json.dumps(data, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES)
