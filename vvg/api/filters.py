"""The page filters consumers of API v2 need beyond Wagtail's own (`type`, `child_of`, field filters, …).

- `status=upcoming|open|closed|results`: calls by their computed status (vvg.calls.services). With
  `type=vvg_projects.FundedProjectPage` `status` is the project's own stored status instead (Wagtail's
  field filter). With no type, or another type without a stored `status`, it lists calls only.
- `upcoming=true|false`: pages not over yet, soonest first (true) or over, latest first (false); for
  page types whose queryset knows `upcoming()`/`past()` (trainings and events: `type=events.EventBasePage`
  for both kinds). Other types answer 400.
- `call=<id>` for funded projects is Wagtail's own field filter on FundedProjectPage.call.
"""

from django.core.exceptions import FieldDoesNotExist
from django.utils import timezone
from rest_framework.filters import BaseFilterBackend
from wagtail.api.v2.utils import BadRequestError, parse_boolean

from vvg.calls.choices import CallStatus
from vvg.calls.models import CallPage
from vvg.calls.services import status_q


def has_db_field(model, name):
    try:
        model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True


class CallStatusFilter(BaseFilterBackend):
    def filter_queryset(self, request, queryset, view):
        value = request.GET.get("status")
        if value is None or has_db_field(queryset.model, "status"):
            return queryset  # absent, or a stored status Wagtail's FieldsFilter has already applied
        if value not in CallStatus.values:
            raise BadRequestError(f"status must be one of: {', '.join(CallStatus.values)}")
        calls = CallPage.objects.with_results_flag().filter(status_q(value, timezone.now()))
        return queryset.filter(pk__in=calls.values("pk"))


class UpcomingFilter(BaseFilterBackend):
    def filter_queryset(self, request, queryset, view):
        value = request.GET.get("upcoming")
        if value is None:
            return queryset
        if not hasattr(queryset, "upcoming"):
            raise BadRequestError("upcoming needs a type of trainings or events, e.g. type=events.EventBasePage")
        try:
            upcoming = parse_boolean(value)
        except ValueError as error:
            raise BadRequestError(f"upcoming: {error}") from error
        # In date order; Wagtail's OrderingFilter replaces it only when `order` is given.
        return queryset.upcoming() if upcoming else queryset.past()
