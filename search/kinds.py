"""What the site search sorts its results into: the facets by type, and the date each type is dated by.

A page belongs to the first kind whose model it is (or inherits from); every other public page
type (home, standard pages, lists, results) falls into "pages". Documents are a kind of their own,
found through their extracted text (see documents.py).
"""

from dataclasses import dataclass

from django.apps import apps
from django.utils.translation import pgettext_lazy


@dataclass(frozen=True)
class Kind:
    slug: str  # the facet's value in the URL (?tipas=kvietimai)
    label: str
    model_label: str | None = None  # None: pages of every type no other kind claims
    date_field: str = "first_published_at"  # the year facet counts the year of this field

    @property
    def model(self):
        if not self.model_label:
            return None
        try:
            return apps.get_model(self.model_label)
        except LookupError:  # a site without that app (say, without events) has no such kind
            return None


CALLS = Kind("kvietimai", pgettext_lazy("search facet", "Calls"), "vvg_calls.CallPage", "opens_at")
PROJECTS = Kind("projektai", pgettext_lazy("search facet", "Projects"), "vvg_projects.FundedProjectPage", "start_date")
NEWS = Kind("naujienos", pgettext_lazy("search facet", "News"), "vvg_news.NewsPage", "date")
EVENTS = Kind("renginiai", pgettext_lazy("search facet", "Trainings and events"), "events.EventBasePage", "start")
PAGES = Kind("puslapiai", pgettext_lazy("search facet", "Pages"))
DOCUMENTS = Kind("dokumentai", pgettext_lazy("search facet", "Documents"))

PAGE_KINDS = [CALLS, PROJECTS, NEWS, EVENTS, PAGES]
ALL_KINDS = [*PAGE_KINDS, DOCUMENTS]
BY_SLUG = {kind.slug: kind for kind in ALL_KINDS}


def typed_page_kinds():
    """The page kinds with a model of their own that is installed on this site."""
    return [kind for kind in PAGE_KINDS if kind.model is not None]


def kind_of_model(model):
    for kind in typed_page_kinds():
        if issubclass(model, kind.model):
            return kind
    return PAGES
