"""The no-leak walk: no participant's name, e-mail address or phone number in any API, feed or embed answer."""

import html
import io
import json
import re

import pytest
from django.core.management import call_command

from events.models import Consultation, EventBasePage, Registration

pytestmark = pytest.mark.django_db

FEEDS = ["/kvietimai/rss/", "/kvietimai/atom/", "/naujienos/rss/", "/naujienos/atom/", "/renginiai/ical/"]
EMBEDS = ["/embed/kvietimai/", "/embed/renginiai/", "/embed/kvietimai/?format=json", "/embed/renginiai/?format=json"]


def readable(response):
    """The answer as a person would read it: JSON and XML escapes undone."""
    text = response.content.decode()
    if response["Content-Type"].startswith("application/json"):
        return json.dumps(json.loads(text), ensure_ascii=False)
    return html.unescape(text)


def listing_urls(client, listing):
    """A v2 or v3 listing, page by page, and the detail URL of every item in it."""
    urls, offset = [], 0
    while True:
        url = f"{listing}?limit=20&offset={offset}"
        data = client.get(url).json()
        urls.append(url)
        urls += [f"{listing}{item['id']}/" for item in data["items"]]
        offset += 20
        if offset >= (data["meta"]["total_count"] if "meta" in data else data["count"]):  # v2, v3
            return urls


def every_machine_readable_url(client):
    urls = ["/api/v2/pages/?fields=*&limit=20", "/api/v3/openapi.json", *FEEDS, *EMBEDS]
    for api in ("/api/v2/", "/api/v3/"):
        for endpoint in ("pages", "images", "documents"):
            urls += listing_urls(client, f"{api}{endpoint}/")
    for event in EventBasePage.objects.live():
        urls.append(event.url + "ical/")
    return urls


def phone_pattern(phone):
    """The phone's digits with any spacing or punctuation between them, as a page might format it."""
    return re.compile(r"[\s().-]*".join(re.escape(digit) for digit in re.sub(r"\D", "", phone)))


def test_no_participant_data_in_any_api_feed_or_embed_answer(client):
    call_command("load_demo_content", stdout=io.StringIO())
    event = EventBasePage.objects.live().order_by("start").last()
    Registration.objects.create(
        event=event, name="Ona Telefonaitė", email="ona.telefonaite@example.lt", phone="+370 612 34567",
        processing_consent=True,
    )
    people = list(Registration.objects.all()) + list(Consultation.objects.all())
    assert Registration.objects.count() > 1 and Consultation.objects.exists()
    names = {person.name for person in people if person.name}
    emails = {person.email.lower() for person in people if person.email}
    phones = {phone_pattern(person.phone) for person in people if person.phone}
    assert names and emails and phones

    urls = every_machine_readable_url(client)
    assert len(urls) > 60  # every page twice (v2, v3) plus listings, feeds and embeds
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        text = readable(response)
        assert not [name for name in names if name in text], url
        assert not [email for email in emails if email in text.lower()], url
        assert not [phone.pattern for phone in phones if phone.search(text)], url
