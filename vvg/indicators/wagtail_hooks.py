"""Admin of indicators (the Stebėsena group's menu), the dashboard panel, and the built-in participation source."""

from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.widgets.button import HeaderButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup

from vvg.core.menus import plugin_menu
from vvg.core.views import ImportExportSnippetViewSet

from . import views
from .models import Indicator, Measurement
from .resources import MeasurementResource
from .sources import PARTICIPATION_SOURCE_HOOK, MembershipSource

hooks.register(PARTICIPATION_SOURCE_HOOK, MembershipSource)


@hooks.register("construct_homepage_panels")
def add_indicators_panel(request, panels):
    panels.append(views.IndicatorsPanel())


class IndicatorIndexView(IndexView):
    @cached_property
    def header_buttons(self):
        url = reverse("wagtailsnippets_vvg_indicators_indicator:report")
        return [*super().header_buttons, HeaderButton(_("Period report"), url=url, icon_name="doc-full", priority=40)]


class IndicatorViewSet(SnippetViewSet):
    model = Indicator
    icon = "crosshairs"
    menu_label = _("Indicators")
    list_display = ["code", "name", "kind", "target", "method", BooleanColumn("is_public", label=_("public"))]
    list_filter = ["kind", "method", "is_public"]
    index_view_class = IndicatorIndexView
    # The inspect view is the drill-down: progress, history and what the computed value is made of.
    inspect_view_enabled = True
    inspect_view_class = views.IndicatorInspectView
    inspect_view_fields = [
        "code", "name", "name_en", "kind", "baseline", "target", "target_date", "is_public", "method",
    ]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("snapshot/<int:pk>/", views.SnapshotView.as_view(), name="snapshot"),
            path("report/", views.PeriodReportView.as_view(), name="report"),
        ]


class MeasurementViewSet(ImportExportSnippetViewSet):
    model = Measurement
    resource_class = MeasurementResource
    icon = "table"
    menu_label = _("Measurements")
    list_display = ["indicator", "date", "value", "source", "entered_by"]
    list_filter = ["indicator", "date"]
    list_per_page = 50


class MonitoringGroup(SnippetViewSetGroup):
    items = (IndicatorViewSet, MeasurementViewSet)
    menu_icon = "tasks"
    menu_label = _("Monitoring")
    menu_name = plugin_menu("monitoring")
    menu_order = 260


register_snippet(MonitoringGroup)
