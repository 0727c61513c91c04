"""A full-page cache for anonymous visitors: the plugin offers it, a site turns it on in MIDDLEWARE.

    MIDDLEWARE = [
        "vvg.core.pagecache.AnonymousPageCacheMiddleware",  # first: a hit skips everything below
        "django.middleware.security.SecurityMiddleware",
        ...
    ]

and, for hits without even Django's handler, wraps the WSGI application in `ServeHitsFirst`.

Only GET and HEAD of visitors without a session (so never logged-in editors, never previews) and
never under /admin/ or the static files. Only HTML answers with status 200 are kept, and only when
nothing makes them personal: no Set-Cookie (a page with the registration form sets the CSRF cookie,
so event pages open for registration stay live, with exact seats), no `Cache-Control:
private`/`no-store`, no Vary on another header. Being first, it keeps the answer with every header
the middleware below added (security headers, CSP), so a hit is answered as the page was.

Entries are keyed by scheme, host, path with query and language, and carry the public cache
generation (`vvg.core.cache`) they were built under: a hit reads the entry and the current
generation in one cache round trip, and an entry of an older generation (a publication, a
registration, a changed setting since) is a miss. Entries never outlive the next moment a call or
an event changes its status by the clock.

Cacheable answers also tell a proxy in front (nginx, site/deploy/nginx.conf) how long it may keep
them, in `X-Accel-Expires`, which nginx honours and does not pass on to browsers.
"""

import time

from django.conf import settings
from django.core.cache import cache as django_cache
from django.core.exceptions import DisallowedHost
from django.core.handlers.wsgi import WSGIRequest
from django.http import HttpResponse
from django.utils.translation import get_language_from_path

from . import cache
from .conf import vvg_setting

HIT_HEADER = "X-VVG-Cache"
PROXY_EXPIRES_HEADER = "X-Accel-Expires"
# Cookies that make an answer personal: a session (login, messages) or messages kept in a cookie.
PERSONAL_COOKIES = ("messages",)
NEUTRAL_VARY = {"cookie", "accept-encoding", "accept-language"}
PRIVATE_DIRECTIVES = ("private", "no-store", "no-cache")


def is_anonymous_read(request):
    if request.method not in ("GET", "HEAD"):
        return False
    path = request.path_info
    if path.startswith("/admin/") or (settings.STATIC_URL and path.startswith(settings.STATIC_URL)):
        return False
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and not any(name in cookies for name in PERSONAL_COOKIES)


def is_shareable(request, response):
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated or getattr(request, "is_preview", False):
        return False
    # A page holding a CSRF token (the registration form) always sets the csrftoken cookie again
    # (Django's CsrfViewMiddleware), so the cookie test keeps one visitor's token from the next one.
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(directive in cache_control for directive in PRIVATE_DIRECTIVES):
        return False
    vary = {header.strip().lower() for header in response.get("Vary", "").split(",") if header.strip()}
    return vary <= NEUTRAL_VARY


def entry_key(request):
    # Not under the generation: the entry carries its generation, so one round trip reads both.
    language = get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    return ":".join(["vvg", "page", request.scheme, request.get_host(), language, request.get_full_path()])


def stored_hit(request):
    """The stored answer for this request, if the cache has one of the current generation, else None."""
    if not is_anonymous_read(request):
        return None
    current, stored = cache.generation_and(entry_key(request))
    return stored if stored is not None and stored[0] == current else None


def hit_headers(stored):
    """The headers of a hit: those the page was served with, its length, and how long a proxy may keep it."""
    _generation, content, headers, expires = stored
    return [
        *((name, value) for name, value in headers if name.lower() != PROXY_EXPIRES_HEADER.lower()),
        ("Content-Length", str(len(content))),
        (HIT_HEADER, "hit"),
        (PROXY_EXPIRES_HEADER, str(max(int(expires - time.time()), 0))),
    ]


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_anonymous_read(request):
            return self.get_response(request)
        key = entry_key(request)
        current, stored = cache.generation_and(key)
        if stored is not None and stored[0] == current:
            response = HttpResponse(b"" if request.method == "HEAD" else stored[1])
            for name, value in hit_headers(stored):
                response[name] = value
            return response
        response = self.get_response(request)
        if is_shareable(request, response):
            timeout = min(cache.seconds_until_next_change(), vvg_setting("PAGE_CACHE_SECONDS"))
            response[PROXY_EXPIRES_HEADER] = str(timeout)
            headers = [(name, value) for name, value in response.items() if name.lower() != "content-length"]
            # Stored under the generation read before rendering: a change during the render makes it stale.
            django_cache.set(key, (current, response.content, headers, time.time() + timeout), timeout)
            response[HIT_HEADER] = "miss"
        elif response.cookies and PROXY_EXPIRES_HEADER not in response:
            # Nor may a proxy keep this visitor's cookie or CSRF token for the next one.
            response[PROXY_EXPIRES_HEADER] = "0"
        return response


class ServeHitsFirst:
    """A WSGI wrapper that answers hits before Django's handler starts (no signals, no middleware, no
    response object): about a third of a hit's cost. Misses, and everything the middleware would
    not serve from the cache, go to the wrapped application, whose middleware stores the pages.

        application = ServeHitsFirst(get_wsgi_application())   # wsgi.py, with the middleware on
    """

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        if environ.get("REQUEST_METHOD") in ("GET", "HEAD"):
            try:
                stored = stored_hit(WSGIRequest(environ))
            except DisallowedHost:  # Django answers it, with its 400 and its log entry
                stored = None
            if stored is not None:
                start_response("200 OK", hit_headers(stored))
                return [b"" if environ["REQUEST_METHOD"] == "HEAD" else stored[1]]
        return self.application(environ, start_response)
