"""Demo evaluation of the open call Nr. 2 for `load_demo_content`: criteria, six applications, three evaluators.

The evaluators are demo accounts without a usable password (an administrator sets one to try the
evaluator's view); the third declares a conflict with one application. Scores put three applications
within the allocation, two on the reserve list and one below the threshold. Everything goes through
services.py, so the audit log tells the same story. Nothing is created when the call already has criteria.
"""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from vvg.calls.models import CallPage
from vvg.core.choices import Sector
from vvg.core.models import Organisation
from vvg.core.roles import EVALUATORS

from . import services
from .choices import ApplicationStatus
from .models import Application, CallEvaluation, Criterion

CALL_NUMBER = "Nr. 2"
CRITERIA = [
    ("Projekto atitiktis vietos plėtros strategijos tikslams", 20, "Paraiškos 2 dalis; VPS 1 tikslas."),
    ("Tikslinių grupių įtrauktis", 15, "Tikslinių grupių aprašymas ir dalyvių skaičius."),
    ("Veiklų pagrįstumas ir rezultatai", 15, "Veiklų planas, biudžetas ir rodikliai."),
    ("Rezultatų tęstinumas", 10, "Tęstinumo planas po projekto pabaigos."),
]
# title, applicant, sector, requested €, points of the evaluators per criterion
APPLICATIONS = [
    ("Bendruomenės svetainės veiklos vyresnio amžiaus žmonėms", "Ignalinos bendruomenės centras", Sector.CIVIL,
     "35000", [[18, 14, 13, 9], [19, 13, 14, 8], [17, 14, 13, 9]]),
    ("Jaunimo savanorystės klubas", "VšĮ Ignalinos jaunimo iniciatyvos", Sector.CIVIL,
     "40000", [[17, 13, 12, 8], [18, 12, 12, 8]]),
    ("Prieinamos sporto veiklos neįgaliesiems", "Ignalinos neįgaliųjų draugija", Sector.CIVIL,
     "30000", [[16, 12, 12, 8], [16, 13, 11, 7], [15, 12, 12, 8]]),
    ("Amatų dirbtuvės socialinės rizikos jaunuoliams", "MB Ignalinos amatų dirbtuvės", Sector.BUSINESS,
     "25000", [[15, 11, 11, 7], [14, 12, 10, 7], [15, 11, 10, 6]]),
    ("Socialinio verslo kavinė", "VšĮ Ignalinos socialinės iniciatyvos", Sector.CIVIL,
     "20000", [[13, 10, 10, 6], [14, 10, 9, 6], [13, 11, 9, 6]]),
    ("Kaimynų pagalbos tinklas", "Ignalinos senjorų klubas „Sidabras“", Sector.CIVIL,
     "15000", [[6, 4, 5, 3], [7, 5, 4, 2], [5, 4, 4, 3]]),
]
PASS_THRESHOLD = Decimal("30")
EVALUATOR_NAMES = [("vertintojas-demo-1", "Vertintojas 1"), ("vertintojas-demo-2", "Vertintojas 2"),
                   ("vertintojas-demo-3", "Vertintojas 3")]
CONFLICTED = 1  # the third evaluator's conflict: the second application


def _evaluators():
    group = Group.objects.get(name=EVALUATORS)
    users = []
    for username, last_name in EVALUATOR_NAMES:
        user, created = get_user_model().objects.get_or_create(
            username=username, defaults={"first_name": "Demo", "last_name": last_name}
        )
        if created:
            user.set_unusable_password()
            user.save()
        user.groups.add(group)
        users.append(user)
    return users


def _comment(criterion, points, evaluation):
    required = services.comment_required(criterion, points, evaluation.comment_below_percent)
    return "Pagrindimas nepakankamas." if required else ""


def build_evaluations(ctx):
    call = CallPage.objects.filter(number=CALL_NUMBER).first()
    if call is None:
        return
    if CallEvaluation.objects.filter(call=call).exists():
        ctx.present.append(f"evaluation of call {CALL_NUMBER}")
        return
    evaluation = CallEvaluation(call=call, pass_threshold=PASS_THRESHOLD, comment_below_percent=50)
    evaluation.criteria = [Criterion(name=n, max_points=m, verification_note=v) for n, m, v in CRITERIA]
    evaluation.save()
    criteria = list(evaluation.criteria.all())
    evaluators = _evaluators()
    received = max(call.opens_at, timezone.now() - datetime.timedelta(days=6))

    applications = []
    for position, (title, name, sector, requested, _sheets) in enumerate(APPLICATIONS, start=1):
        applicant = Organisation.objects.filter(name=name).first()
        if applicant is None:
            applicant = Organisation.objects.create(name=name, sector=sector)
        application = Application.objects.create(
            call=call, number=f"IGN-2-{position:03d}", applicant=applicant, title=title,
            requested_amount=Decimal(requested), total_amount=Decimal(requested) * Decimal("1.25"),
            received_at=received + datetime.timedelta(hours=5 * position),
        )
        for status in (ApplicationStatus.ADMINISTRATIVE, ApplicationStatus.ELIGIBILITY, ApplicationStatus.QUALITY):
            services.change_status(application, status, None)
        applications.append(application)

    for evaluator in evaluators:
        for application in applications:
            services.assign(application, evaluator, None)
        # Declaring the conflict ends that assignment, as it would in the admin.
        conflicts = [applications[CONFLICTED]] if evaluator == evaluators[2] else []
        services.sign_declaration(evaluator, call, conflicts)

    for application, spec in zip(applications, APPLICATIONS):
        for assignment, points in zip(application.assignments.order_by("evaluator__username"), spec[4]):
            values = {c.pk: (p, _comment(c, p, evaluation)) for c, p in zip(criteria, points)}
            services.save_scores(assignment, assignment.evaluator, values, submit=True)
    ctx.created.append(
        f"evaluation of call {CALL_NUMBER}: {len(criteria)} criteria, {len(applications)} applications"
    )
