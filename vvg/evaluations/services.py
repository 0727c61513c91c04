"""The rules of the evaluation workflow (DESIGN.md "Evaluation workflow"): every view goes through here.

Each rule raises EvaluationError with a message meant for the user; every change of a status, an
assignment or a score sheet is written to Wagtail's audit log.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from vvg.core.roles import EVALUATORS

from . import ranking
from .choices import ApplicationStatus, DecisionOutcome, FundingLine
from .models import (
    Application, Assignment, BoardDecision, BoardDecisionOutcome, CallEvaluation, Declaration, Score,
)

S = ApplicationStatus
TRANSITIONS = {
    S.RECEIVED: {S.ADMINISTRATIVE, S.REJECTED, S.WITHDRAWN},
    S.ADMINISTRATIVE: {S.ELIGIBILITY, S.REJECTED, S.WITHDRAWN},
    S.ELIGIBILITY: {S.QUALITY, S.REJECTED, S.WITHDRAWN},
    S.QUALITY: {S.SELECTED, S.RESERVE, S.REJECTED, S.WITHDRAWN},
    # Money freed by a withdrawal goes to the reserve list.
    S.RESERVE: {S.SELECTED, S.REJECTED, S.WITHDRAWN},
    S.SELECTED: {S.WITHDRAWN},
    S.REJECTED: set(),
    S.WITHDRAWN: set(),
}
FINAL_STATUSES = {S.SELECTED, S.RESERVE, S.REJECTED, S.WITHDRAWN}
# The applications a ranking lists: in quality evaluation or placed by it.
RANKED_STATUSES = (S.QUALITY, S.SELECTED, S.RESERVE)
OUTCOME_STATUS = {
    DecisionOutcome.SELECTED: S.SELECTED,
    DecisionOutcome.RESERVE: S.RESERVE,
    DecisionOutcome.REJECTED: S.REJECTED,
}

DECLARATION_VERSION = "2026-1"
DECLARATION_TEXT = _(
    "I declare that I will evaluate the applications of this call impartially and objectively, that I have "
    "no conflict of interest with the applications I evaluate other than those I declare below, and that "
    "I will keep confidential everything I learn from the applications and the evaluation, using it only "
    "for the evaluation. Should a conflict of interest arise, I will declare it at once and not evaluate "
    "that application."
)


class EvaluationError(Exception):
    """A rule of the workflow refuses the change; the message is meant for the user."""


# Statuses


def allowed_statuses(application):
    return sorted(TRANSITIONS[application.status])


def change_status(application, status, user, reason=""):
    if status not in TRANSITIONS[application.status]:
        raise EvaluationError(_("An application cannot go from “%(old)s” to “%(new)s”.") % {
            "old": S(application.status).label, "new": S(status).label
        })
    if status == S.REJECTED and not reason.strip():
        raise EvaluationError(_("Give the reason of the rejection."))
    old = application.status
    application.status = status
    application.status_reason = reason.strip()
    with transaction.atomic():
        application.save(update_fields=["status", "status_reason"])
        log(instance=application, action="vvg_evaluations.status_change", user=user,
            data={"old": old, "new": status, "reason": application.status_reason})


# Declarations and assignments


def declaration_of(user, call):
    return Declaration.objects.filter(evaluator=user, call=call).first()


def in_evaluators_group(user):
    return user.is_active and user.groups.filter(name=EVALUATORS).exists()


def is_conflicted(user, application):
    return Declaration.objects.filter(evaluator=user, call_id=application.call_id, conflicts=application).exists()


def sign_declaration(user, call, conflicts):
    """Sign once per call; the declared conflicts' unsubmitted assignments end, as they may not be scored."""
    if declaration_of(user, call):
        raise EvaluationError(_("You have already signed the declaration for this call."))
    conflicts = list(conflicts)
    if any(application.call_id != call.pk for application in conflicts):
        raise EvaluationError(_("A declared conflict must be an application of this call."))
    with transaction.atomic():
        declaration = Declaration.objects.create(
            evaluator=user, call=call, signed_at=timezone.now(), text_version=DECLARATION_VERSION,
            text=str(DECLARATION_TEXT),
        )
        declaration.conflicts.set(conflicts)
        log(instance=declaration, action="vvg_evaluations.declare", user=user,
            data={"conflicts": [application.pk for application in conflicts]})
        for assignment in Assignment.objects.filter(evaluator=user, application__in=conflicts):
            unassign(assignment, user, reason="conflict")
    return declaration


def assign(application, evaluator, user):
    if application.status in FINAL_STATUSES:
        raise EvaluationError(_("The evaluation of this application is over."))
    if not in_evaluators_group(evaluator):
        raise EvaluationError(_("%(user)s is not in the evaluators' group.") % {"user": evaluator})
    if not CallEvaluation.objects.filter(call_id=application.call_id).exists():
        raise EvaluationError(_("Set the call's criteria and pass threshold first."))
    if is_conflicted(evaluator, application):
        raise EvaluationError(_("%(user)s has declared a conflict of interest with this application.") % {
            "user": evaluator
        })
    with transaction.atomic():
        assignment, created = Assignment.objects.get_or_create(application=application, evaluator=evaluator)
        if created:
            log(instance=application, action="vvg_evaluations.assign", user=user,
                data={"evaluator": evaluator.get_username()})
    return assignment


def unassign(assignment, user, reason=""):
    if assignment.is_submitted:
        raise EvaluationError(_("A submitted sheet cannot be removed; reopen it first."))
    with transaction.atomic():
        log(instance=assignment.application, action="vvg_evaluations.unassign", user=user,
            data={"evaluator": assignment.evaluator.get_username(), "reason": reason})
        assignment.delete()


# Scores


def comment_required(criterion, points, comment_below_percent):
    return points * 100 < criterion.max_points * comment_below_percent


def check_may_score(assignment, user):
    """The gates before any scoring: own sheet, declaration signed, no conflict, not submitted."""
    if assignment.evaluator_id != user.pk:
        raise EvaluationError(_("This is not your assignment."))
    application = assignment.application
    if not declaration_of(user, application.call):
        raise EvaluationError(_("Sign the impartiality and confidentiality declaration of the call first."))
    if is_conflicted(user, application):
        raise EvaluationError(_("You have declared a conflict of interest with this application."))
    if assignment.is_submitted:
        raise EvaluationError(_("The sheet is submitted and locked."))
    if application.status in FINAL_STATUSES:
        raise EvaluationError(_("The evaluation of this application is over."))


def score_errors(evaluation, values):
    """{criterion id: message} for `values` ({criterion id: (points, comment)}) against the call's rules."""
    errors = {}
    for criterion in evaluation.criteria.all():
        if criterion.pk not in values:
            continue
        points, comment = values[criterion.pk]
        if not 0 <= points <= criterion.max_points:
            errors[criterion.pk] = _("Give 0 to %(max)s points.") % {"max": criterion.max_points}
        elif comment_required(criterion, points, evaluation.comment_below_percent) and not comment.strip():
            errors[criterion.pk] = _("Explain a score below %(percent)s%% of the maximum.") % {
                "percent": evaluation.comment_below_percent
            }
    return errors


def save_scores(assignment, user, values, submit=False):
    """Save the evaluator's points and comments; `submit` also locks the sheet, which needs every criterion."""
    check_may_score(assignment, user)
    evaluation = assignment.application.call.evaluation
    errors = score_errors(evaluation, values)
    if errors:
        raise EvaluationError(" ".join(str(message) for message in errors.values()))
    criteria = list(evaluation.criteria.all())
    with transaction.atomic():
        for criterion in criteria:
            if criterion.pk in values:
                points, comment = values[criterion.pk]
                Score.objects.update_or_create(
                    assignment=assignment,
                    criterion=criterion,
                    defaults={"points": points, "comment": comment.strip()},
                )
        if submit:
            scored = set(assignment.scores.values_list("criterion_id", flat=True))
            if any(criterion.pk not in scored for criterion in criteria):
                raise EvaluationError(_("Score every criterion before submitting."))
            assignment.submitted_at = timezone.now()
            assignment.save(update_fields=["submitted_at"])
            sheet = {str(score.criterion): score.points for score in assignment.scores.select_related("criterion")}
            log(instance=assignment.application, action="vvg_evaluations.submit", user=user,
                data={"evaluator": user.get_username(), "scores": sheet})


def reopen(assignment, user):
    if not assignment.is_submitted:
        raise EvaluationError(_("The sheet is not submitted."))
    if assignment.application.status in FINAL_STATUSES:
        raise EvaluationError(_("The evaluation of this application is over."))
    with transaction.atomic():
        assignment.submitted_at = None
        assignment.save(update_fields=["submitted_at"])
        log(instance=assignment.application, action="vvg_evaluations.reopen", user=user,
            data={"evaluator": assignment.evaluator.get_username()})


def running_total(assignment):
    """The evaluator's own total so far (not the application's: others' sheets stay unseen)."""
    return sum(score.points for score in assignment.scores.all())


# Totals and ranking


def submitted_sheets(application):
    """{criterion id: points} of each submitted sheet of the application."""
    return [
        {score.criterion_id: score.points for score in assignment.scores.all()}
        for assignment in application.assignments.all()
        if assignment.is_submitted
    ]


def ranking_entry(application, evaluation):
    criterion_ids = [criterion.pk for criterion in evaluation.criteria.all()]
    assignments = list(application.assignments.all())
    sheets = submitted_sheets(application)
    return ranking.Entry(
        key=application.pk,
        total=ranking.sheet_total(criterion_ids, sheets),
        received_at=application.received_at,
        requested=application.requested_amount,
        complete=bool(assignments) and len(sheets) == len(assignments),
        threshold=evaluation.pass_threshold,
    )


def call_ranking(call):
    """(application, ranking line, submitted sheets) of every ranked application of the call, in rank order."""
    evaluation = call.evaluation
    applications = {
        application.pk: application
        for application in Application.objects.filter(call=call, status__in=RANKED_STATUSES)
        .select_related("applicant")
        .prefetch_related("assignments__scores")
    }
    entries = [ranking_entry(application, evaluation) for application in applications.values()]
    return [
        (applications[line.entry.key], line, submitted_sheets(applications[line.entry.key]))
        for line in ranking.rank(entries, call.total_allocation)
    ]


# Board decisions and funded projects


LINE_OUTCOMES = {
    FundingLine.SELECTED: DecisionOutcome.SELECTED,
    FundingLine.RESERVE: DecisionOutcome.RESERVE,
    FundingLine.BELOW_THRESHOLD: DecisionOutcome.REJECTED,
}


def decision_from_ranking(call, date, minutes_number, procedure):
    """A board decision proposing, for every fully evaluated application, the outcome its ranking line gives."""
    decision = BoardDecision(call=call, date=date, minutes_number=minutes_number, procedure=procedure)
    decision.outcomes = [
        BoardDecisionOutcome(
            application=application,
            outcome=LINE_OUTCOMES[line.line],
            reason=str(line.label) if line.line == FundingLine.BELOW_THRESHOLD else "",
        )
        for application, line, _sheets in call_ranking(call)
        if line.line in LINE_OUTCOMES
    ]
    decision.save()
    log(instance=decision, action="wagtail.create")
    return decision


def apply_decision(decision, user):
    """Give each application of the decision the status of its outcome; returns the number changed."""
    changed = 0
    with transaction.atomic():
        for outcome in decision.outcomes.select_related("application"):
            application = outcome.application
            if application.call_id != decision.call_id:
                raise EvaluationError(_("%(application)s is not an application of the decision's call.") % {
                    "application": application
                })
            status = OUTCOME_STATUS[outcome.outcome]
            if application.status != status:
                reason = outcome.reason or _("Board decision %(decision)s") % {"decision": decision}
                change_status(application, status, user, reason=str(reason))
                changed += 1
    return changed


def project_index():
    """The first funded projects index page, under which drafts are added."""
    from vvg.projects.models import FundedProjectIndexPage

    return FundedProjectIndexPage.objects.order_by("path").first()


def create_project_draft(application, parent, user):
    """An unpublished FundedProjectPage under `parent`, prefilled from a selected application."""
    from vvg.projects.models import FundedProjectPage, FundedProjectPartner

    if application.status != S.SELECTED:
        raise EvaluationError(_("Only a selected application becomes a funded project."))
    if application.funded_project_id:
        raise EvaluationError(_("%(application)s already has a funded project.") % {"application": application})
    call = application.call
    start = timezone.localdate()
    project = FundedProjectPage(
        title=application.title,
        code=application.number,
        beneficiary=application.applicant,
        call=call,
        measure=call.measure,
        grant=application.requested_amount,
        total_value=application.total_amount,
        start_date=start,
        end_date=start + datetime.timedelta(days=365),
        aim=application.title,
        live=False,
        owner=user,
    )
    project.partners = [FundedProjectPartner(organisation=partner) for partner in application.partners.all()]
    with transaction.atomic():
        parent.add_child(instance=project)
        project.save_revision(user=user, log_action=True)
        application.funded_project = project
        application.save(update_fields=["funded_project"])
        log(instance=application, action="vvg_evaluations.project_draft", user=user, data={"page": project.pk})
    return project
