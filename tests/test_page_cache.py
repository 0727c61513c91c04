"""The full-page cache for anonymous visitors (vvg.core.pagecache): fast, and never stale or personal."""

import datetime
import time

import pytest
from django.conf import settings as django_settings
from django.db import connection, transaction
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.contrib.frontend_cache.backends.base import BaseBackend
from wagtail.models import Site

from vvg.core.models import VVGSettings
from vvg.core.pagecache import ServeHitsFirst
from tests.test_calls import add_call, call_index, measure  # noqa: F401 (fixtures)
from tests.test_events_fixtures import add_event, event_index, form_data, lt  # noqa: F401 (fixtures)

PAGE_CACHE = "vvg.core.pagecache.AnonymousPageCacheMiddleware"


@pytest.fixture(autouse=True)
def page_cache(settings, db):
    # A running site has saved its settings long ago; creating them on the first view invalidates the cache.
    VVGSettings.for_site(Site.objects.get(is_default_site=True))
    settings.MIDDLEWARE = [PAGE_CACHE, *django_settings.MIDDLEWARE]


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response


def test_a_repeated_anonymous_visit_is_served_from_the_cache_without_queries(client, call_index, measure):
    now = timezone.now()
    call = add_call(call_index, "Bendruomenių kvietimas", now - datetime.timedelta(days=1), now + datetime.timedelta(days=9), measure)
    first = get(client, call.url)
    assert first["X-VVG-Cache"] == "miss" and int(first["X-Accel-Expires"]) > 0
    with CaptureQueriesContext(connection) as queries:
        second = get(client, call.url)
    assert second["X-VVG-Cache"] == "hit" and len(queries) == 0
    assert second.content == first.content
    # Another language and another query string are other pages.
    assert get(client, call_index.url + "?status=open")["X-VVG-Cache"] == "miss"


def test_a_hit_carries_the_headers_the_page_was_served_with(client, call_index, measure):
    """The cache answers before any other middleware: the security headers they added come from the entry."""
    now = timezone.now()
    call = add_call(call_index, "Kvietimas", now - datetime.timedelta(days=1), now + datetime.timedelta(days=9), measure)
    first, second = get(client, call.url), get(client, call.url)
    assert (first["X-VVG-Cache"], second["X-VVG-Cache"]) == ("miss", "hit")
    for header in ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy",
                   "Permissions-Policy", "Content-Language"):
        assert second[header] == first[header]
    assert second["Content-Length"] == str(len(first.content))


def test_the_secure_and_plain_address_of_a_page_are_separate_entries(client, call_index, measure):
    """An answer for https (HSTS, secure links) is never given to http, which production redirects."""
    now = timezone.now()
    call = add_call(call_index, "Kvietimas", now - datetime.timedelta(days=1), now + datetime.timedelta(days=9), measure)
    get(client, call.url)
    assert get(client, call.url)["X-VVG-Cache"] == "hit"
    assert client.get(call.url, secure=True)["X-VVG-Cache"] == "miss"


def test_publishing_shows_the_new_version_at_once(client, call_index, measure):
    now = timezone.now()
    call = add_call(call_index, "Senas pavadinimas", now - datetime.timedelta(days=1), now + datetime.timedelta(days=9), measure)
    get(client, call_index.url)
    assert "Senas pavadinimas" in get(client, call_index.url).content.decode()
    call.title = "Naujas pavadinimas"
    call.save_revision().publish()
    html = get(client, call_index.url).content.decode()
    assert ">Naujas pavadinimas<" in html and ">Senas pavadinimas<" not in html


def test_a_call_closing_while_its_page_is_cached_shows_closed_after_the_deadline(client, call_index, measure):
    now = timezone.now()
    call = add_call(call_index, "Baigiasi tuoj", now - datetime.timedelta(days=3), now + datetime.timedelta(days=3), measure)
    get(client, call.url)
    # The deadline moves to two seconds from now without any signal (as if the date had come by itself).
    closes_at = timezone.now().replace(microsecond=0) + datetime.timedelta(seconds=2)
    type(call).objects.filter(pk=call.pk).update(closes_at=closes_at)
    from vvg.core.cache import invalidate

    invalidate()  # the edit above bypassed the signals; only the clock may make the next entry stale
    open_html = get(client, call.url)
    assert open_html["X-VVG-Cache"] == "miss" and int(open_html["X-Accel-Expires"]) <= 2
    assert lt("Accepting applications") in open_html.content.decode()
    time.sleep(max((closes_at - timezone.now()).total_seconds(), 0) + 1.1)
    closed = get(client, call.url)
    assert closed["X-VVG-Cache"] == "miss"
    assert lt("Accepting applications") not in closed.content.decode()
    assert lt("Applications closed") in closed.content.decode()


def test_a_taken_seat_shows_on_the_cached_list_at_once(client, event_index):
    training = add_event(event_index, "Mokymai apie paraiškas", capacity=5)
    get(client, event_index.url)
    cached = get(client, event_index.url)
    assert cached["X-VVG-Cache"] == "hit"
    assert "5" in cached.content.decode()
    assert client.post(training.url, form_data()).status_code == 302  # a seat taken through the form
    after = get(client, event_index.url)
    assert after["X-VVG-Cache"] == "miss"
    assert after.content != cached.content


def test_a_registration_keeps_what_is_built_from_content_only(client, event_index):
    """Seats change on every registration; menus, locales and settings do not, so a rush keeps them cached."""
    from vvg.core import cache

    training = add_event(event_index, "Mokymai", capacity=5)
    builds = []

    def remembered(**options):
        return cache.remember("probe", lambda: builds.append(options) or len(builds), **options)

    assert (remembered(content_only=True), remembered()) == (1, 2)
    assert client.post(training.url, form_data()).status_code == 302
    assert (remembered(content_only=True), remembered()) == (1, 3)  # only the one that may show counts again
    training.save_revision().publish()
    assert remembered(content_only=True) == 4


def test_a_page_reads_the_generation_once_even_without_the_page_cache(client, settings, call_index, measure):
    """Menus, settings, locales and lists are each remembered under the generation: one read serves them all."""
    from django.core.cache import cache as django_cache

    from vvg.core.cache import GENERATION_KEY

    settings.MIDDLEWARE = [name for name in settings.MIDDLEWARE if name != PAGE_CACHE]
    now = timezone.now()
    call = add_call(call_index, "Kvietimas", now - datetime.timedelta(days=1), now + datetime.timedelta(days=9), measure)
    get(client, call.url)
    reads = []
    original = django_cache.get_many

    def counting_get_many(keys, *args, **kwargs):
        reads.extend(key for key in keys if GENERATION_KEY in key)
        return original(keys, *args, **kwargs)

    django_cache.get_many = counting_get_many
    try:
        get(client, call.url)
        get(client, call_index.url)
    finally:
        del django_cache.get_many
    assert len(reads) == 4  # both counters, once for each of the two pages


def test_what_is_cached_while_a_change_commits_is_not_served_after_it(event_index, django_capture_on_commit_callbacks):
    """A registration's signal fires inside its transaction; a request that still reads the old rows then
    caches them under the new generation. The commit starts another generation, so nobody gets them."""
    from events.models import Registration
    from vvg.core import cache

    training = add_event(event_index, "Mokymai", capacity=5)
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            Registration.objects.create(event=training, name="Ona Onaitė", email="ona@example.lt")
            assert cache.remember("seats-left", lambda: 5) == 5  # what the other request saw
    assert cache.remember("seats-left", lambda: 4) == 4


def test_logged_in_users_and_previews_bypass_the_cache(client, admin_client, call_index, measure):
    now = timezone.now()
    call = add_call(call_index, "Kvietimas", now - datetime.timedelta(days=1), now + datetime.timedelta(days=9), measure)
    get(client, call.url)
    assert get(client, call.url)["X-VVG-Cache"] == "hit"
    for _ in range(2):
        response = get(admin_client, call.url)
        assert "X-VVG-Cache" not in response
    assert "X-VVG-Cache" not in admin_client.get(f"/admin/pages/{call.pk}/edit/")


def test_pages_that_set_a_cookie_or_carry_a_csrf_token_are_not_kept(client, event_index):
    training = add_event(event_index, "Mokymai su registracija", capacity=5)
    first = get(client, training.url)
    assert "csrftoken" in first.cookies and "X-VVG-Cache" not in first
    assert first["X-Accel-Expires"] == "0"  # nor may nginx keep the visitor's token
    second = get(client, training.url)
    assert "X-VVG-Cache" not in second  # this visitor's token again, never another's


PURGED = []


class RecordingBackend(BaseBackend):
    """Stands in for nginx's purger (site/deploy/nginx.conf): notes the URLs Wagtail asks it to refresh."""

    def purge(self, url):
        PURGED.append(url)


def test_publishing_refreshes_the_page_and_the_lists_above_it_in_the_proxy(settings, call_index, measure):
    settings.WAGTAILFRONTENDCACHE = {"nginx": {"BACKEND": "tests.test_page_cache.RecordingBackend"}}
    PURGED.clear()
    now = timezone.now()
    call = add_call(call_index, "Naujas kvietimas", now, now + datetime.timedelta(days=9), measure, publish=False)
    call.save_revision().publish()
    paths = {url.split("://", 1)[-1].split("/", 1)[-1] for url in PURGED}
    assert {call_index.url.lstrip("/"), ""} <= paths  # the calls' index and the home page



def wsgi_answer(application, url, method="GET", **environ):
    """What a WSGI server gets from `application` for this request: (status, headers, body)."""
    answer = {}

    def start_response(status, headers):
        answer.update(status=status, headers=dict(headers))

    body = b"".join(application(RequestFactory().generic(method, url, **environ).environ, start_response))
    return answer["status"], answer["headers"], body


def test_the_wsgi_wrapper_answers_hits_before_django_and_passes_everything_else_on(client, settings, call_index,
                                                                                   measure):
    from vvg.core.cache import invalidate

    now = timezone.now()
    call = add_call(call_index, "Kvietimas", now - datetime.timedelta(days=1), now + datetime.timedelta(days=9), measure)
    first = get(client, call.url)  # rendered by Django, stored by the middleware
    passed_on = []

    def django_application(environ, start_response):
        passed_on.append((environ["REQUEST_METHOD"], environ["PATH_INFO"]))
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"Django"]

    wrapper = ServeHitsFirst(django_application)
    status, headers, body = wsgi_answer(wrapper, call.url)
    assert (status, body, headers["X-VVG-Cache"]) == ("200 OK", first.content, "hit") and not passed_on
    assert headers["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert headers["Content-Length"] == str(len(first.content)) and 0 < int(headers["X-Accel-Expires"]) <= 600
    status, headers, body = wsgi_answer(wrapper, call.url, "HEAD")
    assert body == b"" and headers["Content-Length"] == str(len(first.content)) and not passed_on

    assert wsgi_answer(wrapper, call_index.url)[2] == b"Django"  # never stored
    wsgi_answer(wrapper, call.url, HTTP_COOKIE=f"{django_settings.SESSION_COOKIE_NAME}=abc")  # signed in
    wsgi_answer(wrapper, call.url, "POST")
    settings.ALLOWED_HOSTS = ["testserver"]
    wsgi_answer(wrapper, call.url, HTTP_HOST="kitas.example")  # a host Django refuses, with its own answer
    invalidate()
    wsgi_answer(wrapper, call.url)  # stored under an older generation
    assert [path for _method, path in passed_on] == [call_index.url] + [call.url] * 4


def test_a_process_reads_an_entry_again_without_a_round_trip_until_anything_changes(monkeypatch, db):
    """Each worker keeps what it read for the current generation; another worker's change, or the entry's
    time running out, sends it back to the shared cache."""
    from types import SimpleNamespace

    from django.core.cache import cache as django_cache

    from vvg.core import cache

    builds, reads = [], []
    original = django_cache.get
    monkeypatch.setattr(django_cache, "get", lambda *args, **kwargs: reads.append(args[0]) or original(*args, **kwargs))

    def remembered():
        return cache.remember("probe", lambda: builds.append(1) or len(builds), content_only=True)

    def probe_reads():
        return [key for key in reads if ":probe" in key]

    assert remembered() == 1 and probe_reads()
    reads.clear()
    assert remembered() == 1 and probe_reads() == []
    django_cache.incr(cache._counter_key(cache.CONTENT))  # what another worker's publish does
    assert remembered() == 2
    reads.clear()
    later = time.time() + cache.LONGEST + 1
    monkeypatch.setattr(cache, "time", SimpleNamespace(time=lambda: later, time_ns=time.time_ns))
    assert remembered() == 2 and probe_reads()  # past its time: asked again
