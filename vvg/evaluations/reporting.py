"""What applications tell the indicators app through its hooks (the protocols: vvg/indicators/sources.py).

Only organisations and counts leave this app: never scores, evaluators or applicants' contact data.
"""

import datetime

from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from .models import Application


@hooks.register("register_vvg_participation_source")
class ApplicationParticipationSource:
    """Applicants and their partners take part in implementing the strategy by applying (R.S.2.3034)."""

    name = "applications"
    label = _("Applications to calls (applicants and partners)")

    def participations(self):
        applications = Application.objects.select_related("applicant", "call").prefetch_related("partners")
        for application in applications.order_by("received_at", "number"):
            activity = f"{application.call.number} {application.number} {application.title}"
            day = timezone.localdate(application.received_at)
            yield application.applicant, activity, day
            for partner in application.partners.all():
                yield partner, activity, day


def _start_of(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


@hooks.register("register_vvg_activity_counter")
class EvaluatedApplicationsCounter:
    """Applications whose every assigned evaluator has submitted, dated by the last submission."""

    name = "applications_evaluated"
    label = _("Applications evaluated")

    def count(self, start=None, end=None):
        evaluated = (
            Application.objects.filter(assignments__isnull=False)
            .exclude(assignments__submitted_at__isnull=True)
            .annotate(evaluated_at=Max("assignments__submitted_at"))
        )
        period = Q()
        if start:
            period &= Q(evaluated_at__gte=_start_of(start))
        if end:
            period &= Q(evaluated_at__lt=_start_of(end + datetime.timedelta(days=1)))
        return evaluated.filter(period).count()
