"""The coordinators' admin beyond the snippet listings: an application's evaluation, the ranking, a decision."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from vvg.core.importing import CONTENT_TYPES
from vvg.core.models import VVGSettings

from . import exports, services
from .choices import ApplicationStatus
from .forms import AssignForm, DecisionForm, StatusForm
from .models import Application, Assignment, BoardDecision, CallEvaluation
from .permissions import is_coordinator


class CoordinatorMixin:
    def dispatch(self, request, *args, **kwargs):
        if not is_coordinator(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def application_url(application):
    return reverse("vvg_evaluations:application", args=[application.pk])


class ApplicationEvaluationView(CoordinatorMixin, WagtailAdminTemplateMixin, TemplateView):
    """One application: its status, evaluators and every submitted or draft sheet."""

    template_name = "vvg_evaluations/admin/application.html"
    header_icon = "form"

    def dispatch(self, request, pk):
        self.application = get_object_or_404(
            Application.objects.select_related("call", "applicant").prefetch_related("partners"), pk=pk
        )
        return super().dispatch(request)

    def get_page_title(self):
        return str(self.application)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("wagtailsnippets_vvg_evaluations_application:list"), "label": _("Applications")},
            {"url": "", "label": self.application.number},
        ]

    def get_context_data(self, **kwargs):
        application = self.application
        evaluation = CallEvaluation.objects.filter(call=application.call).first()
        assignments = application.assignments.select_related("evaluator").prefetch_related("scores__criterion")
        entry = services.ranking_entry(application, evaluation) if evaluation else None
        return super().get_context_data(
            application=application,
            evaluation=evaluation,
            criteria=list(evaluation.criteria.all()) if evaluation else [],
            assignments=assignments,
            entry=entry,
            status_form=StatusForm(application) if services.allowed_statuses(application) else None,
            assign_form=AssignForm(application),
            **kwargs,
        )


class ApplicationActionView(CoordinatorMixin, View):
    """A POST that changes an application and returns to its page with a message."""

    http_method_names = ["post"]

    def post(self, request, pk):
        application = get_object_or_404(Application, pk=pk)
        try:
            message = self.act(request, application)
        except services.EvaluationError as error:
            messages.error(request, str(error))
        else:
            if message:
                messages.success(request, message)
        return redirect(application_url(application))


class StatusView(ApplicationActionView):
    def act(self, request, application):
        form = StatusForm(application, request.POST)
        if not form.is_valid():
            raise services.EvaluationError(_("Choose one of the allowed statuses."))
        services.change_status(application, form.cleaned_data["status"], request.user, form.cleaned_data["reason"])
        return _("The status is now “%(status)s”.") % {"status": application.get_status_display()}


class AssignView(ApplicationActionView):
    def act(self, request, application):
        form = AssignForm(application, request.POST)
        if not form.is_valid():
            raise services.EvaluationError(_("Choose at least one evaluator."))
        for evaluator in form.cleaned_data["evaluators"]:
            services.assign(application, evaluator, request.user)
        return _("Evaluators assigned.")


class AssignmentActionView(ApplicationActionView):
    def post(self, request, pk):
        self.assignment = get_object_or_404(Assignment.objects.select_related("application", "evaluator"), pk=pk)
        return super().post(request, self.assignment.application_id)


class ReopenView(AssignmentActionView):
    def act(self, request, application):
        services.reopen(self.assignment, request.user)
        return _("The sheet is reopened.")


class UnassignView(AssignmentActionView):
    def act(self, request, application):
        services.unassign(self.assignment, request.user)
        return _("The evaluator is removed from this application.")


class RankingView(CoordinatorMixin, WagtailAdminTemplateMixin, TemplateView):
    """The call's ranking with the funding line; ?format=csv, xlsx or print for the board's minutes."""

    template_name = "vvg_evaluations/admin/ranking.html"
    header_icon = "list-ol"

    def dispatch(self, request, pk):
        self.evaluation = get_object_or_404(CallEvaluation.objects.select_related("call"), pk=pk)
        return super().dispatch(request)

    def get_page_title(self):
        return _("Ranking: %(call)s") % {"call": self.evaluation.call}

    def get(self, request):
        call = self.evaluation.call
        lines = services.call_ranking(call)
        criteria = list(self.evaluation.criteria.all())
        output = request.GET.get("format")
        if output in ("csv", "xlsx"):
            header, rows = exports.summary_rows(lines, criteria)
            if output == "csv":
                content = exports.as_csv(header, rows)
            else:
                content = exports.as_xlsx(self.get_page_title(), header, rows)
            response = HttpResponse(content, content_type=CONTENT_TYPES[output])
            response["Content-Disposition"] = f'attachment; filename="reitingas-{slugify(call.number)}.{output}"'
            return response
        context = {
            "decision_form": DecisionForm(),
            "evaluation": self.evaluation, "call": call, "rows": list(exports.with_averages(lines, criteria)),
            "criteria": criteria,
            "allocation": call.total_allocation,
        }
        if output == "print":
            context["vvg_settings"] = VVGSettings.for_request(request)
            return render(request, "vvg_evaluations/admin/ranking_print.html", context)
        return self.render_to_response(self.get_context_data(**context))


class DecisionFromRankingView(CoordinatorMixin, View):
    """Record the board decision with the ranking's outcomes proposed, to review in its edit form."""

    http_method_names = ["post"]

    def post(self, request, pk):
        evaluation = get_object_or_404(CallEvaluation.objects.select_related("call"), pk=pk)
        form = DecisionForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Give the decision's date, minutes number and procedure."))
            return redirect("vvg_evaluations:ranking", pk)
        decision = services.decision_from_ranking(evaluation.call, **form.cleaned_data)
        messages.success(request, _("The decision is recorded with the ranking's outcomes; check them."))
        return redirect("wagtailsnippets_vvg_evaluations_boarddecision:edit", decision.pk)


class DecisionApplyView(CoordinatorMixin, WagtailAdminTemplateMixin, TemplateView):
    """Give the decision's applications their statuses and turn the chosen selected ones into project drafts."""

    template_name = "vvg_evaluations/admin/decision_apply.html"
    header_icon = "check"
    page_title = _("Apply the board decision")

    def dispatch(self, request, pk):
        self.decision = get_object_or_404(BoardDecision.objects.select_related("call"), pk=pk)
        return super().dispatch(request)

    def get_context_data(self, **kwargs):
        outcomes = self.decision.outcomes.select_related("application__applicant", "application__funded_project")
        return super().get_context_data(decision=self.decision, outcomes=outcomes, **kwargs)

    def post(self, request):
        try:
            changed = services.apply_decision(self.decision, request.user)
        except services.EvaluationError as error:
            messages.error(request, str(error))
            return redirect(request.path)
        messages.success(request, _("%(count)s application statuses changed.") % {"count": changed})
        chosen = Application.objects.filter(
            pk__in=request.POST.getlist("drafts"), call=self.decision.call, status=ApplicationStatus.SELECTED
        )
        parent = services.project_index()
        for application in chosen:
            try:
                if parent is None:
                    raise services.EvaluationError(_("There is no funded projects index page to add drafts under."))
                page = services.create_project_draft(application, parent, request.user)
            except (services.EvaluationError, ValidationError) as error:
                reasons = "; ".join(getattr(error, "messages", [str(error)]))
                messages.error(request, f"{application.number}: {reasons}")
            else:
                messages.success(request, _("Draft funded project “%(title)s” created.") % {"title": page.title})
        return redirect(request.path)
