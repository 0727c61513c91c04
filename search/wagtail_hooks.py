"""The search terms report in the admin's Reports menu, for the people who choose promoted results."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import permissions
from .admin_views import SearchTermsView

urls = (
    [
        path("", SearchTermsView.as_view(), name="search_terms"),
        path("results/", SearchTermsView.as_view(results_only=True), name="search_terms_results"),
    ],
    "search_admin",
)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("reports/search-terms/", include(urls))]


class SearchTermsMenuItem(MenuItem):
    def is_shown(self, request):
        return permissions.can_read_search_terms(request.user)


@hooks.register("register_reports_menu_item")
def search_terms_menu_item():
    return SearchTermsMenuItem(
        _("Search terms"), reverse("search_admin:search_terms"),
        name="site-search-terms", icon_name="search", order=1300,  # Wagtail's own item's place
    )


@hooks.register("construct_reports_menu")
def drop_wagtails_search_terms(request, menu_items):
    # Wagtail's own item opens the same report for superusers only; ours shows it to them as well.
    wagtails = reverse("wagtailsearchpromotions:search_terms")
    menu_items[:] = [item for item in menu_items if item.url != wagtails]
