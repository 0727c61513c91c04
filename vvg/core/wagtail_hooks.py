"""Admin for vvg.core: organisations and measures as snippets, and the registers' import/export URLs."""

from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from . import views
from .models import Measure, Organisation
from .resources import MeasureResource, OrganisationResource


@hooks.register("register_admin_urls")
def register_import_export_urls():
    # Every app's wagtail_hooks is imported before this runs, so all registers are known by now.
    return [path("registers/", include((views.urlpatterns(), views.URL_NAMESPACE), namespace=views.URL_NAMESPACE))]


# No viewset search_fields: the listing then searches the models' own search index, and SQLite's
# full-text backend fails ("no such column") when a search is limited to named fields.


class OrganisationViewSet(views.ImportExportSnippetViewSet):
    model = Organisation
    resource_class = OrganisationResource
    icon = "group"
    menu_label = _("Organisations")
    list_display = ["name", "legal_code", "sector", BooleanColumn("is_member", label=_("VVG member")), "website"]
    list_filter = ["sector", "is_member"]
    list_per_page = 50


class MeasureViewSet(views.ImportExportSnippetViewSet):
    model = Measure
    resource_class = MeasureResource
    icon = "list-ul"
    menu_label = _("Strategy measures")
    list_display = ["code", "name", "budget"]


class OrganisationsAndMeasuresGroup(SnippetViewSetGroup):
    items = (OrganisationViewSet, MeasureViewSet)
    menu_icon = "group"
    menu_label = _("Organisations and measures")
    menu_name = "organisations-and-measures"
    menu_order = 250


register_snippet(OrganisationsAndMeasuresGroup)
