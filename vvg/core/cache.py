"""What public pages show, kept in Django's cache and thrown away together when any of it changes.

Everything cached for the public pages (the menus, breadcrumbs, site settings, the full pages of
`vvg.core.pagecache`) is stored under a *generation*. Publishing, unpublishing, moving or deleting
a page, a changed registration (seats left), changed settings or snippets start a new generation,
so every entry of the old one is unreachable at once and expires by itself. One generation is
coarser than tracking which page shows what, but it cannot miss a case.

The generation has two counters. The *content* counter moves with pages, settings, snippets,
images and locales; the *activity* counter with registrations, consultations, applications and
indicator figures (`invalidate_on_change(..., activity=True)`), which change counts that pages
show but never a menu, a URL or a setting. Entries depend on both unless they are built from
content only (`remember(..., content_only=True)`): then a rush of registrations, each starting a
new generation for the pages, leaves the menus, locales and status times cached.

Time also changes what pages say without anyone saving anything: a call opens or closes, "N days
left" counts down, registration opens or closes, an event starts or ends. Apps register a
`vvg_next_change` hook returning the next such moment after `now` (or None); entries never live
past the nearest one (`seconds_until_next_change`).
"""

import datetime
import functools
import hashlib
import math
import pickle
import time

from asgiref.local import Local
from django.conf import settings
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from wagtail import hooks
from wagtail.signals import page_published, page_unpublished, post_page_move

GENERATION_KEY = "vvg:public:generation:"
CONTENT, ACTIVITY = "content", "activity"
NEXT_CHANGE_HOOK = "vvg_next_change"
# Without any time boundary, a cached entry is still rebuilt daily: nothing may go stale for longer.
LONGEST = 24 * 3600


def _counter_key(counter):
    return f"{GENERATION_KEY}{counter}:{_database_tag(str(settings.DATABASES['default'].get('NAME')))}"


@functools.cache
def _database_tag(name):
    # One pair of counters per database: a cache shared by several sites or by a rebuilt demo database
    # (Redis, the file cache) must not hand one database's entries to another.
    return hashlib.sha256(name.encode()).hexdigest()[:16]


# The counters as read during the current request, for calls that have no request at hand: {} from
# the request's start until they are read, None outside a request (signals set both), so nothing
# outside a request relies on it. One attribute: every write to a Local costs a hit microseconds.
_this_request = Local()


def _request_started(**kwargs):
    _this_request.counters = {}


def _request_finished(**kwargs):
    _this_request.counters = None


def _counters(known=None):
    """{counter: value} of both counters, in one cache round trip, once per request; `known`: read already."""
    remembered = getattr(_this_request, "counters", None)
    if known is None and remembered:
        return remembered
    keys = {counter: _counter_key(counter) for counter in (CONTENT, ACTIVITY)}
    found = known if known is not None else cache.get_many(list(keys.values()))
    values = {}
    for counter, counter_key in keys.items():
        value = found.get(counter_key)
        if value is None:
            # A lost counter (cache restarted or evicted) must not fall back to an old generation's entries.
            cache.add(counter_key, time.time_ns(), None)
            value = cache.get(counter_key, 0)
        values[counter] = value
    if remembered is not None:
        _this_request.counters = values
    return values


def _generation(counters, content_only):
    return str(counters[CONTENT]) if content_only else f"{counters[CONTENT]}.{counters[ACTIVITY]}"


def generation_and(entry_key):
    """(current generation, the value at `entry_key` or None) in one cache round trip: the page cache's hit path."""
    values = cache.get_many([_counter_key(CONTENT), _counter_key(ACTIVITY), entry_key])
    return _generation(_counters(known=values), False), values.get(entry_key)


def _increment(counter):
    if getattr(_this_request, "counters", None) is not None:
        _this_request.counters = {}  # what this request builds from now on belongs to the new generation
    try:
        cache.incr(_counter_key(counter))
    except ValueError:  # no counter yet (or it expired): a new one is a new generation too
        cache.set(_counter_key(counter), time.time_ns(), None)


def _bump(counter):
    _increment(counter)
    # Signals fire inside the saving transaction. Until it commits, another request can still read
    # the old rows and cache them under the new generation: once more after the commit makes such
    # entries unreachable too.
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(functools.partial(_increment, counter))


def invalidate(*args, **kwargs):
    """Start a new generation: every public entry cached so far is stale. Takes any signal's arguments."""
    _bump(CONTENT)


def invalidate_activity(*args, **kwargs):
    """A count changed (a registration, an indicator figure): a new generation for all but content-only entries."""
    _bump(ACTIVITY)


def key(name, *parts, content_only=False):
    return _key(_counters(), name, parts, content_only)


def _key(counters, name, parts, content_only):
    return ":".join(["vvg", name, _generation(counters, content_only), *(str(part) for part in parts)])


class _ReadHere:
    """What this process has read from the cache or built, for the current content generation: a request
    reads it again without a round trip (a page asks for a dozen entries). Kept pickled, so each reader
    gets its own copy, as from the shared cache, and each with the moment it stops being true. Keys name
    their generation, so an entry of an older one is never read again."""

    # A rush of registrations leaves one set of count-showing entries per registration behind.
    MOST = 200

    def __init__(self):
        self.generation, self.entries = None, {}

    def follow(self, counters):
        # New content (any change, by any process) leaves nothing of the old behind.
        if counters[CONTENT] != self.generation or len(self.entries) > self.MOST:
            self.generation, self.entries = counters[CONTENT], {}

    def get(self, entry_key, now):
        """(value,) while it is true, else None."""
        found = self.entries.get(entry_key)
        return (pickle.loads(found[1]),) if found is not None and found[0] > now else None

    def keep(self, entry_key, value, until):
        self.entries[entry_key] = (until, pickle.dumps(value, pickle.HIGHEST_PROTOCOL))


_read_here = _ReadHere()


def _entry(name, parts, content_only):
    """(this generation's key for the entry, now) with the process's copies following the generation."""
    counters = _counters()
    _read_here.follow(counters)
    return _key(counters, name, parts, content_only), time.time()


def recall(name, *parts, content_only=False):
    """The value stored for this generation under `name` and the key parts, or None."""
    entry_key, now = _entry(name, parts, content_only)
    if (here := _read_here.get(entry_key, now)) is not None:
        return here[0]
    value = cache.get(entry_key)
    if value is not None:
        _read_here.keep(entry_key, value, now + seconds_until_next_change())
    return value


def store(name, value, *parts, content_only=False):
    """Store `value` for this generation until the next change (see recall)."""
    entry_key, now = _entry(name, parts, content_only)
    lifetime = seconds_until_next_change()
    cache.set(entry_key, value, lifetime)
    _read_here.keep(entry_key, value, now + lifetime)


def remember(name, build, *parts, content_only=False):
    """The cached value of `build()` for this generation and these key parts; built once when missing.

    `content_only`: `build()` reads pages, settings or snippets only, never registrations or figures.
    """
    value = recall(name, *parts, content_only=content_only)
    if value is None:
        value = build()
        store(name, value, *parts, content_only=content_only)
    return value


def any_view_restriction():
    """Whether any page has a view restriction (password, login, groups); new ones invalidate the answer."""
    from wagtail.models import PageViewRestriction

    return bool(remember("any-view-restriction", lambda: int(PageViewRestriction.objects.exists()), content_only=True))


def public(pages):
    """`pages.public()` without its query of all restrictions on every call when the site has none."""
    return pages.public() if any_view_restriction() else pages


def next_change(now=None):
    """The nearest future moment at which a page may say something else, from the apps' hooks."""
    now = now or timezone.now()
    moments = [moment for hook in hooks.get_hooks(NEXT_CHANGE_HOOK) if (moment := hook(now)) and moment > now]
    return min(moments, default=None)


def seconds_until_next_change(now=None):
    """How long an entry cached now stays true: until the next change, at most LONGEST, at least 1 s."""
    now = now or timezone.now()

    def compute():
        moment = next_change(now)
        return moment.timestamp() if moment else None

    # The moment is itself cached for the generation: computing it costs the apps a query each.
    moment_key, _ = _entry("next-change", (), True)
    if (here := _read_here.get(moment_key, now.timestamp())) is not None:
        moment = here[0]
    else:
        moment = cache.get(moment_key, "missing")
        if moment == "missing":
            moment = compute()
            timeout = LONGEST if moment is None else max(int(moment - now.timestamp()), 1)
            cache.set(moment_key, moment, min(timeout, LONGEST))
        _read_here.keep(moment_key, moment, min(moment or math.inf, now.timestamp() + LONGEST))
    if moment is None:
        return LONGEST
    return max(1, min(LONGEST, int(moment - now.timestamp())))


def next_local_midnight(now):
    """Counters in days ("N days left") change at midnight in Vilnius."""
    local = timezone.localtime(now, timezone.get_default_timezone())
    tomorrow = datetime.datetime.combine(local.date() + datetime.timedelta(days=1), datetime.time.min)
    return timezone.make_aware(tomorrow, timezone.get_default_timezone())


def invalidate_on_change(*models, activity=False):
    """Saving or deleting any of these models starts a new generation; `activity`: they change counts
    that pages show (a registration: seats left), never what content-only entries are built from."""
    receiver = invalidate_activity if activity else invalidate
    for model in models:
        uid = f"vvg.cache.{model._meta.label}"
        post_save.connect(receiver, sender=model, dispatch_uid=uid + ".save", weak=False)
        post_delete.connect(receiver, sender=model, dispatch_uid=uid + ".delete", weak=False)


# Wagtail fills these in lazily on the first view of an image; they change nothing a page shows.
IMAGE_BOOKKEEPING_FIELDS = {"file_size", "file_hash"}


def _media_saved(sender, update_fields=None, **kwargs):
    if update_fields and set(update_fields) <= IMAGE_BOOKKEEPING_FIELDS:
        return
    invalidate()


def _live_page_saved(sender, instance, **kwargs):
    from wagtail.models import Page

    # Pages created live without publishing (imports, scripts) change the public site too; drafts do not.
    if isinstance(instance, Page) and instance.live:
        invalidate()


def refresh_front_listings(sender, instance, **kwargs):
    """A proxy in front (nginx, site/deploy/nginx.conf) keeps copies too. Wagtail's frontend cache refreshes
    the published page itself; the index and the home page above it list the page, so they go as well."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    from wagtail.contrib.frontend_cache.utils import purge_pages_from_cache

    purge_pages_from_cache(instance.get_ancestors().filter(depth__gt=1).specific())


def connect():
    """Called once by vvg.core's AppConfig.ready()."""
    from wagtail.contrib.settings.models import BaseSiteSetting
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Locale, Page, PageViewRestriction, Site

    request_started.connect(_request_started, dispatch_uid="vvg.cache.request_started", weak=False)
    request_finished.connect(_request_finished, dispatch_uid="vvg.cache.request_finished", weak=False)
    page_published.connect(invalidate, dispatch_uid="vvg.cache.published", weak=False)
    page_unpublished.connect(invalidate, dispatch_uid="vvg.cache.unpublished", weak=False)
    post_page_move.connect(invalidate, dispatch_uid="vvg.cache.moved", weak=False)
    page_published.connect(refresh_front_listings, dispatch_uid="vvg.cache.front.published", weak=False)
    page_unpublished.connect(refresh_front_listings, dispatch_uid="vvg.cache.front.unpublished", weak=False)
    post_delete.connect(invalidate, sender=Page, dispatch_uid="vvg.cache.page_deleted", weak=False)
    post_save.connect(_live_page_saved, dispatch_uid="vvg.cache.live_page_saved", weak=False)
    invalidate_on_change(Locale, PageViewRestriction, Site)
    for model in (get_image_model(), get_document_model()):
        post_save.connect(_media_saved, sender=model, dispatch_uid=f"vvg.cache.{model._meta.label}.save", weak=False)
        post_delete.connect(invalidate, sender=model, dispatch_uid=f"vvg.cache.{model._meta.label}.delete", weak=False)

    def setting_saved(sender, **kwargs):
        if issubclass(sender, BaseSiteSetting):
            invalidate()

    post_save.connect(setting_saved, dispatch_uid="vvg.cache.setting_saved", weak=False)
