"""Sign-in lock-outs of django-axes as the admin shows them: who is locked now, and lifting a lock."""

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.utils import timezone


def current():
    """Attempts at or over the failure limit whose cool-off has not ended, newest first."""
    attempts = AccessAttempt.objects.filter(failures_since_start__gte=settings.AXES_FAILURE_LIMIT)
    cool_off = get_cool_off()
    if cool_off:
        attempts = attempts.filter(attempt_time__gte=timezone.now() - cool_off)
    return attempts.order_by("-attempt_time")


def lift(attempt_id):
    """Forget the failures of one user name and address; the lifted attempt, or None."""
    attempt = current().filter(pk=attempt_id).first() if str(attempt_id or "").isdigit() else None
    if attempt:
        attempt.delete()
    return attempt
