"""The evaluation rules of vvg.evaluations.services and .ranking: transitions, gates, totals, ranking."""

import datetime
import io
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from hypothesis import given
from hypothesis import strategies as st
from wagtail.models import ModelLogEntry

from tests.test_evaluations_fixtures import (  # noqa: F401 (fixtures)
    add_application,
    call,
    coordinator,
    evaluation,
    evaluators,
    local,
    score_all,
)
from vvg.calls.models import CallPage
from vvg.evaluations import ranking, services
from vvg.evaluations.choices import ApplicationStatus as S
from vvg.evaluations.choices import DecisionOutcome, FundingLine
from vvg.evaluations.models import (
    Application,
    Assignment,
    BoardDecision,
    BoardDecisionOutcome,
    Declaration,
)
from vvg.indicators.sources import activity_counters, participation_sources
from vvg.projects.models import FundedProjectIndexPage, FundedProjectPage

pytestmark = pytest.mark.django_db


# Status transitions


def test_status_follows_allowed_transitions_and_each_change_is_logged(call, coordinator):
    application = add_application(call, status=S.RECEIVED)
    for status in (S.ADMINISTRATIVE, S.ELIGIBILITY, S.QUALITY, S.RESERVE, S.SELECTED):
        services.change_status(application, status, coordinator)
    application.refresh_from_db()
    assert application.status == S.SELECTED
    entries = ModelLogEntry.objects.filter(action="vvg_evaluations.status_change", object_id=str(application.pk))
    assert entries.count() == 5
    last = entries.order_by("-timestamp", "-pk").first()
    assert last.user == coordinator and last.data["old"] == S.RESERVE and last.data["new"] == S.SELECTED


@pytest.mark.parametrize(("old", "new"), [
    (S.RECEIVED, S.QUALITY), (S.RECEIVED, S.SELECTED), (S.REJECTED, S.QUALITY), (S.WITHDRAWN, S.RECEIVED),
    (S.SELECTED, S.RESERVE), (S.ELIGIBILITY, S.ADMINISTRATIVE),
])
def test_a_status_cannot_skip_or_go_back(call, coordinator, old, new):
    application = add_application(call, status=old)
    with pytest.raises(services.EvaluationError):
        services.change_status(application, new, coordinator)
    application.refresh_from_db()
    assert application.status == old
    assert not ModelLogEntry.objects.filter(action="vvg_evaluations.status_change").exists()


def test_rejection_needs_a_reason(call, coordinator):
    application = add_application(call, status=S.ADMINISTRATIVE)
    with pytest.raises(services.EvaluationError):
        services.change_status(application, S.REJECTED, coordinator, reason="  ")
    services.change_status(application, S.REJECTED, coordinator, reason="Trūksta dokumentų.")
    application.refresh_from_db()
    assert (application.status, application.status_reason) == (S.REJECTED, "Trūksta dokumentų.")


# Declaration and conflict gates


def test_nobody_scores_before_signing_the_declaration(call, evaluation, evaluators, coordinator):
    application = add_application(call)
    assignment = services.assign(application, evaluators[0], coordinator)
    criterion = evaluation.criteria.first()
    with pytest.raises(services.EvaluationError, match="nešališkumo ir konfidencialumo deklaraciją"):
        services.save_scores(assignment, evaluators[0], {criterion.pk: (8, "")})
    assert not assignment.scores.exists()
    services.sign_declaration(evaluators[0], call, [])
    services.save_scores(assignment, evaluators[0], {criterion.pk: (8, "")})
    assert assignment.scores.get().points == 8


def test_a_conflicted_evaluator_can_neither_be_assigned_nor_keep_an_assignment(call, evaluation, evaluators, coordinator):
    first, second = add_application(call), add_application(call)
    assignment = services.assign(first, evaluators[0], coordinator)
    services.assign(second, evaluators[0], coordinator)
    services.sign_declaration(evaluators[0], call, [first])
    # The declared conflict ends the assignment, and it cannot be made again.
    assert not type(assignment).objects.filter(pk=assignment.pk).exists()
    with pytest.raises(services.EvaluationError, match="interesų konfliktą"):
        services.assign(first, evaluators[0], coordinator)
    assert services.is_conflicted(evaluators[0], first) and not services.is_conflicted(evaluators[0], second)


def test_a_conflicted_evaluator_cannot_score_even_a_remaining_sheet(call, evaluation, evaluators, coordinator):
    application = add_application(call)
    assignment = services.assign(application, evaluators[0], coordinator)
    services.sign_declaration(evaluators[0], call, [])
    services.declaration_of(evaluators[0], call).conflicts.add(application)  # as if declared later
    with pytest.raises(services.EvaluationError, match="interesų konfliktą"):
        services.save_scores(assignment, evaluators[0], {evaluation.criteria.first().pk: (5, "")})


def test_only_members_of_the_evaluators_group_are_assigned(call, evaluation, coordinator, make_user):
    outsider = make_user("pasasalietis")
    with pytest.raises(services.EvaluationError):
        services.assign(add_application(call), outsider, coordinator)


def test_an_evaluator_scores_only_their_own_sheet(call, evaluation, evaluators, coordinator):
    assignment = services.assign(add_application(call), evaluators[0], coordinator)
    services.sign_declaration(evaluators[1], call, [])
    with pytest.raises(services.EvaluationError):
        services.save_scores(assignment, evaluators[1], {evaluation.criteria.first().pk: (5, "")})


# Scores


def test_points_stay_within_the_maximum_and_low_scores_need_a_comment(call, evaluation, evaluators, coordinator):
    assignment = services.assign(add_application(call), evaluators[0], coordinator)
    services.sign_declaration(evaluators[0], call, [])
    need, _group, sustainability = evaluation.criteria.all()
    with pytest.raises(services.EvaluationError):
        services.save_scores(assignment, evaluators[0], {need.pk: (11, "Per daug")})
    with pytest.raises(services.EvaluationError):
        services.save_scores(assignment, evaluators[0], {sustainability.pk: (14, "")})  # 14 < 50 % of 30
    services.save_scores(assignment, evaluators[0], {sustainability.pk: (15, "")})
    services.save_scores(assignment, evaluators[0], {need.pk: (2, "Poreikis nepagrįstas.")})
    assert sorted(assignment.scores.values_list("points", flat=True)) == [2, 15]


def test_a_submitted_sheet_is_locked_until_a_coordinator_reopens_it(call, evaluation, evaluators, coordinator):
    application = add_application(call)
    assignment = services.assign(application, evaluators[0], coordinator)
    with pytest.raises(services.EvaluationError, match="įvertinkite kiekvieną kriterijų"):
        score_all(assignment, evaluators[0], [8, 15])
    assert not type(assignment).objects.get(pk=assignment.pk).is_submitted
    score_all(assignment, evaluators[0], [8, 15, 20])
    assignment.refresh_from_db()
    assert assignment.is_submitted
    with pytest.raises(services.EvaluationError, match="užrakintas"):
        services.save_scores(assignment, evaluators[0], {evaluation.criteria.first().pk: (1, "Klaida")})
    services.reopen(assignment, coordinator)
    services.save_scores(assignment, evaluators[0], {evaluation.criteria.first().pk: (9, "")})
    actions = list(ModelLogEntry.objects.for_instance(application).order_by("pk").values_list("action", flat=True))
    assert actions == ["vvg_evaluations.assign", "vvg_evaluations.submit", "vvg_evaluations.reopen"]


def test_total_is_the_sum_of_criterion_averages_of_submitted_sheets(call, evaluation, evaluators, coordinator):
    application = add_application(call)
    sheets = [services.assign(application, evaluator, coordinator) for evaluator in evaluators]
    score_all(sheets[0], evaluators[0], [8, 15, 20])
    score_all(sheets[1], evaluators[1], [7, 10, 25])
    entry = services.ranking_entry(application, evaluation)
    assert entry.total == Decimal("42.50") and not entry.complete and not entry.passes
    score_all(sheets[2], evaluators[2], [6, 12, 15], submit=False)  # a draft does not count
    assert services.ranking_entry(application, evaluation).total == Decimal("42.50")
    services.save_scores(sheets[2], evaluators[2], {}, submit=True)
    entry = services.ranking_entry(application, evaluation)
    # (8+7+6)/3 + (15+10+12)/3 + (20+25+15)/3 = 7 + 12.333… + 20
    assert entry.total == Decimal("39.33") and entry.complete and entry.passes


def test_an_application_below_the_threshold_does_not_pass(call, evaluation, evaluators, coordinator):
    application = add_application(call)
    score_all(services.assign(application, evaluators[0], coordinator), evaluators[0], [5, 10, 14])
    entry = services.ranking_entry(application, evaluation)
    assert entry.total == Decimal("29.00") and entry.complete and not entry.passes


# Ranking and funding line


def entry(key, total, minute, requested, complete=True, threshold="30"):
    return ranking.Entry(
        key=key, total=None if total is None else Decimal(total), received_at=local(2026, 4, 1, 9, minute),
        requested=Decimal(requested), complete=complete, threshold=Decimal(threshold),
    )


def test_funding_line_selects_while_it_fits_then_reserves_every_passing_one():
    lines = ranking.rank([
        entry(1, "50", 5, "40000"), entry(2, "45", 1, "50000"), entry(3, "45", 2, "20000"),
        entry(4, "40", 3, "5000"), entry(5, "20", 4, "1000"), entry(6, "60", 9, "30000", complete=False),
    ], Decimal("100000"))
    assert [(line.entry.key, line.line, line.remaining) for line in lines] == [
        (6, FundingLine.INCOMPLETE, Decimal("100000")),
        (1, FundingLine.SELECTED, Decimal("60000")),
        (2, FundingLine.SELECTED, Decimal("10000")),  # 45 points, received before no. 3
        (3, FundingLine.RESERVE, Decimal("10000")),  # does not fit: the line is here
        (4, FundingLine.RESERVE, Decimal("10000")),  # would fit, but is below the line
        (5, FundingLine.BELOW_THRESHOLD, Decimal("10000")),
    ]


entries_strategy = st.lists(
    st.builds(
        entry,
        key=st.integers(0, 10_000),
        total=st.one_of(st.none(), st.decimals(0, 100, places=2).map(str)),
        minute=st.integers(0, 59),
        requested=st.decimals(0, 60_000, places=2).map(str),
        complete=st.booleans(),
    ),
    max_size=25,
    unique_by=lambda e: e.key,
)
allocations = st.decimals(0, 150_000, places=2)


@given(entries_strategy, allocations)
def test_selection_never_exceeds_the_allocation(entries, allocation):
    lines = ranking.rank(entries, allocation)
    selected = sum((line.entry.requested for line in lines if line.line == FundingLine.SELECTED), Decimal(0))
    assert selected <= allocation
    assert all(line.remaining >= 0 for line in lines)
    assert lines[-1].remaining == allocation - selected if lines else True


@given(entries_strategy, allocations)
def test_ranking_order_is_total_descending_then_earlier_received(entries, allocation):
    lines = ranking.rank(entries, allocation)
    assert [line.position for line in lines] == list(range(1, len(lines) + 1))
    for before, after in zip(lines, lines[1:]):
        a, b = before.entry, after.entry
        a_total = a.total if a.total is not None else Decimal("-1")
        b_total = b.total if b.total is not None else Decimal("-1")
        assert a_total > b_total or (a_total == b_total and a.received_at <= b.received_at)


@given(entries_strategy, allocations)
def test_selected_ones_are_a_prefix_of_the_passing_ones_and_the_rest_are_reserve(entries, allocation):
    lines = [line for line in ranking.rank(entries, allocation) if line.entry.passes]
    outcomes = [line.line for line in lines]
    first_reserve = outcomes.index(FundingLine.RESERVE) if FundingLine.RESERVE in outcomes else len(outcomes)
    assert set(outcomes[:first_reserve]) <= {FundingLine.SELECTED}
    assert set(outcomes[first_reserve:]) <= {FundingLine.RESERVE}
    if first_reserve < len(lines):
        spent = sum((line.entry.requested for line in lines[:first_reserve]), Decimal(0))
        assert lines[first_reserve].entry.requested > allocation - spent


@given(entries_strategy, allocations, st.randoms())
def test_ranking_is_idempotent_and_ignores_input_order(entries, allocation, random):
    once = ranking.rank(entries, allocation)
    shuffled = list(entries)
    random.shuffle(shuffled)
    assert ranking.rank(shuffled, allocation) == once
    assert ranking.rank([line.entry for line in once], allocation) == once


def test_call_ranking_uses_the_call_allocation_and_only_applications_in_evaluation(call, evaluation, evaluators, coordinator):
    first = add_application(call, requested="60000", received=local(2026, 4, 2, 10))
    second = add_application(call, requested="50000", received=local(2026, 4, 1, 10))
    third = add_application(call, requested="30000")
    add_application(call, status=S.ELIGIBILITY)
    for application, points in ((first, [9, 18, 25]), (second, [9, 18, 25]), (third, [8, 15, 20])):
        score_all(services.assign(application, evaluators[0], coordinator), evaluators[0], points)
    lines = services.call_ranking(call)
    assert [(application, line.line, line.remaining) for application, line, _sheets in lines] == [
        (second, FundingLine.SELECTED, Decimal("50000")),  # tie with the first, received earlier
        (first, FundingLine.RESERVE, Decimal("50000")),
        (third, FundingLine.RESERVE, Decimal("50000")),
    ]


# Board decision → statuses and funded project drafts


def test_board_decision_sets_statuses_and_makes_unpublished_project_drafts(call, evaluation, coordinator, home_page):
    index = home_page.add_child(instance=FundedProjectIndexPage(title="Projektai", slug="projektai"))
    selected, rejected = add_application(call), add_application(call)
    partner = add_application(call, status=S.RECEIVED).applicant
    selected.partners.add(partner)
    decision = BoardDecision(call=call, date=datetime.date(2026, 6, 1), minutes_number="V-7", procedure="meeting")
    decision.outcomes = [
        BoardDecisionOutcome(application=selected, outcome=DecisionOutcome.SELECTED),
        BoardDecisionOutcome(application=rejected, outcome=DecisionOutcome.REJECTED, reason="Nepakanka balų."),
    ]
    decision.save()
    assert services.apply_decision(decision, coordinator) == 2
    assert services.apply_decision(decision, coordinator) == 0  # applying again changes nothing
    selected.refresh_from_db()
    rejected.refresh_from_db()
    assert (selected.status, rejected.status, rejected.status_reason) == (S.SELECTED, S.REJECTED, "Nepakanka balų.")

    project = services.create_project_draft(selected, services.project_index(), coordinator)
    project = FundedProjectPage.objects.get(pk=project.pk)
    assert not project.live and project.get_parent().pk == index.pk and project.has_unpublished_changes
    assert (project.title, project.code, project.beneficiary, project.call, project.measure) == (
        selected.title, selected.number, selected.applicant, call, call.measure
    )
    assert (project.grant, project.total_value) == (selected.requested_amount, selected.total_amount)
    assert [p.organisation for p in project.partners.all()] == [partner]
    with pytest.raises(services.EvaluationError):
        services.create_project_draft(selected, index, coordinator)  # one project per application
    with pytest.raises(services.EvaluationError):
        services.create_project_draft(rejected, index, coordinator)


# Indicators' hooks


def test_applicants_and_partners_are_participations_and_evaluated_applications_are_counted(
    call, evaluation, evaluators, coordinator
):
    application = add_application(call)
    application.partners.add(add_application(call, status=S.RECEIVED).applicant)
    source = participation_sources()["applications"]
    organisations = {organisation.name for organisation, _activity, _day in source.participations()}
    assert application.applicant.name in organisations and len(organisations) == 2

    counter = activity_counters()["applications_evaluated"]
    assignment = services.assign(application, evaluators[0], coordinator)
    assert counter.count() == 0
    score_all(assignment, evaluators[0], [8, 15, 20])
    today = datetime.date.today()
    assert counter.count() == 1
    assert counter.count(start=today + datetime.timedelta(days=2)) == 0


# Demo content


def test_demo_evaluates_the_open_call_with_a_reserve_list_and_a_conflict(home_page):
    call_command("load_demo_content", stdout=io.StringIO())
    call = CallPage.objects.get(number="Nr. 2", locale__language_code="lt")  # not its English translation
    lines = [line.line for _application, line, _sheets in services.call_ranking(call)]
    assert lines == [FundingLine.SELECTED] * 3 + [FundingLine.RESERVE] * 2 + [FundingLine.BELOW_THRESHOLD]
    assert Application.objects.filter(call=call).count() == 6
    conflicted = Declaration.objects.exclude(conflicts=None).get()
    assert not Assignment.objects.filter(evaluator=conflicted.evaluator, application__in=conflicted.conflicts.all()).exists()
    assert not any(user.has_usable_password() for user in get_user_model().objects.filter(username__startswith="vertintojas-demo"))
    counts = (Application.objects.count(), Assignment.objects.count(), ModelLogEntry.objects.count())
    call_command("load_demo_content", stdout=io.StringIO())
    assert (Application.objects.count(), Assignment.objects.count(), ModelLogEntry.objects.count()) == counts
