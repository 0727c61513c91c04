"""Admin of evaluation: the coordinators' listings and views, the evaluators' own menu, log actions."""

from django.urls import URLPattern, include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import TitleColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from vvg.core import audit
from vvg.core.menus import plugin_menu
from vvg.core.views import ImportExportSnippetViewSet

from . import reporting, urls  # noqa: F401 (reporting registers the indicators' hooks)
from .models import Application, BoardDecision, CallEvaluation
from .permissions import is_evaluator, require_model_permission
from .resources import ApplicationResource

LOG_ACTIONS = {
    "vvg_evaluations.status_change": (_("Change application status"), _("Application status changed")),
    "vvg_evaluations.declare": (_("Sign declaration"), _("Impartiality and confidentiality declaration signed")),
    "vvg_evaluations.assign": (_("Assign evaluator"), _("Evaluator assigned")),
    "vvg_evaluations.unassign": (_("Remove evaluator"), _("Evaluator removed")),
    "vvg_evaluations.submit": (_("Submit scores"), _("Evaluation sheet submitted")),
    "vvg_evaluations.reopen": (_("Reopen scores"), _("Evaluation sheet reopened")),
    "vvg_evaluations.project_draft": (_("Create funded project draft"), _("Funded project draft created")),
}


@hooks.register("register_log_actions")
def register_log_actions(actions):
    audit.register_actions(actions, LOG_ACTIONS)


@hooks.register("register_admin_urls")
def register_evaluation_urls():
    return [path("evaluations/", include((urls.urlpatterns, "vvg_evaluations"), namespace="vvg_evaluations"))]


class EvaluatorMenuItem(MenuItem):
    def is_shown(self, request):
        return is_evaluator(request.user)


@hooks.register("register_admin_menu_item")
def register_my_evaluations_menu_item():
    return EvaluatorMenuItem(
        _("My evaluations"), reverse("vvg_evaluations:my_assignments"), name=plugin_menu("my-evaluations"), icon_name="tasks",
        order=240,
    )


class GuardedChooserViewSet(SnippetChooserViewSet):
    """A snippet chooser only users with a permission on the model may open: it lists the model's rows."""

    def get_urlpatterns(self):
        return [
            path(str(p.pattern), require_model_permission(p.callback, self.model), name=p.name)
            if isinstance(p, URLPattern) else p
            for p in super().get_urlpatterns()
        ]


class ApplicationViewSet(ImportExportSnippetViewSet):
    chooser_viewset_class = GuardedChooserViewSet
    model = Application
    resource_class = ApplicationResource
    icon = "form"
    menu_label = _("Applications")
    list_display = [
        "number", "title", "applicant", "call", "requested_amount", "status",
        TitleColumn("evaluation", label=_("Evaluation"), accessor=lambda obj: _("Evaluation"),
                    url_name="vvg_evaluations:application"),
    ]
    list_filter = ["call", "status"]
    search_fields = ["number", "title", "applicant__name", "applicant__legal_code"]
    list_per_page = 50


class CallEvaluationViewSet(SnippetViewSet):
    chooser_viewset_class = GuardedChooserViewSet
    model = CallEvaluation
    icon = "list-ol"
    menu_label = _("Criteria and ranking")
    list_display = [
        "call", "pass_threshold",
        TitleColumn(
            "ranking", label=_("Ranking"), accessor=lambda obj: _("Ranking"), url_name="vvg_evaluations:ranking"
        ),
    ]


class BoardDecisionViewSet(SnippetViewSet):
    chooser_viewset_class = GuardedChooserViewSet
    model = BoardDecision
    icon = "check"
    menu_label = _("Board decisions")
    list_display = [
        "date", "minutes_number", "call", "procedure",
        TitleColumn("apply", label=_("Apply"), accessor=lambda obj: _("Statuses and project drafts"),
                    url_name="vvg_evaluations:decision_apply"),
    ]
    list_filter = ["call", "procedure"]


class EvaluationGroup(SnippetViewSetGroup):
    items = (ApplicationViewSet, CallEvaluationViewSet, BoardDecisionViewSet)
    menu_icon = "form"
    menu_label = _("Applications and evaluation")
    menu_name = plugin_menu("evaluation")
    menu_order = 245


register_snippet(EvaluationGroup)
