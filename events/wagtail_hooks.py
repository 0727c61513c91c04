"""Admin of the participant and consultation registers (wagtail-modeladmin), for register keepers only."""

from django.contrib import messages
from django.db.models import Min, Q
from django.shortcuts import redirect
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register

from vvg.core import audit
from vvg.core.menus import plugin_menu
from vvg.core.views import register_import_export

from . import admin_views, reporting  # noqa: F401 (reporting registers the indicators' hooks)
from .models import Consultation, EventBasePage, Registration
from .resources import ConsultationResource, RegistrationResource

URL_NAMESPACE = "events_admin"

# What the register's services write to Wagtail's log (the record by id; vvg.core.audit keeps names out).
LOG_ACTIONS = {
    "events.cancel": (_("Cancel registration"), _("Registration cancelled")),
    "events.promote": (_("Promote from the waiting list"), _("Moved from the waiting list to a seat")),
    "events.attendance": (_("Mark attendance"), _("Attendance marked")),
    "events.erase": (_("Erase personal data"), _("Personal data erased on request")),
}


@hooks.register("register_log_actions")
def register_log_actions(actions):
    audit.register_actions(actions, LOG_ACTIONS)


def represented_organisation(model_admin, record):
    return record.organisation_label


represented_organisation.short_description = _("organisation")


class RegistrationAdmin(ModelAdmin):
    model = Registration
    menu_label = _("Participant register")
    menu_icon = "group"
    index_view_class = admin_views.RegisterIndexView
    history_view_class = admin_views.RegisterHistoryView
    index_template_name = "events/admin/register_index.html"
    index_links = [
        ("events_admin:summary", _("By event and attendance")),
        ("events_admin:erase_person", _("Erase a person's data")),
    ]
    list_display = ("name", "email", "event", "represented_organisation", "status", "attended")
    list_filter = (("event", admin_views.EventFilter), "status", "attended", "sector")
    search_fields = ("name", "email", "organisation_name", "organisation__name")
    list_select_related = ("event", "organisation")
    list_per_page = 50
    represented_organisation = represented_organisation


class ConsultationAdmin(ModelAdmin):
    model = Consultation
    menu_label = _("Consultation register")
    menu_icon = "help"
    index_view_class = admin_views.RegisterIndexView
    history_view_class = admin_views.RegisterHistoryView
    index_template_name = "events/admin/register_index.html"
    index_links = [("events_admin:erase_person", _("Erase a person's data"))]
    list_display = ("date", "topic", "name", "represented_organisation", "sector", "form", "duration_minutes", "consultant")
    list_filter = ("date", "form", "sector", "consultant")
    search_fields = ("name", "email", "topic", "organisation_name", "organisation__name", "consultant")
    list_select_related = ("organisation",)
    list_per_page = 50
    represented_organisation = represented_organisation


class RegistersGroup(ModelAdminGroup):
    menu_label = _("Participants and consultations")
    menu_item_name = plugin_menu("registers")
    menu_icon = "group"
    menu_order = 260
    items = (RegistrationAdmin, ConsultationAdmin)


modeladmin_register(RegistersGroup)
register_import_export(Registration, RegistrationResource, listing_url_name="events_registration_modeladmin_index")
register_import_export(Consultation, ConsultationResource, listing_url_name="events_consultation_modeladmin_index")


@hooks.register("register_admin_urls")
def register_admin_urls():
    urls = [
        path("summary/", admin_views.EventSummaryView.as_view(), name="summary"),
        path("<int:event_id>/attendance/", admin_views.AttendanceView.as_view(), name="attendance"),
        path("<int:event_id>/attendance/sheet/", admin_views.AttendanceSheetView.as_view(), name="attendance_sheet"),
        path("<int:event_id>/attendance/xlsx/", admin_views.AttendanceXlsxView.as_view(), name="attendance_xlsx"),
        path("erase-person/", admin_views.ErasePersonView.as_view(), name="erase_person"),
    ]
    return [path("events/", include((urls, URL_NAMESPACE), namespace=URL_NAMESPACE))]


@hooks.register("before_delete_page")
def keep_events_with_registrations(request, page):
    """The participant register is evidence of the activities: an event with registrations is unpublished, not deleted."""
    count = Registration.objects.filter(event__path__startswith=page.path).count()
    if count:
        messages.error(
            request,
            ngettext(
                "“%(title)s” cannot be deleted: %(count)s registration in the participant register refers to it. Unpublish it instead.",
                "“%(title)s” cannot be deleted: %(count)s registrations in the participant register refer to it. Unpublish it instead.",
                count,
            )
            % {"title": page.get_admin_display_title(), "count": count},
        )
        return redirect("wagtailadmin_explore", page.get_parent().pk)


@hooks.register("vvg_next_change")
def next_event_change(now):
    """When registration for an event opens or closes, or an event starts or ends (vvg.core.cache)."""
    fields = ("registration_opens", "registration_closes", "start", "end")
    found = EventBasePage.objects.live().aggregate(
        **{name: Min(name, filter=Q(**{f"{name}__gt": now})) for name in fields}
    )
    return min((moment for moment in found.values() if moment), default=None)
