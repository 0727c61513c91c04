"""Admin views of indicators: the dashboard panel, the drill-down, a snapshot on demand and the period report."""

import datetime

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import AdminDateInput
from wagtail.snippets.views.snippets import InspectView

from vvg.core.models import VVGSettings

from . import reports, services
from .models import Indicator
from .permissions import can_record_measurements, can_view_indicators
from .sources import participation_source_states


class IndicatorsPanel(Component):
    """Each indicator's value against its target, with a progress bar and a trend, on the admin home."""

    name = "vvg_indicators"
    template_name = "vvg_indicators/admin/dashboard_panel.html"
    order = 50

    def render_html(self, parent_context=None):
        if not can_view_indicators(parent_context["request"].user):
            return ""
        return super().render_html(parent_context)

    def get_context_data(self, parent_context=None):
        indicators = Indicator.objects.prefetch_related("measurements")
        return {"results": services.progress_list(indicators)}


class IndicatorInspectView(InspectView):
    """The drill-down: progress, history and, for the participation rule, which organisations count and from where."""

    template_name = "vvg_indicators/admin/indicator_inspect.html"
    page_title = _("Progress")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        indicator = Indicator.objects.prefetch_related("measurements__entered_by").get(pk=self.object.pk)
        evaluation = services.Evaluation()
        context["progress"] = services.progress(indicator, evaluation)
        if indicator.is_computed and indicator.source_name in (
            services.PARTICIPATING_ORGANISATIONS, services.PARTICIPATIONS
        ):
            context["participation"] = evaluation.participation
            context["participation_sources"] = participation_source_states()
        context["may_snapshot"] = indicator.is_computed and can_record_measurements(self.request.user)
        return context


class SnapshotView(View):
    """Record the computed indicator's value now, as the scheduled command does."""

    def post(self, request, pk):
        if not can_record_measurements(request.user):
            raise PermissionDenied
        indicator = get_object_or_404(Indicator, pk=pk, method="computed")
        written, _skipped = services.take_snapshots([indicator])
        if written:
            messages.success(request, _("Recorded %(value)s as the value of %(code)s today.") % {
                "value": written[0].value, "code": indicator.code
            })
        else:
            messages.error(request, _("The value of %(code)s cannot be computed: the register it is computed from is not installed.") % {"code": indicator.code})
        return redirect("wagtailsnippets_vvg_indicators_indicator:inspect", pk)


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("Period start"), widget=AdminDateInput)
    end = forms.DateField(label=_("Period end"), widget=AdminDateInput)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("start") and cleaned.get("end") and cleaned["start"] > cleaned["end"]:
            raise forms.ValidationError(_("The period must start before it ends."))
        return cleaned


class PeriodReportView(WagtailAdminTemplateMixin, TemplateView):
    """The report for a period as an admin page, a printable page (?format=print) or XLSX (?format=xlsx)."""

    template_name = "vvg_indicators/admin/report.html"
    page_title = _("Indicator report")
    header_icon = "doc-full"

    def dispatch(self, request, *args, **kwargs):
        if not can_view_indicators(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("wagtailsnippets_vvg_indicators_indicator:list"), "label": _("Indicators")},
            {"url": "", "label": self.page_title},
        ]

    def get(self, request, *args, **kwargs):
        today = timezone.localdate()
        data = request.GET if "start" in request.GET else {"start": datetime.date(today.year, 1, 1), "end": today}
        form = PeriodForm(data)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        report = reports.period_report(
            Indicator.objects.all(), form.cleaned_data["start"], form.cleaned_data["end"], today
        )
        settings = VVGSettings.for_request(request)
        output = request.GET.get("format")
        if output == "xlsx":
            response = HttpResponse(
                reports.report_xlsx(report, settings.organisation_name),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
            response["Content-Disposition"] = f'attachment; filename="rodikliai-{report.start}-{report.end}.xlsx"'
            return response
        context = {"form": form, "report": report, "vvg_settings": settings}
        if output == "print":
            return render(request, "vvg_indicators/admin/report_print.html", context)
        return self.render_to_response(self.get_context_data(**context))
