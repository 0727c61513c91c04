"""The site search: what is searched, the facets by type and year, promoted results and the query log.

Only live, public pages of the current language are searched, and only documents such pages link to.
Registrations, applications and other registers are not pages and are never searched here.
"""

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.core.cache import cache as django_cache
from django.db import connection
from django.db.models import Exists, IntegerField, OuterRef, Value
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import get_language
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion
from wagtail.documents import get_document_model
from wagtail.models import Locale, Page
from wagtail.search import index
from wagtail.search.utils import normalise_query_string

from vvg.core import cache

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
    # The locale is cached like the menus: locales change rarely, and a change starts a new generation.
    locale = cache.remember("active-locale", Locale.get_active, get_language())
    return cache.public(Page.objects.live()).filter(locale=locale).exclude(depth__lte=1)


def _public_document_ids(pages):
    """public_document_ids() for this generation: publishing, documents and restrictions all start a new one."""
    return cache.remember("public-documents", lambda: sorted(public_document_ids(pages)), get_language())


def _classify(page_ids, document_ids):
    """Map ("page" or "document", id) → (kind, year), in one query however many kinds there are.

    Each kind is dated by its own field (a call by its opening, news by its date). A page is in the
    table of its own type and of every type above it, down to Page: the first kind listed wins.
    """
    typed = kinds.typed_page_kinds()
    rest, documents = len(typed), len(typed) + 1

    def dated(queryset, order, date_field, ids):
        order = Value(order, output_field=IntegerField())
        return queryset.filter(pk__in=ids).order_by().annotate(order=order, year=ExtractYear(date_field)).values_list(
            "pk", "order", "year"
        )

    parts = [dated(kind.model.objects, order, kind.date_field, page_ids) for order, kind in enumerate(typed)]
    parts.append(dated(Page.objects, rest, "first_published_at", page_ids))
    parts.append(dated(get_document_model().objects, documents, "created_at", document_ids))
    best = {}
    for pk, order, year in parts[0].union(*parts[1:], all=True):
        key = ("document", pk) if order == documents else ("page", pk)
        if key not in best or order < best[key][0]:
            best[key] = (order, year)
    by_order = [*typed, kinds.PAGES, kinds.DOCUMENTS]
    return {key: (by_order[order], year) for key, (order, year) in best.items()}


class EmptyResults(list):
    def count(self):
        return 0


class Results:
    """Matching pages by relevance, then matching documents by relevance, as one list to paginate.

    How many there are is known from the facets already, so counting costs no query.
    """

    def __init__(self, pages, documents, query, classified, page_count, document_count):
        self.pages, self.documents, self.query, self.classified = pages, documents, query, classified
        self.page_count, self.document_count = page_count, document_count

    def count(self):
        return self.page_count + self.document_count

    def __len__(self):
        return self.count()

    def __getitem__(self, item):
        if not isinstance(item, slice):
            return self[item : item + 1][0]
        start, stop = item.start or 0, item.stop if item.stop is not None else self.count()
        pages = list(self.pages[start:stop]) if start < self.page_count else []
        texts = _page_texts(pages)
        hits = [self._page_hit(page, *texts[page.pk]) for page in pages]
        if stop > self.page_count:
            docs = self.documents[max(0, start - self.page_count) : stop - self.page_count]
            hits += [self._document_hit(entry) for entry in docs]
        return hits

    def _page_hit(self, page, url, text):
        kind, year = self.classified.get(("page", page.pk), (kinds.PAGES, None))
        return Hit(page.title, url, kind, year, snippet(text, self.query))

    def _document_hit(self, entry):
        document = entry.document  # selected with the entry: no query
        kind, year = self.classified.get(("document", document.pk), (kinds.DOCUMENTS, None))
        return Hit(document.title, document.url, kind, year, snippet(entry.text, self.query))


def _page_texts(pages):
    """{pk: (URL, text to quote)} of `pages`, kept for the cache generation.

    The text is in each page type's own fields, a query per type among the hits; it changes only
    when a page is published or moved, which starts a new generation. Cached, a page of results
    costs the same few queries whatever types it shows.
    """
    prefix = cache.key("search-text")  # one generation for all the keys (key() reads it each time)
    keys = {page.pk: f"{prefix}:{page.pk}" for page in pages}
    stored = django_cache.get_many(keys.values())
    texts = {pk: stored[key] for pk, key in keys.items() if key in stored}
    missing = [page for page in pages if page.pk not in texts]
    if missing:
        specific = _specific(missing)
        built = {page.pk: (page.url, _page_text(page)) for page in (specific.get(p.pk, p) for p in missing)}
        django_cache.set_many({keys[pk]: value for pk, value in built.items()}, cache.seconds_until_next_change())
        texts |= built
    return texts


def _specific(pages):
    """{pk: specific page}: one query per page type among `pages`, whose rows already name their type."""
    by_model = defaultdict(list)
    for page in pages:
        by_model[page.specific_class].append(page.pk)
    found = {}
    for model, ids in by_model.items():
        if model is not None:  # a type whose app is gone: the plain page still has a title and URL
            found.update(model.objects.in_bulk(ids))
    return found


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
    documents = DocumentText.objects.filter(document_id__in=_public_document_ids(pages))
    page_ids = list(pages.search(query).facet("id"))
    document_ids = list(documents.search(query).facet("document_id"))
    classified = _classify(page_ids, document_ids)

    kind = kinds.BY_SLUG.get(kind_slug)
    year = int(year) if str(year).isdigit() else None
    by_year = [key for key, (_, item_year) in classified.items() if year in (None, item_year)]
    by_kind = [key for key, (item_kind, _) in classified.items() if kind in (None, item_kind)]
    chosen = set(by_year) & set(by_kind)
    chosen_pages = [pk for source, pk in chosen if source == "page"]
    chosen_documents = [pk for source, pk in chosen if source == "document"]

    results = Results(
        pages.filter(id__in=chosen_pages).search(query),
        documents.filter(document_id__in=chosen_documents).select_related("document").search(query),
        query,
        classified,
        len(chosen_pages),
        len(chosen_documents),
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
    Editors promote a handful of results: all of them come in one query and are matched here.
    """
    wanted = fold(normalise_query_string(query))
    picks = (
        SearchPromotion.objects.select_related("query", "page")
        .annotate(public_page=Exists(public_pages().filter(pk=OuterRef("page_id"))))
        .order_by("sort_order", "pk")
    )
    return [
        pick for pick in picks
        if fold(pick.query.query_string) == wanted and (pick.public_page or (not pick.page_id and pick.external_link_url))
    ]


def log_query(query):
    """Count the query for editors' popular searches: its text and a daily count, nothing about who searched.

    Text that looks like an e-mail address, a phone number or a personal code is not kept at all.
    Two statements, each an insert that turns into an update when the row exists: the count stays
    right when people search the same words at the same moment (Wagtail's Query.get(q).add_hit()
    reads before it writes, in four queries).
    """
    if PERSONAL_LOOKING.search(query):
        return
    quote = connection.ops.quote_name
    queries, hits = Query._meta, QueryDailyHits._meta
    query_table, text = quote(queries.db_table), quote(queries.get_field("query_string").column)
    hits_table = quote(hits.db_table)
    query_id, date, count = (quote(hits.get_field(name).column) for name in ("query", "date", "hits"))
    with connection.cursor() as cursor:
        # The no-op update makes the existing row's id come back too. The names are the models' own.
        cursor.execute(
            f"INSERT INTO {query_table} ({text}) VALUES (%s) "  # noqa: S608
            f"ON CONFLICT ({text}) DO UPDATE SET {text} = excluded.{text} RETURNING {quote(queries.pk.column)}",
            [normalise_query_string(query)],  # what Query.save() stores
        )
        (found,) = cursor.fetchone()
        cursor.execute(
            f"INSERT INTO {hits_table} ({query_id}, {date}, {count}) VALUES (%s, %s, 1) "  # noqa: S608
            f"ON CONFLICT ({query_id}, {date}) DO UPDATE SET {count} = {hits_table}.{count} + 1",
            [found, timezone.now().date()],  # Wagtail's own day, as its popular-search report counts it
        )
