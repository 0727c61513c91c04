"""The search terms report (Wagtail's, opened to the people who choose promoted results).

Wagtail's SearchTermsReportView lets superusers in only; this one asks search.permissions instead
and keeps the rest of Wagtail's report: its list, search box, date filter and CSV/XLSX export.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, Sum
from django.utils.translation import gettext_lazy as _
from django_filters import DateFromToRangeFilter
from wagtail.admin.filters import DateRangePickerWidget
from wagtail.admin.ui.tables import Column, NumberColumn
from wagtail.contrib.search_promotions.views.reports import SearchTermsReportFilterSet, SearchTermsReportView

from . import permissions


class SearchTermsFilterSet(SearchTermsReportFilterSet):
    # Wagtail filters the days after it has summed them, which joins the days a second time: the
    # sum then counts every day, each as often as the range holds days. Sum only the chosen days.
    hit_date = DateFromToRangeFilter(
        label=_("Date"), field_name="daily_hits__date", widget=DateRangePickerWidget, method="count_days"
    )

    def count_days(self, queryset, name, value):
        days = Q()
        if value.start:
            days &= Q(**{f"{name}__gte": value.start})
        if value.stop:
            days &= Q(**{f"{name}__lte": value.stop})
        return queryset.annotate(_hits=Sum("daily_hits__hits", filter=days)).filter(_hits__gt=0)


class SearchTermsView(SearchTermsReportView):
    page_title = _("Search terms")
    filterset_class = SearchTermsFilterSet
    index_url_name = "search_admin:search_terms"
    index_results_url_name = "search_admin:search_terms_results"
    # Wagtail's "Views" reads as page views, and has no Lithuanian.
    columns = [
        Column("query_string", label=_("Search words"), sort_key="query_string"),
        NumberColumn("_hits", label=_("Times searched"), sort_key="_hits"),
    ]
    export_headings = {"query_string": _("Search words"), "_hits": _("Times searched")}
    export_filename = "paieskos-frazes"

    def dispatch(self, request, *args, **kwargs):
        if not permissions.can_read_search_terms(request.user):
            raise PermissionDenied
        # Past Wagtail's own dispatch, which would refuse everybody but superusers.
        return super(SearchTermsReportView, self).dispatch(request, *args, **kwargs)
