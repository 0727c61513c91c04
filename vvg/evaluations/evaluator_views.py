"""The evaluators' admin: their assignments, the declaration of a call and the scoring sheet.

Every object is looked up through permissions.own_assignments(); anything else is refused (403).
"""

from itertools import groupby

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import services
from .forms import DeclarationForm, ScoreForm
from .models import Application, Declaration
from .permissions import is_evaluator, own_assignment_or_403, own_assignments


class EvaluatorView(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "tasks"

    def dispatch(self, request, *args, **kwargs):
        if not is_evaluator(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("vvg_evaluations:my_assignments"), "label": _("My evaluations")},
            {"url": "", "label": self.get_page_title()},
        ]


class MyAssignmentsView(EvaluatorView):
    template_name = "vvg_evaluations/admin/my_assignments.html"
    page_title = _("My evaluations")

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        assignments = (
            own_assignments(self.request.user)
            .select_related("application__call", "application__applicant")
            .order_by("application__call__number", "application__received_at")
        )
        signed = set(
            Declaration.objects.filter(evaluator=self.request.user).values_list("call_id", flat=True)
        )
        calls = [
            {"call": call, "signed": call.pk in signed, "assignments": list(items)}
            for call, items in groupby(assignments, key=lambda a: a.application.call)
        ]
        return super().get_context_data(calls=calls, **kwargs)


class DeclarationView(EvaluatorView):
    """Sign the call's declaration, declaring conflicts among one's assigned applications."""

    template_name = "vvg_evaluations/admin/declaration.html"
    page_title = _("Impartiality and confidentiality declaration")

    def dispatch(self, request, call_pk):
        mine = own_assignments(request.user).filter(application__call_id=call_pk)
        first = mine.select_related("application__call").first()
        if first is None:
            raise PermissionDenied
        self.call = first.application.call
        self.applications = Application.objects.filter(pk__in=mine.values("application")).select_related("applicant")
        return super().dispatch(request)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", DeclarationForm(self.applications))
        return super().get_context_data(
            call=self.call,
            declaration=services.declaration_of(self.request.user, self.call),
            text=services.DECLARATION_TEXT,
            version=services.DECLARATION_VERSION,
            **kwargs,
        )

    def post(self, request):
        form = DeclarationForm(self.applications, request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        try:
            services.sign_declaration(request.user, self.call, form.cleaned_data["conflicts"])
        except services.EvaluationError as error:
            messages.error(request, str(error))
            return redirect("vvg_evaluations:my_assignments")
        messages.success(request, _("The declaration is signed."))
        return redirect("vvg_evaluations:my_assignments")


class ScoreView(EvaluatorView):
    """The evaluator's scoring sheet: points and comments per criterion, saved or submitted (then locked)."""

    template_name = "vvg_evaluations/admin/score.html"

    def dispatch(self, request, pk):
        self.assignment = own_assignment_or_403(request.user, pk)
        self.application = self.assignment.application
        if not services.declaration_of(request.user, self.application.call):
            messages.warning(request, _("Sign the impartiality and confidentiality declaration of the call first."))
            return redirect("vvg_evaluations:declaration", self.application.call_id)
        return super().dispatch(request)

    def get_page_title(self):
        return _("Evaluation of %(number)s") % {"number": self.application.number}

    def get_context_data(self, **kwargs):
        evaluation = self.application.call.evaluation
        kwargs.setdefault("form", ScoreForm(evaluation, self.assignment))
        return super().get_context_data(
            assignment=self.assignment,
            application=self.application,
            evaluation=evaluation,
            scores=self.assignment.scores.select_related("criterion").order_by("criterion__sort_order"),
            running_total=services.running_total(self.assignment),
            **kwargs,
        )

    def post(self, request):
        form = ScoreForm(self.application.call.evaluation, self.assignment, request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        submit = "submit" in request.POST
        try:
            services.save_scores(self.assignment, request.user, form.values(), submit=submit)
        except services.EvaluationError as error:
            messages.error(request, str(error))
            return self.render_to_response(self.get_context_data(form=form))
        if submit:
            messages.success(request, _("The sheet is submitted and locked."))
            return redirect("vvg_evaluations:my_assignments")
        messages.success(request, _("The scores are saved; submit the sheet when it is complete."))
        return redirect("vvg_evaluations:score", self.assignment.pk)
