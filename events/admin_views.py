"""Back-office views of the participant register beyond modeladmin's list and forms.

Per-event counts, marking attendance for a whole event at once, the attendance sheet (printable
page and XLSX), the filtered export, and erasing one person's data on request.
"""

from django import forms
from django.contrib.admin.filters import RelatedFieldListFilter
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail_modeladmin.views import HistoryView, IndexView

from vvg.core import importing
from vvg.core.models import VVGSettings
from vvg.core.views import get_register

from . import services
from .attendance import attendance_xlsx, sheet_rows
from .choices import Attendance, RegistrationStatus
from .models import EventBasePage
from .permissions import can_keep_register, can_keep_registrations


class RegisterKeepersOnly:
    def dispatch(self, request, *args, **kwargs):
        if not can_keep_registrations(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class EventMixin(RegisterKeepersOnly):
    def dispatch(self, request, event_id, *args, **kwargs):
        self.event = get_object_or_404(EventBasePage, pk=event_id)
        return super().dispatch(request, *args, **kwargs)


class EventFilter(RelatedFieldListFilter):
    """The list filter by event, newest first (Django's default asks django.contrib.admin, not installed)."""

    def field_choices(self, field, request, model_admin):
        return [(event.pk, event.title) for event in EventBasePage.objects.order_by("-start").only("title", "start")]


class RegisterHistoryView(HistoryView):
    """A row's history is titled with the person's name; modeladmin's own view checks no permission."""

    def dispatch(self, request, *args, **kwargs):
        if not can_keep_register(request.user, self.model):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class RegisterIndexView(IndexView):
    """modeladmin's list, whose ?export=csv|xlsx writes the filtered rows in the register's import format."""

    def as_spreadsheet(self, queryset, spreadsheet_format):
        register = get_register(self.model)
        if not register.may_export(self.request.user, self.model):
            raise PermissionDenied
        content = importing.export_file(register.resource_class, spreadsheet_format, queryset=queryset)
        response = HttpResponse(content, content_type=importing.CONTENT_TYPES[spreadsheet_format])
        file_name = f"{self.model._meta.model_name}-{timezone.localdate():%Y-%m-%d}.{spreadsheet_format}"
        response["Content-Disposition"] = f'attachment; filename="{file_name}"'
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        register = get_register(self.model)
        user = self.request.user
        context.update(
            export_formats=importing.FORMATS if register.may_export(user, self.model) else (),
            import_url=register.url("import") if register.may_import(user, self.model) else None,
            index_links=[(reverse(name), label) for name, label in self.model_admin.index_links],
        )
        return context


class EventSummaryView(RegisterKeepersOnly, WagtailAdminTemplateMixin, TemplateView):
    """Per-event counts: registered, waiting, attended and capacity, with each event's attendance tools."""

    template_name = "events/admin/event_summary.html"
    page_title = _("Registrations by event")
    header_icon = "date"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["events"] = services.event_counts()
        return context


class AttendanceForm(forms.Form):
    """One yes / no / not marked choice per registration of the event."""

    def __init__(self, registrations, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.registrations = list(registrations)
        for registration in self.registrations:
            self.fields[f"attended-{registration.pk}"] = forms.ChoiceField(
                label=registration.name or _("(anonymised)"),
                choices=Attendance.choices,
                initial=registration.attended,
                widget=forms.RadioSelect,
            )

    def rows(self):
        return [(registration, self[f"attended-{registration.pk}"]) for registration in self.registrations]

    def marks(self):
        return {registration.pk: self.cleaned_data[f"attended-{registration.pk}"] for registration in self.registrations}


class AttendanceView(EventMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "events/admin/attendance.html"
    header_icon = "tick"

    def get_page_title(self):
        return _("Attendance: %(event)s") % {"event": self.event.title}

    def registrations(self):
        return self.event.registrations.exclude(status=RegistrationStatus.CANCELLED).order_by("status", "name", "pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", AttendanceForm(self.registrations()))
        context["event"] = self.event
        return context

    def post(self, request, *args, **kwargs):
        form = AttendanceForm(self.registrations(), request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        changed = services.mark_attendance(self.event, form.marks())
        messages.success(
            request,
            ngettext(
                "Attendance saved: %(count)s registration changed.",
                "Attendance saved: %(count)s registrations changed.",
                changed,
            )
            % {"count": changed},
        )
        return redirect(reverse("events_admin:attendance", args=[self.event.pk]))


class AttendanceSheetView(EventMixin, TemplateView):
    """The printable attendance sheet: a plain page without the admin's chrome."""

    template_name = "events/admin/attendance_sheet.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(event=self.event, registrations=sheet_rows(self.event), vvg=VVGSettings.for_request(self.request))
        return context


class AttendanceXlsxView(EventMixin, View):
    def get(self, request, *args, **kwargs):
        vvg = VVGSettings.for_request(request)
        content = attendance_xlsx(self.event, vvg.organisation_name, vvg.eu_statement)
        response = HttpResponse(content, content_type=importing.CONTENT_TYPES["xlsx"])
        response["Content-Disposition"] = f'attachment; filename="attendance-{self.event.slug}.xlsx"'
        return response


class EraseForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of the person"))


class ErasePersonView(RegisterKeepersOnly, WagtailAdminTemplateMixin, TemplateView):
    """Find everything recorded under an e-mail address and, once confirmed, anonymise it."""

    template_name = "events/admin/erase_person.html"
    page_title = _("Erase a person's data")
    header_icon = "bin"

    def get(self, request, *args, **kwargs):
        form = EraseForm(request.GET or None)
        found = None
        if form.is_valid():
            found = services.find_person(form.cleaned_data["email"])
        return self.render_to_response(self.get_context_data(form=form, found=found))

    def post(self, request, *args, **kwargs):
        if not request.user.has_perm("events.change_consultation"):
            raise PermissionDenied  # the erasure reaches the consultation register too
        form = EraseForm(request.POST)
        if not form.is_valid():
            raise Http404
        registrations, consultations = services.erase_person(form.cleaned_data["email"])
        messages.success(
            request,
            _("Erased: registrations anonymised – %(registrations)s, consultations anonymised – %(consultations)s.")
            % {"registrations": registrations, "consultations": consultations},
        )
        return redirect(reverse("events_admin:erase_person"))
