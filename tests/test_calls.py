"""Calls: listing order and filters, pagination, query counts, the call page, feeds, results, demo."""

import datetime
import re
from decimal import Decimal

import feedparser
import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Page, PageViewRestriction

from home.demo_content import DemoContext
from vvg.calls.choices import DocumentType, SelectionMode
from vvg.calls.demo import build_calls
from vvg.calls.models import CallDocument, CallIndexPage, CallPage
from vvg.core.templatetags.vvg_tags import euro, percent
from vvg.core.models import Measure

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
NBSP = "\u00a0"


@pytest.fixture
def call_index(home_page):
    index = home_page.add_child(instance=CallIndexPage(title="Kvietimai", slug="kvietimai", live=False))
    index.save_revision().publish()
    index.refresh_from_db()
    return index


@pytest.fixture
def measure(db):
    return Measure.objects.create(
        code="VPS-1.1", name="Socialinių problemų sprendimas bendruomenėje", budget=Decimal("450000")
    )


_counter = iter(range(1, 10_000))


def add_call(index, title, opens_at, closes_at, measure, publish=True, **extra):
    fields = {
        "number": f"Nr. {next(_counter)}",
        "summary": f"Trumpai: {title}.",
        "total_allocation": Decimal("150000"),
        "max_grant": Decimal("30000"),
        "funding_rate": Decimal("80"),
        "selection_mode": SelectionMode.COMPETITION,
        "eligible_applicants": "<p>Nevyriausybinės organizacijos.</p>",
        "eligible_activities": "<p>Socialinės paslaugos.</p>",
        "contact_name": "VVG administracija",
        "contact_email": "info@ignalinosvvg.lt",
    } | extra
    call = CallPage(
        title=title, slug=f"kvietimas-{next(_counter)}", opens_at=opens_at, closes_at=closes_at, measure=measure,
        live=False, **fields,
    )
    index.add_child(instance=call)
    if publish:
        call.save_revision().publish()
        call.refresh_from_db()
    return call


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def listed(response):
    return [a.get_text(strip=True) for a in soup(response).select(".call-list h2 a")]


def statuses(response):
    return [p["data-status"] for p in soup(response).select(".call-list [data-status]")]


def local(*args):
    return timezone.make_aware(datetime.datetime(*args))


@pytest.fixture
def calls_of_every_status(call_index, measure):
    now = timezone.now()
    add_call(call_index, "Baigtas seniai", now - 60 * DAY, now - 30 * DAY, measure)
    add_call(call_index, "Atviras iki 5 d.", now - 10 * DAY, now + 5 * DAY, measure)
    add_call(call_index, "Skelbiamas po 10 d.", now + 10 * DAY, now + 40 * DAY, measure)
    add_call(call_index, "Baigtas neseniai", now - 30 * DAY, now - 2 * DAY, measure)
    add_call(call_index, "Atviras iki 2 d.", now - 1 * DAY, now + 2 * DAY, measure)
    add_call(call_index, "Skelbiamas po 3 d.", now + 3 * DAY, now + 33 * DAY, measure)


def test_listing_shows_open_then_upcoming_then_past_calls(client, calls_of_every_status):
    response = client.get("/kvietimai/")
    assert listed(response) == [
        "Atviras iki 2 d.", "Atviras iki 5 d.",
        "Skelbiamas po 3 d.", "Skelbiamas po 10 d.",
        "Baigtas neseniai", "Baigtas seniai",
    ]
    assert statuses(response) == ["open", "open", "upcoming", "upcoming", "closed", "closed"]


@pytest.mark.parametrize(("status", "titles"), [
    ("open", ["Atviras iki 2 d.", "Atviras iki 5 d."]),
    ("upcoming", ["Skelbiamas po 3 d.", "Skelbiamas po 10 d."]),
    ("closed", ["Baigtas neseniai", "Baigtas seniai"]),
    ("results", []),
])
def test_status_filter(client, calls_of_every_status, status, titles):
    response = client.get("/kvietimai/", {"status": status})
    assert listed(response) == titles
    count = soup(response).select_one(".call-count").get_text()
    assert re.search(rf"\b{len(titles)}\b", count), count
    assert soup(response).select_one("#id_status option[selected]")["value"] == status


def test_measure_filter_offers_the_measures_of_listed_calls(client, call_index, measure):
    now = timezone.now()
    business = Measure.objects.create(code="VPS-2.1", name="Verslumo skatinimas", budget=Decimal("350000"))
    Measure.objects.create(code="VPS-9.9", name="Be kvietimų", budget=Decimal("1"))
    add_call(call_index, "Socialinis", now - DAY, now + DAY, measure)
    add_call(call_index, "Verslo", now - DAY, now + 2 * DAY, business)

    page = soup(client.get("/kvietimai/"))
    options = [option["value"] for option in page.select("#id_measure option")]
    assert options == ["", "VPS-1.1", "VPS-2.1"]
    assert listed(client.get("/kvietimai/", {"measure": "VPS-2.1"})) == ["Verslo"]


def test_year_filter_lists_the_calls_open_at_some_time_that_year(client, call_index, measure):
    add_call(call_index, "2024 m.", local(2024, 3, 1, 9), local(2024, 4, 30, 16), measure)
    add_call(call_index, "Per metų sandūrą", local(2025, 12, 1, 9), local(2026, 1, 15, 16), measure)
    # 00:30 on 1 January in Vilnius is still 31 December in UTC: the call belongs to 2026 only.
    add_call(call_index, "Nuo Naujųjų", local(2026, 1, 1, 0, 30), local(2026, 2, 1, 16), measure)

    page = soup(client.get("/kvietimai/"))
    assert [option["value"] for option in page.select("#id_year option")] == ["", "2026", "2025", "2024"]
    assert listed(client.get("/kvietimai/", {"year": 2025})) == ["Per metų sandūrą"]
    assert listed(client.get("/kvietimai/", {"year": 2026})) == ["Nuo Naujųjų", "Per metų sandūrą"]
    assert listed(client.get("/kvietimai/", {"year": 2024})) == ["2024 m."]


def test_filters_combine_and_an_invalid_one_is_reported_not_applied(client, calls_of_every_status, measure):
    response = client.get("/kvietimai/", {"status": "open", "measure": "VPS-1.1", "year": "du"})
    assert listed(response) == ["Atviras iki 2 d.", "Atviras iki 5 d."]
    assert soup(response).select_one(".call-filter .errorlist")
    assert listed(client.get("/kvietimai/", {"status": "closed", "measure": "NERA"})) == [
        "Baigtas neseniai", "Baigtas seniai"
    ]


def test_filter_form_is_a_labelled_get_form_with_a_button(client, calls_of_every_status):
    form = soup(client.get("/kvietimai/")).select_one("form.call-filter")
    assert form["method"] == "get" and form["action"] == "/kvietimai/"
    for select in form.select("select"):
        assert form.select_one(f'label[for="{select["id"]}"]')
    assert form.select_one("button[type=submit]")


def test_pages_of_a_filtered_list_keep_the_filters(client, call_index, measure):
    now = timezone.now()
    for day in range(1, 13):
        add_call(call_index, f"Atviras {day:02d}", now - DAY, now + day * DAY, measure)
    add_call(call_index, "Baigtas", now - 9 * DAY, now - DAY, measure)

    first = client.get("/kvietimai/", {"status": "open"})
    assert listed(first) == [f"Atviras {day:02d}" for day in range(1, 11)]
    assert "12" in soup(first).select_one(".call-count").get_text()
    next_href = soup(first).select_one(".pagination a[rel=next]")["href"]
    assert next_href == "?status=open&page=2"
    assert listed(client.get("/kvietimai/" + next_href)) == ["Atviras 11", "Atviras 12"]


def test_only_published_public_calls_are_listed(client, call_index, measure):
    now = timezone.now()
    add_call(call_index, "Paskelbtas", now - DAY, now + DAY, measure)
    add_call(call_index, "Juodraštis", now - DAY, now + DAY, measure, publish=False)
    withdrawn = add_call(call_index, "Atšauktas", now - DAY, now + DAY, measure)
    withdrawn.unpublish()
    private = add_call(call_index, "Tik nariams", now - DAY, now + DAY, measure)
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="x")

    for query in ({}, {"status": "open"}):
        assert listed(client.get("/kvietimai/", query)) == ["Paskelbtas"]
    assert client.get(withdrawn.url).status_code == 404


def _index_queries(client, url):
    cache.clear()  # site roots are cached; only the database work is measured
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response, len(queries)


@pytest.mark.parametrize("url", ["/kvietimai/", "/kvietimai/?status=open&measure=VPS-1.1&year=2026"])
def test_index_queries_do_not_grow_with_the_number_of_calls(client, call_index, measure, url):
    def add(count):
        now = timezone.now()
        for _ in range(count):
            add_call(call_index, "Kvietimas", local(2026, 1, 5, 9), now + 3 * DAY, measure)
        client.get(url)  # the first view of a site creates its settings row; later views only read it

    add(5)
    response, with_five = _index_queries(client, url)
    assert len(listed(response)) == 5
    add(20)
    response, with_twenty_five = _index_queries(client, url)
    assert len(listed(response)) == 10
    assert with_twenty_five == with_five


def make_document(title="Finansavimo sąlygos", name="salygos.pdf", size=2048):
    return get_document_model().objects.create(title=title, file=ContentFile(b"%" * size, name=name))


def test_call_page_shows_badge_figures_local_times_documents_event_and_contact(client, call_index, measure):
    now = timezone.now()
    event = call_index.add_child(instance=CallIndexPage(title="Informacinis renginys", slug="renginys"))
    call = add_call(
        call_index, "Kvietimas Nr. 1", local(2026, 3, 2, 9), now + 3 * DAY, measure,
        total_allocation=Decimal("150000"), max_grant=Decimal("12500.5"), funding_rate=Decimal("62.50"),
        selection_mode=SelectionMode.ROLLING, target_groups="<p>Neįgalieji ir jaunimas.</p>",
        contact_phone="+370 600 00000", information_event=event,
        information_event_url="https://example.org/renginys",
    )
    CallDocument.objects.create(page=call, document=make_document(), document_type=DocumentType.CONDITIONS)
    CallDocument.objects.create(
        page=call, document=make_document("Forma", "forma.docx", 30_000), title="Paraiškos forma",
        document_type=DocumentType.APPLICATION_FORM,
    )

    page = soup(client.get(call.url))
    assert page.h1.get_text() == "Kvietimas Nr. 1"
    assert page.select_one(".call-status")["data-status"] == "open"
    assert page.select_one(".call-deadline")
    figures = page.select_one(".call-figures").get_text(" ", strip=True)
    for text in (call.number, "VPS-1.1", f"150{NBSP}000,00{NBSP}€", f"12{NBSP}500,50{NBSP}€", f"62,5{NBSP}%"):
        assert text in figures
    opens = page.select(".call-figures time")[0]
    assert opens["datetime"] == "2026-03-02T09:00:00+02:00"
    assert opens.get_text() == "2026 m. kovo 2 d., 09:00"
    assert "Neįgalieji ir jaunimas." in page.get_text()
    documents = [li.get_text(" ", strip=True) for li in page.select("#call-documents + ul li")]
    assert documents[0].startswith("Finansavimo sąlygos") and "PDF" in documents[0] and f"2,0{NBSP}KB" in documents[0]
    assert documents[1].startswith("Paraiškos forma") and "DOCX" in documents[1]
    event_links = [a["href"] for a in page.select(".call-event-links a")]
    assert event_links == [event.url, "https://example.org/renginys"]
    contact = page.select_one(".call-contact")
    assert contact.select_one('a[href="mailto:info@ignalinosvvg.lt"]')
    assert contact.select_one('a[href="tel:+37060000000"]')
    meta = page.select_one('meta[name="description"]')["content"]
    assert meta == "Trumpai: Kvietimas Nr. 1."
    assert not page.select(".call-results")


@pytest.mark.parametrize(("value", "text"), [
    (Decimal("1234567.891"), f"1{NBSP}234{NBSP}567,89{NBSP}€"),
    (Decimal("0.005"), f"0,01{NBSP}€"),
    (250, f"250,00{NBSP}€"),
    (None, ""),
])
def test_amounts_are_written_the_lithuanian_way(value, text):
    assert euro(value) == text


def test_rates_drop_needless_decimals():
    assert [percent(Decimal(v)) for v in ("80.00", "62.50", "100")] == [f"80{NBSP}%", f"62,5{NBSP}%", f"100{NBSP}%"]


def test_call_dates_and_amounts_are_validated(call_index, measure):
    call = CallPage(
        title="Blogas", slug="blogas", number="Nr. 9", measure=measure, summary="S",
        opens_at=local(2026, 4, 1, 9), closes_at=local(2026, 4, 1, 9), total_allocation=Decimal("100"),
        max_grant=Decimal("200"), funding_rate=Decimal("80"), selection_mode=SelectionMode.COMPETITION,
        eligible_applicants="<p>A</p>", eligible_activities="<p>B</p>", contact_name="VVG",
        contact_email="info@ignalinosvvg.lt",
    )
    with pytest.raises(ValidationError) as error:
        call_index.add_child(instance=call)
    assert set(error.value.message_dict) == {"closes_at", "max_grant"}


def test_calls_can_only_be_created_under_a_calls_index(home_page, call_index):
    assert not CallPage.can_create_at(home_page)
    assert CallPage.can_create_at(call_index)


@pytest.mark.parametrize(("url", "version"), [("/kvietimai/rss/", "rss20"), ("/kvietimai/atom/", "atom10")])
def test_feeds_hold_the_latest_twenty_published_calls(client, call_index, measure, url, version):
    for number in range(1, 23):
        call = add_call(call_index, f"Kvietimas {number:02d}", local(2026, 3, 2, 9), local(2026, 4, 30, 16), measure)
        CallPage.objects.filter(pk=call.pk).update(first_published_at=local(2025, 1, number, 12))
    add_call(call_index, "Juodraštis", local(2026, 3, 2, 9), local(2026, 4, 30, 16), measure, publish=False)

    response = client.get(url)
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == version
    assert feed.feed.language == "lt"
    assert feed.feed.link == call_index.full_url
    assert [entry.title for entry in feed.entries] == [f"Kvietimas {n:02d}" for n in range(22, 2, -1)]
    newest = feed.entries[0]
    assert newest.link == CallPage.objects.get(title="Kvietimas 22").full_url
    assert newest.published_parsed[:4] == (2025, 1, 22, 10)  # 12:00 in Vilnius is 10:00 UTC
    assert newest.summary.startswith("Trumpai: Kvietimas 22.")
    assert "2026 m. kovo 2 d., 09:00" in newest.summary and "2026 m. balandžio 30 d., 16:00" in newest.summary
    assert [tag.term for tag in newest.tags] == [str(measure)]


def test_index_and_call_pages_advertise_both_feeds(client, call_index, measure):
    call = add_call(call_index, "Kvietimas", local(2026, 3, 2, 9), local(2026, 4, 30, 16), measure)
    for url in ("/kvietimai/", call.url):
        head = soup(client.get(url)).head
        rss = head.select_one('link[rel=alternate][type="application/rss+xml"]')["href"]
        atom = head.select_one('link[rel=alternate][type="application/atom+xml"]')["href"]
        assert (rss, atom) == ("/kvietimai/rss/", "/kvietimai/atom/")


def test_site_search_finds_a_call_by_its_activities(client, call_index, measure):
    add_call(call_index, "Pirmas", local(2026, 3, 2, 9), local(2026, 4, 30, 16), measure,
             eligible_activities="<p>Bendruomeniniai daržai.</p>")
    add_call(call_index, "Antras", local(2026, 3, 2, 9), local(2026, 4, 30, 16), measure)

    results = soup(client.get("/paieska/", {"q": "daržai"})).select(".search-results h2 a")
    assert [a.get_text() for a in results] == ["Pirmas"]


def test_without_funded_projects_a_closed_call_stays_closed(client, call_index, measure):
    call = add_call(call_index, "Baigtas", local(2026, 3, 2, 9), local(2026, 4, 30, 16), measure)
    assert not call.has_results()
    assert call.status == "closed"
    assert listed(client.get("/kvietimai/", {"status": "results"})) == []


@pytest.mark.skipif(not apps.is_installed("vvg.projects"), reason="needs the projects app (vvg.projects)")
def test_published_funded_projects_are_the_calls_results(client, call_index, measure):
    from vvg.core.models import Organisation
    from vvg.projects.models import FundedProjectIndexPage, FundedProjectPage

    closed = add_call(call_index, "Baigtas", local(2026, 3, 2, 9), local(2026, 4, 30, 16), measure)
    add_call(call_index, "Baigtas be rezultatų", local(2026, 3, 2, 9), local(2026, 4, 29, 16), measure)
    projects = call_index.get_parent().add_child(instance=FundedProjectIndexPage(title="Projektai", slug="projektai"))
    beneficiary = Organisation.objects.create(name="Bendruomenė", sector="civil")

    def add_project(title, live=True):
        project = FundedProjectPage(
            title=title, code=f"P-{title}", beneficiary=beneficiary, call=closed, measure=measure,
            grant=Decimal("25000"), total_value=Decimal("30000"), start_date=datetime.date(2026, 6, 1),
            end_date=datetime.date(2027, 5, 31), aim="Tikslas.", live=live,
        )
        projects.add_child(instance=project)
        return project

    add_project("Juodraštis", live=False)
    assert not closed.has_results()
    add_project("Dienos centras")

    assert closed.has_results() and closed.status == "results"
    assert listed(client.get("/kvietimai/", {"status": "results"})) == ["Baigtas"]
    assert listed(client.get("/kvietimai/", {"status": "closed"})) == ["Baigtas be rezultatų"]
    rows = [row.get_text(" ", strip=True) for row in soup(client.get(closed.url)).select(".call-results tbody tr")]
    assert rows == [f"Dienos centras Bendruomenė 25{NBSP}000,00{NBSP}€"]


def test_demo_calls_are_built_once_and_the_index_leads_the_menu(client, home_page):
    home_page.add_child(instance=Page(title="Apie", slug="apie", show_in_menus=True))
    ctx = DemoContext.for_default_site()
    build_calls(ctx)
    assert len(ctx.created) == 6  # the index, two measures, three calls

    again = DemoContext.for_default_site()
    build_calls(again)
    assert again.created == []

    index = CallIndexPage.objects.get(slug="kvietimai")
    assert index.live and index.show_in_menus
    assert home_page.get_children().first().pk == index.pk
    assert set(Measure.objects.values_list("code", flat=True)) == {"VPS-1.1", "VPS-2.1"}
    calls = {call.number: call for call in CallPage.objects.child_of(index).live()}
    assert {number: call.status for number, call in calls.items()} == {
        "Nr. 1": "closed", "Nr. 2": "open", "Nr. 3": "upcoming"
    }
    assert statuses(client.get("/kvietimai/")) == ["open", "upcoming", "closed"]


def test_published_calls_are_counted_for_the_vvg_reports(call_index, measure):
    from vvg.indicators.sources import activity_counters

    calls_published = activity_counters()["calls_published"]
    before = calls_published.count()
    add_call(call_index, "Skelbtas", local(2026, 3, 1), local(2026, 4, 1), measure)
    add_call(call_index, "Juodraštis", local(2026, 3, 1), local(2026, 4, 1), measure, publish=False)
    assert calls_published.count() == before + 1
