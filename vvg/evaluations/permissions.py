"""Who may do what in evaluation: roles by model permissions, evaluators further limited to their own sheets.

Vertinimo koordinatoriai hold every permission of the app's models; Vertintojai only add/change of
scores and add of declarations, which no listing of Wagtail exposes. Every evaluator view looks
objects up through `own_assignments()`, so a guessed id of another's sheet finds nothing.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied
from wagtail.permission_policies import ModelPermissionPolicy

from .models import Application, Assignment, Score


def is_coordinator(user):
    return ModelPermissionPolicy(Application).user_has_permission(user, "change")


def is_evaluator(user):
    return ModelPermissionPolicy(Score).user_has_permission(user, "change")


def own_assignments(user):
    return Assignment.objects.filter(evaluator=user, evaluator__is_active=True)


def own_assignment_or_403(user, pk):
    """The user's own assignment with this id; anything else (another's, missing) is simply refused."""
    if not is_evaluator(user):
        raise PermissionDenied
    assignment = own_assignments(user).select_related("application__call__evaluation").filter(pk=pk).first()
    if assignment is None:
        raise PermissionDenied
    return assignment


def require_model_permission(view, model):
    """`view`, refused to users without any permission on `model` (Wagtail's choosers check none)."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        policy = ModelPermissionPolicy(model)
        if not policy.user_has_any_permission(request.user, ["add", "change", "delete", "view"]):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return guarded
