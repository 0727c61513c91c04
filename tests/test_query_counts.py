"""Every public page type answers a repeat visit with at most 12 SQL queries, however long its lists are.

The same site is built with 5 and with 50 items in each list (calls, funded projects, news,
trainings with registrations, sub-pages, measurements, search hits); the second request of each
page (menus, settings and computed indicators warm in the cache) is counted. The full-page cache
is not installed in the test settings, so each count is a real render.
"""

import datetime
import io
import itertools
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Site

from events.choices import RegistrationStatus
from events.models import EventIndexPage, Registration, TrainingPage
from home.models import StandardPage
from vvg.calls.choices import DocumentType, SelectionMode
from vvg.calls.models import CallDocument, CallIndexPage, CallPage
from vvg.core.models import Measure, Organisation, VVGSettings
from vvg.indicators.models import Indicator, Measurement, ResultsPage
from vvg.news.models import NewsIndexPage, NewsPage
from vvg.projects.models import FundedProjectImage, FundedProjectIndexPage, FundedProjectPage, FundedProjectPartner

MAX_QUERIES = 12
_numbers = itertools.count(1)


def _image():
    buffer = io.BytesIO()
    PILImage.new("RGB", (1200, 800), (40, 90, 160)).save(buffer, format="PNG")
    return get_image_model().objects.create(title="Nuotrauka", file=ImageFile(buffer, name="nuotrauka.png"))


def _child(parent, page):
    parent.add_child(instance=page)
    return page


def build_site(home, items):
    """A site with `items` entries in every list; returns the URL of one page of each type."""
    now = timezone.now().replace(microsecond=0)
    VVGSettings.for_site(Site.objects.get(is_default_site=True))  # a real site has saved its settings once
    measure = Measure.objects.create(code="VPS-1.1", name="Socialinės problemos", budget=Decimal("450000"))
    image = _image()
    organisations = [Organisation.objects.create(name=f"Bendruomenė {n}", sector="civil") for n in range(items)]

    calls = _child(home, CallIndexPage(title="Kvietimai", slug="kvietimai"))
    projects = _child(home, FundedProjectIndexPage(title="Projektai", slug="projektai"))
    news = _child(home, NewsIndexPage(title="Naujienos", slug="naujienos"))
    events = _child(home, EventIndexPage(title="Renginiai", slug="renginiai", intro="Renginiai."))
    results = _child(home, ResultsPage(title="Rezultatai", slug="rezultatai"))
    about = _child(home, StandardPage(title="Apie VVG", slug="apie-vvg", show_in_menus=True))

    first_of_next_month = (now.replace(day=1) + datetime.timedelta(days=32)).replace(day=1, hour=10, minute=0, second=0)
    urls = {}
    for n in range(items):
        number = next(_numbers)
        call = _child(calls, CallPage(
            title=f"Kvietimas {number}", slug=f"kvietimas-{number}", number=f"Nr. {number}", measure=measure,
            summary="Kvietimas paramai.", opens_at=now - datetime.timedelta(days=1),
            closes_at=now + datetime.timedelta(days=30 + n), total_allocation=Decimal("150000"),
            max_grant=Decimal("30000"), funding_rate=Decimal("80"), selection_mode=SelectionMode.COMPETITION,
            eligible_applicants="<p>NVO.</p>", eligible_activities="<p>Veiklos.</p>",
            contact_name="VVG administracija", contact_email="info@ignalinosvvg.lt",
        ))
        project = _child(projects, FundedProjectPage(
            title=f"Projektas {number}", slug=f"projektas-{number}", code=f"IGN-{number:05d}",
            beneficiary=organisations[n], measure=measure, call=call, grant=Decimal("10000"),
            total_value=Decimal("12500"), start_date=datetime.date(2026, 6, 1), end_date=datetime.date(2027, 5, 31),
            status="in_progress", aim="Projekto tikslas.",
        ))
        FundedProjectPartner.objects.create(page=project, organisation=organisations[(n + 1) % items])
        FundedProjectImage.objects.create(page=project, image=image, alt_text="Nuotrauka")
        article = NewsPage(
            title=f"Naujiena {number}", slug=f"naujiena-{number}", date=now.date(), intro="Trumpai.", main_image=image
        )
        article.tags.add(f"žyma {n % 7}")
        _child(news, article)
        training = _child(events, TrainingPage(
            title=f"Mokymai {number}", slug=f"mokymai-{number}", venue="Ignalina", intro="Apie mokymus.",
            start=first_of_next_month + datetime.timedelta(days=n % 27, minutes=n),
            end=first_of_next_month + datetime.timedelta(days=n % 27, hours=3), capacity=100, related_call=call,
        ))
        Registration.objects.create(
            event=training, name=f"Dalyvis {number}", email=f"d{number}@example.lt",
            status=RegistrationStatus.REGISTERED, processing_consent=True, organisation=organisations[n],
        )
        _child(about, StandardPage(title=f"Poskyris {number}", slug=f"poskyris-{number}", show_in_menus=True))
        for indicator in Indicator.objects.all():
            Measurement.objects.create(indicator=indicator, date=datetime.date(2025, 1, 1) + datetime.timedelta(days=n), value=n)
        urls.update(call=call.url, project=project.url, news=article.url, training=training.url)
    month = f"{first_of_next_month.year}/{first_of_next_month.month}/"
    urls.update(
        home="/", call_index=calls.url, project_index=projects.url, news_index=news.url, event_index=events.url,
        calendar=events.url + "kalendorius/" + month, results=results.url, standard=about.url,
        search="/paieska/?q=Kvietimas",
    )
    return urls


def warm_queries(client, url):
    first = client.get(url)
    assert first.status_code == 200, url
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


PAGE_TYPES = [
    "home", "call_index", "call", "project_index", "project", "news_index", "news", "event_index", "calendar",
    "training", "results", "standard", "search",
]


def rebuild_site(home, items):
    Registration.objects.all().delete()  # registrations protect their events
    for page in home.get_children():
        page.delete()
    Organisation.objects.all().delete()
    Measure.objects.all().delete()
    Measurement.objects.all().delete()
    return build_site(home, items)


@pytest.fixture
def counts(home_page, client):
    """{page type: (queries with 5 items per list, queries with 50)}: both sites are built in one test each."""

    def count(items):
        urls = rebuild_site(home_page, items)
        return {name: warm_queries(client, urls[name]) for name in PAGE_TYPES}

    return count


@pytest.mark.parametrize("items", [5, 50])
def test_every_page_type_needs_at_most_twelve_queries(counts, items):
    measured = counts(items)
    too_many = {name: number for name, number in measured.items() if number > MAX_QUERIES}
    assert not too_many, f"pages over {MAX_QUERIES} queries with {items} items per list: {too_many}"


def test_queries_do_not_grow_with_the_lists(counts):
    few = counts(5)
    many = counts(50)
    grown = {name: (few[name], many[name]) for name in PAGE_TYPES if many[name] != few[name]}
    assert not grown, f"queries per page with 5 and 50 items: {grown}"


# API v2 listings with every field: a full page of items (the API lists at most 20) is as cheap as a few.
API_TYPES = [
    "vvg_calls.CallPage", "vvg_projects.FundedProjectPage", "vvg_news.NewsPage", "events.TrainingPage",
    "events.EventBasePage", "vvg_indicators.ResultsPage", "home.StandardPage",
]


@pytest.fixture
def api_counts(home_page, client):
    """{page type: queries of its API v2 listing with `fields=*`} on a site with `items` entries per list."""

    def count(items):
        rebuild_site(home_page, items)
        document = get_document_model().objects.create(
            title="Finansavimo sąlygos", file=ContentFile("Sąlygos.".encode(), name="salygos.txt")
        )
        for call in CallPage.objects.all():
            CallDocument.objects.create(page=call, document=document, document_type=DocumentType.CONDITIONS)
        return {
            page_type: warm_queries(client, f"/api/v2/pages/?type={page_type}&fields=*") for page_type in API_TYPES
        }

    return count


def test_api_listings_need_few_queries_however_many_items(api_counts, vvg_settings):
    vvg_settings(API_CACHE_SECONDS=0)
    few = api_counts(5)
    many = api_counts(50)
    too_many = {page_type: number for page_type, number in many.items() if number > MAX_QUERIES}
    assert not too_many, f"API listings over {MAX_QUERIES} queries: {too_many}"
    grown = {
        page_type: (few[page_type], many[page_type]) for page_type in API_TYPES if many[page_type] != few[page_type]
    }
    assert not grown, f"queries per API listing with 5 and 50 items: {grown}"
