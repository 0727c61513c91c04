"""Admin for vvg.core: organisations and measures as snippets, and the registers' import/export URLs."""

from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from . import audit, views
from .menus import plugin_menu, shown_menu_items
from .models import Measure, Organisation
from .resources import MeasureResource, OrganisationResource


@hooks.register("construct_main_menu")
def hide_switched_off_menus(request, menu_items):
    menu_items[:] = shown_menu_items(menu_items)


@hooks.register("register_admin_urls")
def register_import_export_urls():
    # Every app's wagtail_hooks is imported before this runs, so all registers are known by now.
    return [path("registers/", include((views.urlpatterns(), views.URL_NAMESPACE), namespace=views.URL_NAMESPACE))]


@hooks.register("register_log_actions")
def register_log_actions(actions):
    audit.register_actions(actions, audit.LOG_ACTIONS)


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
    menu_name = plugin_menu("organisations-and-measures")
    menu_order = 250


register_snippet(OrganisationsAndMeasuresGroup)


@hooks.register("before_serve_page")
def locale_from_cache(page, request, serve_args, serve_kwargs):
    """Every page's layout reads `page.locale` (lang attribute, language links): no query per view for it."""
    from wagtail.models import Locale

    from . import cache

    if not page._meta.get_field("locale").is_cached(page):
        page.locale = cache.remember(
            "locale", lambda: Locale.objects.get(pk=page.locale_id), page.locale_id, content_only=True
        )
