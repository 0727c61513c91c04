"""A funded project's page, its A3 poster with the QR code, API fields, search, indicator hooks and the demo."""

import io
import re
from decimal import Decimal

import pytest
import segno
from django.core.files.images import ImageFile
from django.test import override_settings
from django.urls import include, path
from PIL import Image as PILImage
from wagtail import hooks
from wagtail import urls as wagtail_urls
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.images import get_image_model
from wagtail.models import Site

from home.demo_content import DemoContext
from tests.test_projects import D, NBSP, add_project, calls, measures, organisations, project_index, soup  # noqa: F401
from vvg.calls.demo import build_calls
from vvg.core.models import Organisation, VVGSettings
from vvg.projects.demo import build_projects
from vvg.projects.models import FundedProjectImage, FundedProjectIndexPage, FundedProjectPage, FundedProjectPartner

pytestmark = pytest.mark.django_db

# The Wagtail API is mounted by the site's api app; this test module mounts it itself to read the fields.
api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
urlpatterns = [path("api/v2/", api_router.urls), path("", include(wagtail_urls))]


def make_image(title="Dienos centras"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (1600, 1000), (40, 90, 160)).save(buffer, format="PNG")
    return get_image_model().objects.create(title=title, file=ImageFile(buffer, name="projektas.png"))


@pytest.fixture
def project(project_index, organisations, measures, calls):
    calls["Nr. 1"].save_revision().publish()
    page = FundedProjectPage(
        title="Bendruomenės svetainė", slug="bendruomenes-svetaine", code="IGN-LEADER-6B-DV-26-1-00001",
        beneficiary=organisations["civil"], measure=measures["VPS-1.1"], call=calls["Nr. 1"],
        grant=Decimal("28000"), total_value=Decimal("35000"), start_date=D(2026, 7, 1), end_date=D(2027, 12, 31),
        status="in_progress", address="Vasario 16-osios g., Ignalina", latitude=Decimal("55.340100"),
        longitude=Decimal("26.161200"), aim="Įrengti bendruomenės svetainę vyresnio amžiaus žmonėms.",
        results="<p>Į veiklas įtraukta 60 žmonių.</p>", live=False,
    )
    page.partners = [FundedProjectPartner(organisation=organisations["business"])]
    page.gallery_images = [
        FundedProjectImage(image=make_image(), alt_text="Svetainės atidarymas", caption="Atidarymas")
    ]
    project_index.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def facts(page, selector=".project-facts"):
    return {div["data-fact"]: div.dd.get_text(" ", strip=True) for div in page.select(f"{selector} [data-fact]")}


def test_project_page_shows_key_facts_partners_gallery_results_and_links(client, project, calls):
    page = soup(client.get(project.url))
    assert page.h1.get_text() == "Bendruomenės svetainė"
    shown = facts(page)
    assert shown["code"] == "IGN-LEADER-6B-DV-26-1-00001"
    assert shown["beneficiary"] == "Ignalinos bendruomenės centras"
    assert shown["total_value"] == f"35{NBSP}000,00{NBSP}€"
    assert shown["grant"] == f"28{NBSP}000,00{NBSP}€"
    assert shown["own_contribution"] == f"7{NBSP}000,00{NBSP}€"
    assert "55.3401, 26.1612" in shown["location"] and "Vasario 16-osios g." in shown["location"]
    assert [t["datetime"] for t in page.select(".project-facts time")] == ["2026-07-01", "2027-12-31"]
    assert page.select_one('[data-fact="call"] a')["href"] == calls["Nr. 1"].url
    osm = page.select_one('[data-fact="location"] a')["href"]
    assert osm == "https://www.openstreetmap.org/?mlat=55.3401&mlon=26.1612#map=17/55.3401/26.1612"
    assert [li.get_text() for li in page.select(".project-partners li")] == ["MB Amatų dirbtuvės"]
    img = page.select_one(".project-gallery img")
    assert img["alt"] == "Svetainės atidarymas" and img["loading"] == "lazy"
    assert [part.split()[1] for part in img["srcset"].split(",")] == ["480w", "960w", "1440w"]
    assert all(part.split()[0].endswith(".webp") for part in img["srcset"].split(","))
    assert "Į veiklas įtraukta 60 žmonių." in page.select_one(".rich-text").get_text()
    assert page.select_one(".project-poster-link a")["href"] == project.url + "plakatas/"
    meta = {tag.get("property") or tag.get("name"): tag["content"] for tag in page.select("meta[content]")}
    assert meta["description"] == "Įrengti bendruomenės svetainę vyresnio amžiaus žmonėms."
    assert "fill-1200x630" in meta["og:image"]  # the first gallery photo when no social image is set


def test_a_call_taken_off_the_site_is_neither_shown_nor_exported(client, project, calls):
    calls["Nr. 1"].unpublish()
    assert "call" not in facts(soup(client.get(project.url)))
    assert client.get("/projektai/duomenys.json").json()["projects"][0]["call_number"] == ""
    assert api_detail(client, project)["call"] is None
    assert not soup(client.get("/projektai/")).select("#id_call option[value]:not([value=''])")


def dark_modules(svg):
    """The dark modules {(row, column)} of segno's SVG path: horizontal runs ("h") moved by "M" and "m"."""
    x = y = 0.0
    dark = set()
    for command, first, second in re.findall(r"([Mmh])(-?[\d.]+)(?: (-?[\d.]+))?", svg.path["d"]):
        if command == "M":
            x, y = float(first), float(second)
        elif command == "m":
            x, y = x + float(first), y + float(second)
        else:
            dark.update((int(y), column) for column in range(round(x), round(x + float(first))))
            x += float(first)
    return dark


def encodes(svg, text):
    """Whether the SVG draws a QR code of `text`, whatever its error level and mask (segno draws every one)."""
    size = int(svg["viewbox"].split()[2])
    drawn = dark_modules(svg)
    for error in "LMQH":
        for mask in range(8):
            code = segno.make(text, error=error, mask=mask, boost_error=False, micro=False)
            border = (size - len(code.matrix)) // 2
            modules = {
                (r + border, c + border) for r, row in enumerate(code.matrix) for c, dark in enumerate(row) if dark
            }
            if modules == drawn:
                return True
    return False


def test_poster_is_a_standalone_a3_sheet_with_eu_statement_facts_and_a_qr_code_of_the_page(client, project):
    settings = VVGSettings.for_site(Site.objects.get(is_default_site=True))
    settings.eu_statement = "Bendrai finansuoja Europos Sąjunga (plakatas)"
    settings.save()

    page = soup(client.get(project.url + "plakatas/"))
    assert not page.select(".site-header, .main-nav, .breadcrumbs, .site-footer")
    assert page.select_one(".eu-statement").get_text(strip=True) == "Bendrai finansuoja Europos Sąjunga (plakatas)"
    assert page.select_one(".eu-statement img")["src"] == "/static/vvg/img/eu-emblem.svg"
    assert page.h1.get_text() == "Bendruomenės svetainė"
    assert page.select_one(".poster-aim").get_text() == project.aim
    shown = facts(page, ".poster-facts")
    assert shown["total_value"] == f"35{NBSP}000,00{NBSP}€"
    assert shown["grant"] == f"28{NBSP}000,00{NBSP}€"
    assert shown["beneficiary"] == "Ignalinos bendruomenės centras"
    assert "2026" in shown["period"] and "2027" in shown["period"]

    svg = page.select_one(".poster-qr svg")
    assert project.full_url == "http://localhost/projektai/bendruomenes-svetaine/"
    assert encodes(svg, project.full_url)
    assert not encodes(svg, project.full_url + "x")
    assert page.select_one(".poster-qr a")["href"] == project.full_url

    css = page.select_one('link[rel="stylesheet"]')["href"]
    response = client.get(css)
    assert response.status_code == 200
    assert "@page { size: A3 portrait" in b"".join(response.streaming_content).decode()


def test_the_qr_code_of_a_page_with_lithuanian_letters_encodes_its_uri(client, project_index, organisations,
                                                                       measures):
    project = add_project(project_index, "Amatų dirbtuvės", organisations["civil"], measures["VPS-1.1"])
    project.slug = "amatų-dirbtuvės"
    project.save_revision().publish()

    svg = soup(client.get("/projektai/amatų-dirbtuvės/plakatas/")).select_one(".poster-qr svg")
    assert encodes(svg, "http://localhost/projektai/amat%C5%B3-dirbtuv%C4%97s/")


def api_detail(client, project):
    with override_settings(ROOT_URLCONF=__name__):  # the module's urlpatterns above
        return client.get(f"/api/v2/pages/{project.pk}/").json()


def test_api_gives_the_projects_public_facts(client, project, calls):
    data = api_detail(client, project)
    assert data["code"] == "IGN-LEADER-6B-DV-26-1-00001"
    assert data["beneficiary"] == {"name": "Ignalinos bendruomenės centras", "legal_code": "", "sector": "civil"}
    assert [partner["organisation"]["name"] for partner in data["partners"]] == ["MB Amatų dirbtuvės"]
    assert data["call"] == {"id": calls["Nr. 1"].pk, "number": "Nr. 1", "title": "Kvietimas Nr. 1"}
    assert data["measure"] == {"code": "VPS-1.1", "name": "Socialinės problemos"}
    assert (data["grant"], data["total_value"], data["own_contribution"]) == ("28000.00", "35000.00", "7000.00")
    assert (data["status"], data["start_date"], data["end_date"]) == ("in_progress", "2026-07-01", "2027-12-31")
    assert (data["latitude"], data["longitude"]) == ("55.340100", "26.161200")
    image = data["gallery_images"][0]
    assert image["alt_text"] == "Svetainės atidarymas"
    assert image["image"]["url"].endswith(".webp") and image["image"]["width"] == 1440


def test_site_search_finds_a_project_by_code_and_beneficiary(client, project):
    for query in ("IGN-LEADER-6B-DV-26-1-00001", "bendruomenės centras"):
        results = soup(client.get("/paieska/", {"q": query})).select(".search-results h2 a")
        assert [a.get_text() for a in results] == ["Bendruomenės svetainė"], query


def test_projects_can_only_be_created_under_a_project_index(home_page, project_index):
    assert not FundedProjectPage.can_create_at(home_page)
    assert FundedProjectPage.can_create_at(project_index)
    assert FundedProjectIndexPage.can_create_at(home_page)


def test_demo_projects_are_built_once_after_the_calls(client, home_page):
    Organisation.objects.create(name="Ignalinos neįgaliųjų draugija", sector="civil", website="https://example.org")
    build_calls(DemoContext.for_default_site())
    ctx = DemoContext.for_default_site()
    build_projects(ctx)
    assert len(ctx.created) == 1 + 3 + 4  # the index, three new organisations (one was there), four projects

    again = DemoContext.for_default_site()
    build_projects(again)
    assert again.created == []

    index = FundedProjectIndexPage.objects.get(slug="projektai")
    assert index.live and index.show_in_menus
    home_page.refresh_from_db()
    assert [page.slug for page in home_page.get_children()[:2]] == ["kvietimai", "projektai"]
    projects = FundedProjectPage.objects.child_of(index).live()
    assert {project.call.number for project in projects} == {"Nr. 1", "Nr. 2"}
    assert all(project.call.measure_id == project.measure_id for project in projects)
    assert Organisation.objects.filter(name="Ignalinos neįgaliųjų draugija").count() == 1
    beneficiaries = Organisation.objects.filter(funded_projects__in=projects)
    assert {organisation.sector for organisation in beneficiaries} == {"civil", "business"}
    assert not any(organisation.legal_code for organisation in beneficiaries)
    page = soup(client.get("/projektai/"))
    assert len(page.select(".project-table tbody tr")) == 4
    assert page.select_one('.project-totals dd[data-total="count"]').get_text() == "4"


def registered(hook_name, name):
    return next(item for item in (make() for make in hooks.get_hooks(hook_name)) if item.name == name)


def test_indicators_count_beneficiaries_and_partners_and_the_funded_amounts(project, project_index, organisations,
                                                                              measures):
    add_project(project_index, "Juodraštis", organisations["public"], measures["VPS-1.1"], publish=False)
    add_project(project_index, "Vėlesnis", organisations["civil"], measures["VPS-1.1"], start_date=D(2027, 3, 1),
                grant=Decimal("5000.50"), total_value=Decimal("6000"))

    source = registered("register_vvg_participation_source", "funded_projects")
    participations = [(organisation.name, activity.split()[0], date) for organisation, activity, date
                      in source.participations()]
    assert participations[:2] == [
        ("Ignalinos bendruomenės centras", "IGN-LEADER-6B-DV-26-1-00001", D(2026, 7, 1)),
        ("MB Amatų dirbtuvės", "IGN-LEADER-6B-DV-26-1-00001", D(2026, 7, 1)),
    ]
    assert [name for name, _code, _date in participations] == [
        "Ignalinos bendruomenės centras", "MB Amatų dirbtuvės", "Ignalinos bendruomenės centras"
    ]
    projects = registered("register_vvg_activity_counter", "funded_projects")
    grants = registered("register_vvg_activity_counter", "grants_awarded")
    assert (projects.count(), projects.count(end=D(2026, 12, 31)), projects.count(start=D(2027, 1, 1))) == (2, 1, 1)
    assert grants.count() == Decimal("33000.50") and grants.count(end=D(2026, 12, 31)) == Decimal("28000")
