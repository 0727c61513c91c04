"""Who may see and record indicators: the Stebėsena group and superusers, through model permissions."""

from wagtail.permission_policies import ModelPermissionPolicy

from .models import Indicator, Measurement


def can_view_indicators(user):
    """Progress, drill-down and reports: anyone who may work with indicators at all."""
    return ModelPermissionPolicy(Indicator).user_has_any_permission(user, ["view", "add", "change", "delete"])


def can_record_measurements(user):
    """A snapshot on demand writes or replaces a measurement."""
    policy = ModelPermissionPolicy(Measurement)
    return policy.user_has_permission(user, "add") and policy.user_has_permission(user, "change")
