"""Funded projects: listing filters and totals, open-data files, validation, query counts, drafts."""

import csv
import datetime
import io
import json
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale, PageViewRestriction
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from vvg.calls.choices import SelectionMode
from vvg.calls.models import CallIndexPage, CallPage
from vvg.core.models import Measure, Organisation
from vvg.projects import services
from vvg.projects.models import FundedProjectIndexPage, FundedProjectPage

pytestmark = pytest.mark.django_db

D = datetime.date
NBSP = "\u00a0"
EXPORT_COLUMNS = [
    "code", "title", "url", "beneficiary_name", "beneficiary_legal_code", "beneficiary_sector", "call_number",
    "measure_code", "grant", "total_value", "own_contribution", "status", "start_date", "end_date",
]


@pytest.fixture
def project_index(home_page):
    index = home_page.add_child(instance=FundedProjectIndexPage(title="Finansuoti projektai", slug="projektai"))
    index.save_revision().publish()
    index.refresh_from_db()
    return index


@pytest.fixture
def measures(db):
    return {
        code: Measure.objects.create(code=code, name=name, budget=Decimal("400000"))
        for code, name in [("VPS-1.1", "Socialinės problemos"), ("VPS-2.1", "Verslumas")]
    }


@pytest.fixture
def organisations(db):
    return {
        "civil": Organisation.objects.create(name="Ignalinos bendruomenės centras", sector="civil"),
        "business": Organisation.objects.create(name="MB Amatų dirbtuvės", legal_code="300000001", sector="business"),
        "public": Organisation.objects.create(name="Ignalinos kultūros centras", sector="public"),
    }


@pytest.fixture
def calls(home_page, measures):
    index = home_page.add_child(instance=CallIndexPage(title="Kvietimai", slug="kvietimai"))
    opens = timezone.make_aware(datetime.datetime(2026, 3, 2, 9))
    result = {}
    for number, code in [("Nr. 1", "VPS-1.1"), ("Nr. 2", "VPS-2.1")]:
        call = CallPage(
            title=f"Kvietimas {number}", slug=f"kvietimas-{number[-1]}", number=number, measure=measures[code],
            summary="Kvietimas.", opens_at=opens, closes_at=opens + datetime.timedelta(days=60),
            total_allocation=Decimal("150000"), max_grant=Decimal("30000"), funding_rate=Decimal("80"),
            selection_mode=SelectionMode.COMPETITION, eligible_applicants="<p>NVO.</p>",
            eligible_activities="<p>Veiklos.</p>", contact_name="VVG administracija",
            contact_email="info@ignalinosvvg.lt",
        )
        index.add_child(instance=call)
        result[number] = call
    return result


_counter = iter(range(1, 10_000))


def add_project(index, title, beneficiary, measure, publish=True, **extra):
    number = next(_counter)
    fields = {
        "code": f"IGN-LEADER-6B-DV-26-1-{number:05d}",
        "grant": Decimal("10000"),
        "total_value": Decimal("12500"),
        "start_date": D(2026, 6, 1),
        "end_date": D(2027, 5, 31),
        "status": "in_progress",
        "aim": f"Projekto „{title}“ tikslas.",
    } | extra
    project = FundedProjectPage(
        title=title, slug=f"projektas-{number}", beneficiary=beneficiary, measure=measure, live=False, **fields
    )
    index.add_child(instance=project)
    if publish:
        project.save_revision().publish()
        project.refresh_from_db()
    return project


@pytest.fixture
def four_projects(project_index, organisations, measures, calls):
    """Different on every filter: call, measure, status, beneficiary's sector and start year."""
    return [
        add_project(project_index, "Bendruomenės svetainė", organisations["civil"], measures["VPS-1.1"],
                    call=calls["Nr. 1"], status="in_progress", grant=Decimal("28000"), total_value=Decimal("35000"),
                    start_date=D(2026, 7, 1)),
        add_project(project_index, "Jaunimo erdvė", organisations["civil"], measures["VPS-1.1"],
                    call=calls["Nr. 1"], status="signed", grant=Decimal("24500.50"), total_value=Decimal("30625"),
                    start_date=D(2026, 9, 1)),
        add_project(project_index, "Amatų dirbtuvės", organisations["business"], measures["VPS-2.1"],
                    call=calls["Nr. 2"], status="signed", grant=Decimal("21000"), total_value=Decimal("30000"),
                    start_date=D(2027, 1, 15), end_date=D(2028, 6, 30)),
        add_project(project_index, "Kultūros vakarai", organisations["public"], measures["VPS-1.1"],
                    status="completed", grant=Decimal("5000"), total_value=Decimal("5000"),
                    start_date=D(2025, 5, 1), end_date=D(2025, 12, 31)),
    ]


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def listed(response):
    return [a.get_text(strip=True) for a in soup(response).select(".project-table tbody th a")]


def totals(response):
    page = soup(response)
    figures = {dd["data-total"]: dd.get_text(strip=True) for dd in page.select(".project-totals dd[data-total]")}
    by_status = {li["data-status"]: int(li.strong.get_text()) for li in page.select(".totals-by-status li")}
    return figures, by_status


def euro(text):
    return text.replace(" ", NBSP)


def test_listing_shows_totals_above_the_table(client, four_projects):
    response = client.get("/projektai/")
    assert set(listed(response)) == {project.title for project in four_projects}
    figures, by_status = totals(response)
    assert figures == {
        "count": "4",
        "grant": euro("78 500,50 €"),
        "total_value": euro("100 625,00 €"),
    }
    assert by_status == {"signed": 2, "in_progress": 1, "completed": 1, "terminated": 0}
    page = soup(response)
    sections = [section.get("class")[0] for section in page.select("main section, main form")]
    assert sections.index("project-totals") < sections.index("project-list")
    row = page.select_one(".project-table tbody tr")  # the latest start first
    assert row.th.a.get_text() == "Amatų dirbtuvės"
    assert [time["datetime"] for time in row.select("time")] == ["2027-01-15", "2028-06-30"]
    assert euro("21 000,00 €") in row.get_text()


@pytest.mark.parametrize(("query", "titles", "count", "grant"), [
    ({"status": "signed"}, {"Jaunimo erdvė", "Amatų dirbtuvės"}, "2", "45 500,50 €"),
    ({"sector": "civil"}, {"Bendruomenės svetainė", "Jaunimo erdvė"}, "2", "52 500,50 €"),
    ({"year": "2026"}, {"Bendruomenės svetainė", "Jaunimo erdvė"}, "2", "52 500,50 €"),
    ({"status": "terminated"}, set(), "0", "0,00 €"),
])
def test_filters_select_projects_and_the_totals_follow(client, four_projects, query, titles, count, grant):
    response = client.get("/projektai/", query)
    assert set(listed(response)) == titles
    figures, by_status = totals(response)
    assert (figures["count"], figures["grant"]) == (count, euro(grant))
    assert sum(by_status.values()) == int(count)


def test_call_and_measure_filters(client, four_projects, calls, measures):
    assert set(listed(client.get("/projektai/", {"call": calls["Nr. 1"].pk}))) == {"Bendruomenės svetainė",
                                                                                     "Jaunimo erdvė"}
    assert listed(client.get("/projektai/", {"measure": measures["VPS-2.1"].pk})) == ["Amatų dirbtuvės"]
    combined = client.get("/projektai/", {"measure": measures["VPS-1.1"].pk, "status": "completed"})
    assert listed(combined) == ["Kultūros vakarai"]
    assert totals(combined)[0]["total_value"] == euro("5 000,00 €")


def test_filter_form_is_a_labelled_get_form_offering_what_the_projects_use(client, four_projects, calls):
    Measure.objects.create(code="VPS-9", name="Nenaudojama", budget=1)
    form = soup(client.get("/projektai/")).select_one("form.project-filters")
    assert form["method"] == "get" and form["action"] == "/projektai/"
    for select in form.select("select"):
        assert form.select_one(f'label[for="{select["id"]}"]').get_text(strip=True)
    options = {select["name"]: [o.get_text(strip=True) for o in select.select("option")[1:]]
               for select in form.select("select")}
    assert options["call"] == ["Nr. 1 Kvietimas Nr. 1", "Nr. 2 Kvietimas Nr. 2"]
    assert [text.split()[0] for text in options["measure"]] == ["VPS-1.1", "VPS-2.1"]
    assert options["year"] == ["2027", "2026", "2025"]
    assert len(options["status"]) == 4 and len(options["sector"]) == 3
    assert form.select_one("button[type=submit]")


def test_an_invalid_filter_is_reported_and_left_out(client, four_projects):
    response = client.get("/projektai/", {"status": "signed", "year": "1999"})
    assert set(listed(response)) == {"Jaunimo erdvė", "Amatų dirbtuvės"}
    page = soup(response)
    assert page.select_one("#id_year")["aria-invalid"] == "true"
    assert page.select_one("#id_year_error")


def test_pages_of_a_filtered_list_keep_the_filters(client, project_index, organisations, measures):
    for day in range(1, 26):
        add_project(project_index, f"Projektas {day:02d}", organisations["civil"], measures["VPS-1.1"],
                    start_date=D(2026, 1, day), status="signed")
    add_project(project_index, "Kitas", organisations["civil"], measures["VPS-1.1"], status="completed")

    first = client.get("/projektai/", {"status": "signed"})
    assert len(listed(first)) == 20
    assert totals(first)[0]["count"] == "25"  # the totals count the whole selection, not one page
    next_href = soup(first).select_one(".pagination a[rel=next]")["href"]
    assert next_href == "?status=signed&page=2"
    assert listed(client.get("/projektai/" + next_href)) == [f"Projektas {day:02d}" for day in range(5, 0, -1)]


def test_drafts_withdrawn_and_private_projects_are_never_listed_nor_exported(
    client, project_index, organisations, measures
):
    add_project(project_index, "Paskelbtas", organisations["civil"], measures["VPS-1.1"])
    add_project(project_index, "Juodraštis", organisations["civil"], measures["VPS-1.1"], publish=False)
    add_project(project_index, "Atšauktas", organisations["civil"], measures["VPS-1.1"]).unpublish()
    private = add_project(project_index, "Tik nariams", organisations["civil"], measures["VPS-1.1"])
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="x")
    published = FundedProjectPage.objects.get(title="Paskelbtas")
    published.title = "Nepaskelbtas pakeitimas"
    published.save_revision()  # a draft change of a live page is not published either

    response = client.get("/projektai/")
    assert listed(response) == ["Paskelbtas"]
    assert totals(response)[0]["count"] == "1"
    assert [row["title"] for row in read_csv(client.get("/projektai/duomenys.csv"))] == ["Paskelbtas"]
    assert [row["title"] for row in client.get("/projektai/duomenys.json").json()["projects"]] == ["Paskelbtas"]


def read_csv(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_csv_download_honours_the_filters_and_reads_back(client, four_projects, calls):
    response = client.get("/projektai/duomenys.csv", {"status": "signed", "sector": "business"})
    assert response["Content-Disposition"] == 'attachment; filename="projektai.csv"'
    rows = read_csv(response)
    assert len(rows) == 1
    project = four_projects[2]
    assert rows[0] == {
        "code": project.code,
        "title": "Amatų dirbtuvės",
        "url": project.full_url,
        "beneficiary_name": "MB Amatų dirbtuvės",
        "beneficiary_legal_code": "300000001",
        "beneficiary_sector": "business",
        "call_number": "Nr. 2",
        "measure_code": "VPS-2.1",
        "grant": "21000.00",
        "total_value": "30000.00",
        "own_contribution": "9000.00",
        "status": "signed",
        "start_date": "2027-01-15",
        "end_date": "2028-06-30",
    }
    assert rows[0]["url"].startswith("http://")
    everything = read_csv(client.get("/projektai/duomenys.csv"))
    assert list(everything[0]) == EXPORT_COLUMNS
    assert len(everything) == 4
    assert {row["call_number"] for row in everything} == {"Nr. 1", "Nr. 2", ""}


def test_json_download_honours_the_filters_and_reads_back(client, four_projects):
    response = client.get("/projektai/duomenys.json", {"year": "2026"})
    assert response["Content-Type"] == "application/json"
    data = json.loads(response.content.decode("utf-8"))
    assert data["count"] == 2
    assert {project["title"] for project in data["projects"]} == {"Bendruomenės svetainė", "Jaunimo erdvė"}
    row = next(project for project in data["projects"] if project["title"] == "Jaunimo erdvė")
    assert list(row) == EXPORT_COLUMNS
    assert (row["grant"], row["total_value"], row["own_contribution"]) == ("24500.50", "30625.00", "6124.50")
    assert (row["start_date"], row["call_number"], row["beneficiary_legal_code"]) == ("2026-09-01", "Nr. 1", "")
    assert "Jaunimo erdvė" in response.content.decode("utf-8")  # Lithuanian letters unescaped


def test_data_links_on_the_listing_carry_the_current_filters(client, four_projects, measures):
    page = soup(client.get("/projektai/", {"measure": measures["VPS-1.1"].pk, "status": "signed", "page": "1",
                                           "year": "nonsense"}))
    links = {a.get_text(strip=True).split()[0]: a["href"] for a in page.select(".open-data a")}
    query = f"measure={measures['VPS-1.1'].pk}&status=signed"
    assert links == {"CSV": f"/projektai/duomenys.csv?{query}", "JSON": f"/projektai/duomenys.json?{query}"}
    assert [row["title"] for row in read_csv(client.get(links["CSV"]))] == ["Jaunimo erdvė"]

    unfiltered = soup(client.get("/projektai/")).select(".open-data a")
    assert [a["href"] for a in unfiltered] == ["/projektai/duomenys.csv", "/projektai/duomenys.json"]


def test_only_the_index_serves_data_files(client, four_projects):
    assert client.get("/projektai/duomenys.xml").status_code == 404
    assert client.get(four_projects[0].url + "duomenys.csv").status_code == 404
    assert client.get("/duomenys.csv").status_code == 404


def _queries(client, url):
    cache.clear()  # site roots are cached; only the database work is measured
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response, len(queries)


@pytest.mark.parametrize("url", ["/projektai/", "/projektai/?status=in_progress&sector=civil",
                                 "/projektai/duomenys.csv", "/projektai/duomenys.json"])
def test_queries_do_not_grow_with_the_number_of_projects(client, project_index, organisations, measures, calls,
                                                         url):
    def add(count):
        for _ in range(count):
            beneficiary = Organisation.objects.create(name=f"Organizacija {next(_counter)}", sector="civil")
            add_project(project_index, "Projektas", beneficiary, measures["VPS-1.1"], call=calls["Nr. 1"])
        client.get(url)  # the first view creates the site's settings row; later views only read it

    add(5)
    _response, with_five = _queries(client, url)
    add(20)
    response, with_twenty_five = _queries(client, url)
    assert with_twenty_five == with_five
    if url.startswith("/projektai/?"):
        assert len(listed(response)) == 20


def test_grant_larger_than_total_is_refused_with_a_clear_message(project_index, organisations, measures):
    project = FundedProjectPage(
        title="Per didelė parama", slug="per-didele", code="X-1", beneficiary=organisations["civil"],
        measure=measures["VPS-1.1"], grant=Decimal("12500.01"), total_value=Decimal("12500"),
        start_date=D(2026, 6, 1), end_date=D(2026, 5, 31), aim="Tikslas.", latitude=Decimal("55.34"),
    )
    with pytest.raises(ValidationError) as error:
        project_index.add_child(instance=project)
    messages = error.value.message_dict
    assert messages["grant"] == [
        "Parama negali būti didesnė už bendrą projekto vertę: "
        "nuosavas įnašas (bendra vertė, atėmus paramą) būtų neigiamas."
    ]
    assert messages["end_date"] == ["Projekto pabaiga negali būti ankstesnė už pradžią."]
    assert messages["longitude"] == ["Įveskite ir platumą, ir ilgumą arba nė vienos."]
    assert not FundedProjectPage.objects.exists()


def test_the_admin_refuses_a_grant_larger_than_the_total(admin_client, project_index, organisations, measures):
    add_url = f"/admin/pages/add/vvg_projects/fundedprojectpage/{project_index.pk}/"
    form = nested_form_data({
        "title": "Bendruomenės svetainė",
        "slug": "bendruomenes-svetaine",
        "code": "IGN-LEADER-6B-DV-26-1-00001",
        "beneficiary": organisations["civil"].pk,
        "partners": inline_formset([{"organisation": organisations["business"].pk}]),
        "measure": measures["VPS-1.1"].pk,
        "grant": "30000.00",
        "total_value": "25000.00",
        "start_date": "2026-07-01",
        "end_date": "2027-12-31",
        "status": "in_progress",
        "aim": "Tikslas.",
        "gallery_images": inline_formset([]),
        "results": rich_text("<p>Rezultatai.</p>"),
        "body": streamfield([]),
        "comments": inline_formset([]),
        "action-publish": "publish",
    })
    assert admin_client.get(add_url).status_code == 200
    response = admin_client.post(add_url, form)
    assert response.status_code == 200
    assert "Parama negali būti didesnė už bendrą projekto vertę" in response.content.decode()
    assert not FundedProjectPage.objects.exists()

    form["grant"] = "25000.00"  # equal to the total: no own contribution, which is allowed
    assert admin_client.post(add_url, form).status_code == 302
    project = FundedProjectPage.objects.get()
    assert project.live and project.own_contribution == Decimal("0.00")
    assert [partner.organisation.name for partner in project.partners.all()] == ["MB Amatų dirbtuvės"]


def test_project_codes_are_unique_but_a_translation_shares_its_code(project_index, organisations, measures):
    first = add_project(project_index, "Pirmas", organisations["civil"], measures["VPS-1.1"], code="IGN-1")
    with pytest.raises(ValidationError, match="Šį kodą jau turi kitas finansuotas projektas"):
        add_project(project_index, "Antras", organisations["civil"], measures["VPS-1.1"], code="ign-1")

    english = first.copy_for_translation(Locale.objects.get(language_code="en"), copy_parents=True)
    assert english.code == "IGN-1"


@pytest.mark.parametrize(("grant", "total", "errors"), [
    (Decimal("100"), Decimal("100"), set()),
    (Decimal("0"), Decimal("100"), set()),
    (Decimal("100.01"), Decimal("100"), {"grant"}),
    (None, Decimal("100"), set()),  # the required-field error comes from the field itself
])
def test_amount_rule(grant, total, errors):
    assert set(services.amount_errors(grant, total)) == errors
    contribution = services.own_contribution(total, grant)
    assert contribution == (None if grant is None else total - grant)


@pytest.mark.parametrize(("latitude", "longitude", "errors"), [
    (None, None, set()),
    (Decimal("55.34"), Decimal("26.16"), set()),
    (Decimal("55.34"), None, {"longitude"}),
    (None, Decimal("26.16"), {"latitude"}),
])
def test_location_rule(latitude, longitude, errors):
    assert set(services.location_errors(latitude, longitude)) == errors


def test_coordinates_out_of_range_are_refused(project_index, organisations, measures):
    with pytest.raises(ValidationError) as error:
        add_project(project_index, "Kažkur", organisations["civil"], measures["VPS-1.1"],
                    latitude=Decimal("95"), longitude=Decimal("-181"))
    assert set(error.value.message_dict) == {"latitude", "longitude"}
