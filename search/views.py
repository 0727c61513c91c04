from dataclasses import dataclass

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.template.response import TemplateResponse
from django.views.decorators.cache import cache_control
from django.utils.translation import pgettext_lazy

from . import services

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200  # longer text is no search a person types; it only costs the database
FACETS = [("tipas", pgettext_lazy("search facet", "Type"), "kinds"), ("metai", pgettext_lazy("search facet", "Year"), "years")]


@dataclass
class FacetGroup:
    param: str
    heading: str
    all_url: str
    active: bool
    facets: list


def _link(request, **changes):
    """This search's URL with `changes` applied (None removes a parameter), back on its first page."""
    params = request.GET.copy()
    params.pop("page", None)
    for key, value in changes.items():
        params.pop(key, None)
        if value is not None:
            params[key] = value
    return "?" + params.urlencode()


def _facet_groups(request, outcome):
    groups = []
    for param, heading, attribute in FACETS:
        facets = getattr(outcome, attribute)
        for facet in facets:
            facet.url = _link(request, **{param: facet.value})
        active = any(facet.active for facet in facets)
        if facets or request.GET.get(param):
            groups.append(FacetGroup(param, heading, _link(request, **{param: None}), active, facets))
    return groups


# Kept from shared caches and the site's page cache: every query would be an entry of its own, and
# a cached answer would neither count the search nor show newly promoted results.
@cache_control(private=True)
def search(request):
    """Full-text search over live, public pages and their documents, with facets by type and year."""
    query = " ".join(request.GET.get("q", "").split())[:MAX_QUERY_LENGTH]
    kind, year = request.GET.get("tipas", ""), request.GET.get("metai", "")
    context = {"query": query, "results": None, "narrowed": bool(kind or year)}
    if query:
        outcome = services.search(query, kind, year)
        paginator = Paginator(outcome.results, RESULTS_PER_PAGE)
        try:
            results = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            results = paginator.page(1)
        except EmptyPage:
            results = paginator.page(paginator.num_pages)
        # A search counts once: not again for its further pages or narrowing by a facet.
        if not (kind or year or "page" in request.GET):
            services.log_query(query)
        context |= {"outcome": outcome, "results": results, "facet_groups": _facet_groups(request, outcome)}
    return TemplateResponse(request, "search/search.html", context)
