"""The evaluation admin: evaluators see only their own sheets, coordinators run the workflow, import/export."""

import csv
import io
import re
from decimal import Decimal

import openpyxl
import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from wagtail.models import ReferenceIndex

from tests.test_evaluations_fixtures import (  # noqa: F401 (fixtures)
    add_application,
    call,
    coordinator,
    evaluation,
    evaluators,
    score_all,
)
from tests.url_walk import walk
from vvg.core.roles import EVALUATION_COORDINATORS, EVALUATORS, REGISTER_KEEPERS
from vvg.evaluations import services
from vvg.evaluations.choices import ApplicationStatus as S
from vvg.evaluations.models import Application, BoardDecision, BoardDecisionOutcome
from vvg.projects.models import FundedProjectIndexPage, FundedProjectPage

pytestmark = pytest.mark.django_db

SECRET_COMMENT = "Slaptas-vertintojo-komentaras"


@pytest.fixture
def scored(call, evaluation, evaluators, coordinator):
    """An application scored by the first evaluator, with a comment nobody else may read."""
    application = add_application(call)
    application.title = "Slaptas projektas apie paslaugas"
    application.save()
    assignment = services.assign(application, evaluators[0], coordinator)
    services.sign_declaration(evaluators[0], call, [])
    need, group, sustainability = evaluation.criteria.all()
    services.save_scores(assignment, evaluators[0], {
        need.pk: (2, SECRET_COMMENT), group.pk: (15, ""), sustainability.pk: (20, "")
    }, submit=True)
    decision = BoardDecision(call=call, date="2026-06-01", minutes_number="V-7", procedure="written")
    decision.outcomes = [BoardDecisionOutcome(application=application, outcome="selected")]
    decision.save()
    return {"application": application, "assignment": assignment, "evaluation": evaluation, "decision": decision}


def module_routes():
    """(name, route) of every admin URL of the module: its snippets, choosers, registers and own views."""
    for name, route in walk():
        if "vvg_evaluations" in name or name.startswith("vvg_registers:"):
            yield name, route


def fill(route, objects):
    """The route's path with the placeholders filled with the ids of the objects under test."""
    kind = next((key for key in ("application", "callevaluation", "boarddecision") if f"/{key}/" in route), None)
    own = {
        "sheet": objects["assignment"].pk, "assignment": objects["assignment"].pk,
        "application": objects["application"].pk, "ranking": objects["evaluation"].pk,
        "decision": objects["decision"].pk,
    }
    section = next((key for key in own if route.startswith(f"admin/evaluations/{key}/")), None)
    values = {
        "app_label": "vvg_evaluations", "model_name": "application", "file_format": "csv",
        "call_pk": objects["application"].call_id,
        "pk": objects[{"callevaluation": "evaluation", "boarddecision": "decision"}.get(kind, "application")].pk
        if kind else own.get(section),
    }
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda match: str(values[match.group(1)]), route)


def secrets(objects):
    application = objects["application"]
    return [SECRET_COMMENT, application.title, application.applicant.name, application.number]


def test_an_unassigned_evaluator_reaches_no_data_by_any_admin_url_of_the_module(client, scored, make_user):
    outsider = make_user("smalsuolis", EVALUATORS)
    client.force_login(outsider)
    routes = list(module_routes())
    assert len(routes) > 40  # the walk found the snippets', choosers', registers' and own views
    for name, route in routes:
        url = fill(route, scored)
        for method in (client.get, client.post):
            response = method(url)
            content = response.content.decode()
            assert not any(secret in content for secret in secrets(scored)), f"{name} {url} shows data"
            if name == "vvg_evaluations:my_assignments":
                assert response.status_code in (200, 405)
            else:
                assert response.status_code in (302, 403, 405), f"{name} {url} answered {response.status_code}"
    for url in ("/admin/", "/admin/snippets/", "/admin/reports/site-history/", "/admin/reports/audit/"):
        response = client.get(url, follow=True)
        assert not any(secret in response.content.decode() for secret in secrets(scored)), url
    # Nothing was changed by the attempts.
    scored["assignment"].refresh_from_db()
    assert scored["assignment"].is_submitted and scored["application"].status == S.QUALITY


def test_an_evaluator_with_another_sheet_of_the_call_sees_only_that_one(client, scored, evaluators, coordinator):
    other = add_application(scored["application"].call)
    mine = services.assign(other, evaluators[1], coordinator)
    client.force_login(evaluators[1])
    listing = client.get("/admin/evaluations/my/").content.decode()
    assert other.number in listing and scored["application"].number not in listing
    declaration = client.get(f"/admin/evaluations/declaration/{other.call_id}/").content.decode()
    assert other.number in declaration and scored["application"].applicant.name not in declaration
    refused = client.get(f"/admin/evaluations/sheet/{scored['assignment'].pk}/")
    assert refused.status_code == 403 or refused.url == "/admin/"
    assert client.get(f"/admin/evaluations/sheet/{mine.pk}/").status_code == 302  # to the declaration first


def test_evaluator_signs_scores_sees_the_running_total_and_submits(client, call, evaluation, evaluators, coordinator):
    application = add_application(call)
    conflicted = add_application(call)
    assignment = services.assign(application, evaluators[0], coordinator)
    services.assign(conflicted, evaluators[0], coordinator)
    client.force_login(evaluators[0])
    sheet_url = f"/admin/evaluations/sheet/{assignment.pk}/"
    assert client.get(sheet_url).url == f"/admin/evaluations/declaration/{call.pk}/"

    declaration_url = f"/admin/evaluations/declaration/{call.pk}/"
    response = client.post(declaration_url, {"conflicts": [conflicted.pk]})
    assert response.status_code == 200 and not services.declaration_of(evaluators[0], call)  # not agreed
    client.post(declaration_url, {"conflicts": [conflicted.pk], "agree": "on"})
    declaration = services.declaration_of(evaluators[0], call)
    assert list(declaration.conflicts.all()) == [conflicted] and declaration.text_version == services.DECLARATION_VERSION
    assert not conflicted.assignments.exists()

    need, group, sustainability = evaluation.criteria.all()
    fields = {f"points_{need.pk}": "3", f"comment_{need.pk}": "", f"points_{group.pk}": "15", f"points_{sustainability.pk}": "20"}
    response = client.post(sheet_url, {**fields, "save": ""})
    assert response.status_code == 200 and "comment" in str(response.context["form"].errors)  # 3 < 50 % of 10
    fields[f"comment_{need.pk}"] = "Poreikis pagrįstas silpnai."
    response = client.post(sheet_url, {**fields, "save": ""}, follow=True)
    page = BeautifulSoup(response.content, "html.parser")
    assert page.select_one("#running-total").get_text() == "38"
    client.post(sheet_url, {**fields, "submit": ""})
    assignment.refresh_from_db()
    assert assignment.is_submitted
    client.post(sheet_url, {**fields, f"points_{group.pk}": "1", f"comment_{group.pk}": "x", "save": ""})
    assert assignment.scores.get(criterion=group).points == 15  # locked


def test_coordinator_assigns_changes_status_sees_every_score_and_reopens(client, scored, evaluators, coordinator):
    application = scored["application"]
    client.force_login(coordinator)
    url = f"/admin/evaluations/application/{application.pk}/"
    page = client.get(url).content.decode()
    assert SECRET_COMMENT in page and "vertintojas1" in page
    client.post(f"{url}assign/", {"evaluators": [evaluators[1].pk, evaluators[2].pk]})
    assert application.assignments.count() == 3
    client.post(f"/admin/evaluations/assignment/{scored['assignment'].pk}/reopen/")
    scored["assignment"].refresh_from_db()
    assert not scored["assignment"].is_submitted
    client.post(f"{url}status/", {"status": S.REJECTED, "reason": ""})
    application.refresh_from_db()
    assert application.status == S.QUALITY  # a rejection needs a reason
    client.post(f"{url}status/", {"status": S.WITHDRAWN, "reason": "Pareiškėjas atsiėmė."})
    application.refresh_from_db()
    assert application.status == S.WITHDRAWN


def test_application_listing_filters_and_searches(client, scored, coordinator):
    other = add_application(scored["application"].call, status=S.RECEIVED)
    client.force_login(coordinator)
    base = "/admin/snippets/vvg_evaluations/application/"
    assert other.number in client.get(base).content.decode()
    found = client.get(base, {"q": "Slaptas projektas"}).content.decode()
    assert scored["application"].number in found and other.number not in found
    filtered = client.get(base, {"status": S.RECEIVED}).content.decode()
    assert other.number in filtered and scored["application"].number not in filtered


def ranking_world(call, evaluators, coordinator):
    first = add_application(call, requested="60000")
    second = add_application(call, requested="50000")
    third = add_application(call, requested="10000")
    for application, points in ((first, [9, 18, 25]), (second, [8, 15, 20]), (third, [7, 15, 16])):
        score_all(services.assign(application, evaluators[0], coordinator), evaluators[0], points)
    return first, second, third


def test_ranking_page_exports_and_printable_page(client, call, evaluation, evaluators, coordinator):
    first, second, third = ranking_world(call, evaluators, coordinator)
    client.force_login(coordinator)
    url = f"/admin/evaluations/ranking/{evaluation.pk}/"
    page = BeautifulSoup(client.get(url).content, "html.parser")
    rows = [[cell.get_text(strip=True) for cell in row.select("th, td")] for row in page.select("tbody tr")]
    assert [row[1] for row in rows] == [first.number, second.number, third.number]
    # The third would fit in what is left, but it is below the line.
    assert [row["data-line"] for row in page.select("tbody tr")] == ["selected", "reserve", "reserve"]
    assert [row[-1] for row in rows] == ["40\u00a0000,00\u00a0€"] * 3

    response = client.get(url, {"format": "csv"})
    table = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(table) == 4 and len(table[0]) == len(table[1]) == 12  # 3 of them criteria
    assert (table[1][1], table[1][-3], table[1][-1]) == (first.number, "52.00", "40000.00")
    book = openpyxl.load_workbook(io.BytesIO(client.get(url, {"format": "xlsx"}).content))
    assert [row[1] for row in book.active.iter_rows(min_row=3, values_only=True)] == [first.number, second.number, third.number]
    printable = client.get(url, {"format": "print"}).content.decode()
    assert "Bendrai finansuoja Europos Sąjunga" in printable and first.title in printable


def test_decision_view_applies_statuses_and_creates_chosen_drafts(client, call, evaluation, evaluators, coordinator, home_page):
    home_page.add_child(instance=FundedProjectIndexPage(title="Projektai", slug="projektai"))
    first, second, third = ranking_world(call, evaluators, coordinator)
    decision = BoardDecision(call=call, date="2026-06-01", minutes_number="V-7", procedure="meeting")
    decision.outcomes = [
        BoardDecisionOutcome(application=first, outcome="selected"),
        BoardDecisionOutcome(application=second, outcome="reserve"),
        BoardDecisionOutcome(application=third, outcome="rejected", reason="Žemiau linijos."),
    ]
    decision.save()
    client.force_login(coordinator)
    url = f"/admin/evaluations/decision/{decision.pk}/apply/"
    assert client.get(url).status_code == 200
    client.post(url, {"drafts": [first.pk, second.pk]})  # a reserve application is not turned into a project
    statuses = dict(Application.objects.values_list("pk", "status"))
    assert (statuses[first.pk], statuses[second.pk], statuses[third.pk]) == (S.SELECTED, S.RESERVE, S.REJECTED)
    project = FundedProjectPage.objects.get()
    assert project.code == first.number and not project.live
    first.refresh_from_db()
    assert first.funded_project_id == project.pk


def test_import_a_calls_applications_then_export_imports_back_unchanged(client, call, coordinator, tmp_path):
    organisation = add_application(call).applicant
    rows = [
        ["call", "number", "applicant", "title", "requested_amount", "total_amount", "received_at"],
        ["Nr. 2", "IGN-1", organisation.legal_code, "Socialinės dirbtuvės", "12 500,50", "15000", "2026-04-02 10:15"],
        ["Nr. 2", "IGN-2", organisation.name, "Jaunimo erdvė", "9000", "9000", "2026-04-03 08:00"],
    ]
    path = tmp_path / "paraiskos.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    client.force_login(coordinator)
    base = "/admin/registers/vvg_evaluations/application/"
    with open(path, "rb") as handle:
        report = client.post(f"{base}import/", {"import_file": handle}).context
    assert report["report"].ok and report["token"]
    client.post(f"{base}import/confirm/", {"token": report["token"]})
    imported = Application.objects.get(number="IGN-1")
    assert imported.requested_amount == Decimal("12500.50") and imported.applicant == organisation
    assert imported.status == S.RECEIVED and f"{imported.received_at:%H:%M}" != "" and Application.objects.count() == 3

    export = client.get(f"{base}export/csv/")
    assert export.status_code == 200
    path.write_bytes(export.content)
    with open(path, "rb") as handle:
        report = client.post(f"{base}import/", {"import_file": handle}).context["report"]
    assert report.ok and {row.status for row in report.rows} == {"unchanged"}


def test_a_file_with_an_unknown_applicant_imports_nothing(client, call, coordinator, tmp_path):
    path = tmp_path / "paraiskos.csv"
    path.write_text(
        "call,number,applicant,title,requested_amount,total_amount,received_at\n"
        "Nr. 2,IGN-1,Nežinoma,Projektas,100,200,2026-04-02 10:15\n", encoding="utf-8"
    )
    client.force_login(coordinator)
    with open(path, "rb") as handle:
        context = client.post("/admin/registers/vvg_evaluations/application/import/", {"import_file": handle}).context
    assert not context["report"].ok and not context["token"] and not Application.objects.exists()


def test_roles_have_the_permissions_of_their_duties():
    coordinators = set(Group.objects.get(name=EVALUATION_COORDINATORS).permissions.values_list("codename", flat=True))
    evaluators = set(Group.objects.get(name=EVALUATORS).permissions.values_list("codename", flat=True))
    assert {"add_application", "change_application", "change_boarddecision", "change_callevaluation"} <= coordinators
    assert evaluators & {p for p in coordinators if "evaluations" not in p} >= {"add_score", "change_score"}
    assert not any(codename.endswith(("_application", "_assignment", "_boarddecision")) for codename in evaluators)


def test_coordinator_opens_every_listing_and_form_of_the_module(client, scored, coordinator):
    client.force_login(coordinator)
    for model, obj in (("application", scored["application"]), ("callevaluation", scored["evaluation"]),
                       ("boarddecision", scored["decision"])):
        base = f"/admin/snippets/vvg_evaluations/{model}/"
        for url in (base, f"{base}add/", f"{base}edit/{obj.pk}/", f"{base}history/{obj.pk}/",
                    f"/admin/snippets/choose/vvg_evaluations/{model}/"):
            assert client.get(url).status_code == 200, url
    history = client.get(f"/admin/snippets/vvg_evaluations/application/history/{scored['application'].pk}/")
    assert "vertintojas1" in history.content.decode()  # who submitted the sheet, from the audit log


def test_evaluation_records_stay_out_of_the_usage_tabs_other_roles_see(client, scored, make_user):
    assert not ReferenceIndex.objects.filter(content_type__app_label="vvg_evaluations").exists()
    client.force_login(make_user("tvarkytoja", REGISTER_KEEPERS))
    organisation = scored["application"].applicant
    response = client.get(f"/admin/snippets/vvg_core/organisation/usage/{organisation.pk}/")
    assert response.status_code == 200
    assert not any(secret in response.content.decode() for secret in secrets(scored) if secret != organisation.name)


def test_decision_recorded_from_the_ranking_proposes_its_outcomes(client, call, evaluation, evaluators, coordinator):
    first, second, third = ranking_world(call, evaluators, coordinator)
    failed = add_application(call)
    score_all(services.assign(failed, evaluators[1], coordinator), evaluators[1], [1, 2, 3])
    client.force_login(coordinator)
    url = f"/admin/evaluations/ranking/{evaluation.pk}/decision/"
    assert client.post(url, {"date": "", "minutes_number": "V-8", "procedure": "written"}).status_code == 302
    assert not BoardDecision.objects.exists()  # the date is missing
    response = client.post(url, {"date": "2026-06-02", "minutes_number": "V-8", "procedure": "written"})
    decision = BoardDecision.objects.get()
    assert response.url == f"/admin/snippets/vvg_evaluations/boarddecision/edit/{decision.pk}/"
    outcomes = {o.application: o.outcome for o in decision.outcomes.all()}
    assert outcomes == {first: "selected", second: "reserve", third: "reserve", failed: "rejected"}
    assert decision.outcomes.get(application=failed).reason  # a rejection carries its reason
    assert client.get(response.url).status_code == 200
