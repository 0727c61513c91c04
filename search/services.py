"""The site search: what is searched, the facets by type and year, promoted results and the query log.

Only live, public pages of the current language are searched, and only documents such pages link to.
Registrations, applications and other registers are not pages and are never searched here.
"""

import re
from collections import Counter
from dataclasses import dataclass, field

from django.db.models.functions import ExtractYear
from django.utils.html import strip_tags
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.documents import get_document_model
from wagtail.models import Locale, Page
from wagtail.search import index
from wagtail.search.utils import MAX_QUERY_STRING_LENGTH, normalise_query_string

from vvg.core.cache import public

from . import kinds
from .documents import public_document_ids
from .highlight import WORD, fold, snippet
from .models import DocumentText

# An e-mail address, or a run of digits as long as a phone number or a personal code.
PERSONAL_LOOKING = re.compile(r"\S@\S|\d(?:[\s().-]?\d){6,}")


@dataclass
class Hit:
    """One result as the results list shows it."""

    title: str
    url: str
    kind: kinds.Kind
    year: int | None
    snippet: str


@dataclass
class Facet:
    value: str
    label: str
    count: int
    active: bool
    url: str = ""  # the view fills it in: the link that picks this value


@dataclass
class Outcome:
    query: str
    results: object  # a sequence of Hit for Paginator
    kinds: list = field(default_factory=list)
    years: list = field(default_factory=list)
    promotions: list = field(default_factory=list)


def public_pages():
    """Live pages, not behind a login or password, in the current language (the root excluded)."""
    return public(Page.objects.live()).filter(locale=Locale.get_active()).exclude(depth__lte=1)


def _page_years(ids):
    """Map page id → (kind, year): each kind dated by its own field (a call by its opening, news by its date)."""
    found = {}
    for kind in kinds.typed_page_kinds():
        rows = kind.model.objects.filter(pk__in=ids).annotate(year=ExtractYear(kind.date_field))
        found.update((pk, (kind, year)) for pk, year in rows.values_list("pk", "year"))
    rest = Page.objects.filter(pk__in=set(ids) - set(found)).annotate(year=ExtractYear("first_published_at"))
    found.update((pk, (kinds.PAGES, year)) for pk, year in rest.values_list("pk", "year"))
    return found


def _document_years(ids):
    rows = get_document_model().objects.filter(pk__in=ids).annotate(year=ExtractYear("created_at"))
    return {pk: (kinds.DOCUMENTS, year) for pk, year in rows.values_list("pk", "year")}


class EmptyResults(list):
    def count(self):
        return 0


class Results:
    """Matching pages by relevance, then matching documents by relevance, as one list to paginate."""

    def __init__(self, pages, documents, query, classified):
        self.pages, self.documents, self.query, self.classified = pages, documents, query, classified

    def count(self):
        return self.pages.count() + self.documents.count()

    def __len__(self):
        return self.count()

    def __getitem__(self, item):
        if not isinstance(item, slice):
            return self[item : item + 1][0]
        start, stop = item.start or 0, item.stop if item.stop is not None else self.count()
        page_count = self.pages.count()
        pages = list(self.pages[start:stop]) if start < page_count else []
        # The hits' own types in one query per type, not one query per hit.
        specific = Page.objects.filter(pk__in=[page.pk for page in pages]).specific().in_bulk()
        hits = [self._page_hit(specific.get(page.pk, page)) for page in pages]
        if stop > page_count:
            docs = self.documents[max(0, start - page_count) : stop - page_count]
            hits += [self._document_hit(entry) for entry in docs]
        return hits

    def _page_hit(self, page):
        specific = page.specific  # already specific from __getitem__: no query
        kind, year = self.classified.get(("page", page.pk), (kinds.PAGES, None))
        return Hit(page.title, specific.url, kind, year, snippet(_page_text(specific), self.query))

    def _document_hit(self, entry):
        document = entry.document
        kind, year = self.classified.get(("document", document.pk), (kinds.DOCUMENTS, None))
        return Hit(document.title, document.url, kind, year, snippet(entry.text, self.query))


def _page_text(page):
    """The page's own text as plain text for the snippet: its description and summary first, then the rest.

    The title is left out (it heads the result), so are computed search terms such as a project
    code split into words, which are no prose to quote.
    """
    names = [page.summary_field] + [
        field.field_name for field in page.get_search_fields() if isinstance(field, index.SearchField)
    ]
    texts = [page.search_description]
    for name in dict.fromkeys(names):
        if name == "title" or callable(getattr(type(page), name, None)) or not hasattr(page, name):
            continue
        value = index.SearchField(name).get_value(page)
        texts.extend(strip_tags(str(item)) for item in (value if isinstance(value, list) else [value]) if item)
    return " ".join(text for text in texts if text)


def search(query, kind_slug="", year=""):
    """Everything the results page shows for `query`, narrowed to one kind and one year when given."""
    # Words only: quotes, brackets and operators are syntax to the databases' full-text engines
    # (a lone " is an error to SQLite's FTS5); a code like IGN-LEADER-6B is searched as its parts.
    query = " ".join(WORD.findall(query))
    if not query:
        return Outcome(query=query, results=EmptyResults(), promotions=[])
    pages = public_pages()
    documents = DocumentText.objects.filter(document_id__in=list(public_document_ids(pages)))
    page_ids = list(pages.search(query).facet("id"))
    document_ids = list(documents.search(query).facet("document_id"))
    classified = {("page", pk): value for pk, value in _page_years(page_ids).items()}
    classified |= {("document", pk): value for pk, value in _document_years(document_ids).items()}

    kind = kinds.BY_SLUG.get(kind_slug)
    year = int(year) if str(year).isdigit() else None
    by_year = [key for key, (_, item_year) in classified.items() if year in (None, item_year)]
    by_kind = [key for key, (item_kind, _) in classified.items() if kind in (None, item_kind)]
    chosen = set(by_year) & set(by_kind)

    results = Results(
        pages.filter(id__in=[pk for source, pk in chosen if source == "page"]).search(query),
        documents.filter(document_id__in=[pk for source, pk in chosen if source == "document"]).search(query),
        query,
        classified,
    )
    kind_counts = Counter(classified[key][0].slug for key in by_year)
    year_counts = Counter(classified[key][1] for key in by_kind if classified[key][1])
    return Outcome(
        query=query,
        results=results,
        kinds=[
            Facet(k.slug, k.label, kind_counts[k.slug], k == kind) for k in kinds.ALL_KINDS if kind_counts[k.slug]
        ],
        years=[Facet(str(y), str(y), n, y == year) for y, n in sorted(year_counts.items(), reverse=True)],
        promotions=promotions(query),
    )


def promotions(query):
    """Editors' promoted results for this query (Wagtail's search promotions), live public pages only.

    A promotion set for "paraiška" also answers "PARAISKA": case and diacritics are ignored, as in the search.
    """
    wanted = fold(normalise_query_string(query))
    promoted = Query.objects.filter(editors_picks__isnull=False).distinct()
    query_ids = [found.pk for found in promoted if fold(found.query_string) == wanted]
    if not query_ids:
        return []
    public = set(public_pages().values_list("pk", flat=True))
    picks = SearchPromotion.objects.filter(query__in=query_ids).select_related("page").order_by("sort_order", "pk")
    return [pick for pick in picks if (pick.page_id in public) or (not pick.page_id and pick.external_link_url)]


def log_query(query):
    """Count the query for editors' popular searches: its text and a daily count, nothing about who searched.

    Text that looks like an e-mail address, a phone number or a personal code is not kept at all.
    """
    if PERSONAL_LOOKING.search(query):
        return
    Query.get(query[:MAX_QUERY_STRING_LENGTH]).add_hit()
