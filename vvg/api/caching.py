"""Validators and freshness for what machines read: the APIs, the feeds and the embeds.

Responses are identified by their URL (/api/…, the embeds) or by their media type (RSS, Atom and
iCalendar feeds live at editor-chosen page URLs). Each gets a strong ETag computed from its
content, a Last-Modified and Cache-Control; conditional GETs then get 304 Not Modified.

Last-Modified is the moment this content was first served at this URL: a registration changes
an event's `seats_left` without any publication, so no database date is a truthful one. The
first-seen time is kept in the cache with the ETag it belongs to; a changed ETag restarts it, and
a lost cache entry only makes it later (a full answer instead of a 304, never a stale one).
"""

import hashlib
import time

from django.core.cache import cache
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.http import http_date, quote_etag

from vvg.core.conf import vvg_setting

FEED_MEDIA_TYPES = {"application/rss+xml", "application/atom+xml", "text/calendar"}
FIRST_SEEN_SECONDS = 7 * 24 * 3600


def is_machine_readable(request, response):
    media_type = response.get("Content-Type", "").split(";")[0].strip()
    embed = request.resolver_match and "vvg_embed" in request.resolver_match.namespaces
    return request.path_info.startswith("/api/") or embed or media_type in FEED_MEDIA_TYPES


def first_seen(url, etag):
    key = "vvg_api:first_seen:" + hashlib.sha256(url.encode()).hexdigest()
    seen = cache.get(key)
    if seen and seen[0] == etag:
        return seen[1]
    # HTTP dates count whole seconds: new content must be newer than the old even within one second.
    now = max(int(time.time()), seen[1] + 1 if seen else 0)
    cache.set(key, (etag, now), FIRST_SEEN_SECONDS)
    return now


class ConditionalGetMiddleware:
    """ETag, Last-Modified, Cache-Control and 304s for the API, feed and embed responses."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.method not in ("GET", "HEAD")
            or response.status_code != 200
            or response.streaming
            or not is_machine_readable(request, response)
        ):
            return response
        # Bearer-token readers of the v3 API may see drafts: nothing shared may keep their answers.
        if "HTTP_AUTHORIZATION" in request.META:
            patch_cache_control(response, private=True, no_cache=True)
            patch_vary_headers(response, ["Authorization"])
            return response
        etag = quote_etag(hashlib.sha256(response.content).hexdigest())
        last_modified = first_seen(request.build_absolute_uri(), etag)
        response["ETag"] = etag
        response["Last-Modified"] = http_date(last_modified)
        patch_cache_control(response, public=True, max_age=vvg_setting("API_CACHE_SECONDS"))
        return get_conditional_response(request, etag=etag, last_modified=last_modified, response=response)
