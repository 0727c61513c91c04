"""Evaluation in a real browser: an evaluator signs, scores and submits; every form passes the accessibility check."""

import datetime
import re

import pytest

from tests.accessibility import assert_accessible
from tests.test_evaluations_fixtures import (  # noqa: F401 (fixtures)
    add_application,
    call,
    coordinator,
    evaluation,
)
from vvg.core.roles import EVALUATION_COORDINATORS, EVALUATORS
from vvg.evaluations import services
from vvg.evaluations.models import Assignment, BoardDecision, BoardDecisionOutcome

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "Vertintojo-slaptazodis-1"


def test_evaluator_signs_scores_and_submits_on_accessible_forms(live_server, call, evaluation, coordinator, make_user, page_in_browser):
    evaluator = make_user("vertintoja", EVALUATORS, password=PASSWORD)
    assignment = services.assign(add_application(call), evaluator, coordinator)
    tab = page_in_browser
    tab.goto(live_server.url + "/admin/login/")
    tab.fill("#id_username", "vertintoja")
    tab.fill("#id_password", PASSWORD)
    tab.locator("form button[type=submit]").first.click()
    tab.wait_for_url(re.compile(r"/admin/$"))

    assert_accessible(tab, live_server.url + "/admin/evaluations/my/")
    tab.locator(f'a[href="/admin/evaluations/declaration/{call.pk}/"]').first.click()
    tab.wait_for_url(re.compile(r"/declaration/\d+/$"))
    assert_accessible(tab, tab.url)
    tab.check("#id_agree")
    tab.locator("main form button[type=submit]").click()
    tab.wait_for_url(re.compile(r"/admin/evaluations/my/$"))
    assert services.declaration_of(evaluator, call) is not None

    sheet = f"{live_server.url}/admin/evaluations/sheet/{assignment.pk}/"
    assert_accessible(tab, sheet)
    need, group, sustainability = evaluation.criteria.all()
    tab.fill(f"#id_points_{need.pk}", "4")
    tab.fill(f"#id_comment_{need.pk}", "Poreikis pagrįstas tik iš dalies.")
    tab.fill(f"#id_points_{group.pk}", "16")
    tab.fill(f"#id_points_{sustainability.pk}", "21")
    tab.locator("main form button[name=save]").click()
    tab.wait_for_load_state()
    assert tab.locator("#running-total").inner_text() == "41"
    assert_accessible(tab, sheet)  # with the saved values

    tab.locator("main form button[name=submit]").click()
    tab.wait_for_url(re.compile(r"/admin/evaluations/my/$"))
    assert Assignment.objects.get(pk=assignment.pk).is_submitted
    tab.goto(sheet)
    assert tab.locator(f"#id_points_{need.pk}").count() == 0  # locked: no form any more


def test_coordinator_pages_pass_the_accessibility_check(live_server, call, evaluation, make_user, page_in_browser):
    coordinator = make_user("koordinatorius", EVALUATION_COORDINATORS, password=PASSWORD)
    evaluator = make_user("vertintoja", EVALUATORS)
    application = add_application(call)
    assignment = services.assign(application, evaluator, coordinator)
    services.sign_declaration(evaluator, call, [])
    need, group, sustainability = evaluation.criteria.all()
    services.save_scores(assignment, evaluator, {need.pk: (8, ""), group.pk: (15, ""), sustainability.pk: (20, "")}, submit=True)
    decision = BoardDecision(call=call, date=datetime.date(2026, 6, 1), minutes_number="V-7", procedure="meeting")
    decision.outcomes = [BoardDecisionOutcome(application=application, outcome="selected")]
    decision.save()
    tab = page_in_browser
    tab.goto(live_server.url + "/admin/login/")
    tab.fill("#id_username", "koordinatorius")
    tab.fill("#id_password", PASSWORD)
    tab.locator("form button[type=submit]").first.click()
    tab.wait_for_url(re.compile(r"/admin/$"))
    for path in (
        f"/admin/evaluations/application/{application.pk}/",
        f"/admin/evaluations/ranking/{evaluation.pk}/",
        f"/admin/evaluations/ranking/{evaluation.pk}/?format=print",
        f"/admin/evaluations/decision/{decision.pk}/apply/",
    ):
        assert_accessible(tab, live_server.url + path)
