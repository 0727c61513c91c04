"""Fixtures and helpers the evaluation tests share (this module holds no tests)."""

import datetime
import itertools
from decimal import Decimal

import pytest
from django.utils import timezone

from vvg.calls.choices import SelectionMode
from vvg.calls.models import CallIndexPage, CallPage
from vvg.core.choices import Sector
from vvg.core.models import Measure, Organisation
from vvg.core.roles import EVALUATION_COORDINATORS, EVALUATORS
from vvg.evaluations import services
from vvg.evaluations.choices import ApplicationStatus
from vvg.evaluations.models import Application, CallEvaluation, Criterion

_numbers = itertools.count(1)


def local(*args):
    return timezone.make_aware(datetime.datetime(*args))


@pytest.fixture
def call(home_page):
    index = home_page.add_child(instance=CallIndexPage(title="Kvietimai", slug="kvietimai", live=False))
    index.save_revision().publish()
    measure = Measure.objects.create(code="VPS-1.1", name="Socialinės problemos", budget=Decimal("450000"))
    call = CallPage(
        title="Socialinės paslaugos", slug="kvietimas-2", number="Nr. 2", measure=measure, summary="Trumpai.",
        opens_at=local(2026, 3, 2, 9), closes_at=local(2026, 4, 30, 16), total_allocation=Decimal("100000"),
        max_grant=Decimal("50000"), funding_rate=Decimal("80"), selection_mode=SelectionMode.COMPETITION,
        eligible_applicants="<p>NVO.</p>", eligible_activities="<p>Paslaugos.</p>", contact_name="VVG",
        contact_email="info@ignalinosvvg.lt", live=False,
    )
    index.add_child(instance=call)
    call.save_revision().publish()
    return CallPage.objects.get(pk=call.pk)


@pytest.fixture
def evaluation(call):
    """Criteria of 10, 20 and 30 points; 30 points pass; comments below half of the maximum."""
    evaluation = CallEvaluation(call=call, pass_threshold=Decimal("30"), comment_below_percent=50)
    evaluation.criteria = [
        Criterion(name="Poreikis", max_points=10),
        Criterion(name="Tikslinė grupė", max_points=20),
        Criterion(name="Tvarumas", max_points=30, verification_note="Projekto aprašymas, 5 dalis"),
    ]
    evaluation.save()
    return evaluation


def add_application(call, requested="20000", received=None, status=ApplicationStatus.QUALITY, **extra):
    number = next(_numbers)
    applicant = Organisation.objects.create(name=f"Bendruomenė {number}", sector=Sector.CIVIL, legal_code=f"30{number:07d}")
    return Application.objects.create(
        call=call, number=f"P-{number:03d}", applicant=applicant, title=f"Projektas {number}",
        requested_amount=Decimal(requested), total_amount=Decimal(requested) * 2,
        received_at=received or local(2026, 4, 1, 9) + datetime.timedelta(minutes=number), status=status, **extra,
    )


@pytest.fixture
def coordinator(make_user):
    return make_user("koordinatore", EVALUATION_COORDINATORS)


@pytest.fixture
def evaluators(make_user):
    return [make_user(f"vertintojas{n}", EVALUATORS) for n in (1, 2, 3)]


def score_all(assignment, user, points, submit=True):
    """Sign the call's declaration if needed and give the criteria `points` (a list), submitting the sheet."""
    call = assignment.application.call
    if not services.declaration_of(user, call):
        services.sign_declaration(user, call, [])
    criteria = list(call.evaluation.criteria.all())
    values = {c.pk: (p, "Pagrindimas." if p * 2 < c.max_points else "") for c, p in zip(criteria, points)}
    services.save_scores(assignment, user, values, submit=submit)
