"""Public views of the events pages (routes of the page models): lists, calendar, registration, iCal."""

import hashlib

from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from vvg.core.conf import vvg_setting
from vvg.core.models import VVGSettings
from vvg.core.security import client_ip

from . import ical, services
from .choices import EventKind, RegistrationStatus
from .forms import RegistrationForm
from .monthview import grid_span, month_grid, valid_month

# The index: upcoming events, the past archive and the month calendar, all filterable by kind.


def _kind_filter(request):
    """The kind asked for in ?kind=, or None for all; an unknown kind is a broken link (404)."""
    kind = request.GET.get("kind") or None
    if kind is not None and kind not in EventKind.values:
        raise Http404(_("No such kind of event."))
    return kind


def _filtered(index, kind):
    events = index.events().with_seat_counts()
    return events.filter(kind=kind) if kind else events


def event_index(request, index):
    kind = _kind_filter(request)
    events = _filtered(index, kind)
    now = timezone.now()
    past = Paginator(events.past(now), index.paginate_by).get_page(request.GET.get("page"))
    return index.render(
        request,
        context_overrides={
            "upcoming_events": events.upcoming(now),
            "past_events": past,
            "kinds": EventKind.choices,
            "active_kind": kind,
            "active_kind_label": EventKind(kind).label if kind else None,
        },
    )


def event_calendar(request, index, year=None, month=None):
    kind = _kind_filter(request)
    if year is None:
        today = timezone.localdate()
        year, month = today.year, today.month
    elif not valid_month(year, month):
        raise Http404(_("No such month."))
    first, last = grid_span(year, month)
    grid = month_grid(year, month, _filtered(index, kind).between(first, last))
    return index.render(
        request,
        template="events/event_calendar.html",
        context_overrides={
            "month": grid,
            "kinds": EventKind.choices,
            "active_kind": kind,
            "active_kind_label": EventKind(kind).label if kind else None,
        },
    )


# An event page: details, the registration form while registration is open, and its links.


def _client_key(request):
    # Only a hash of the address is kept, and only in the cache for the length of the window.
    address = client_ip(request)
    return "events:registration-attempts:" + hashlib.sha256(address.encode()).hexdigest()[:32]


def _rate_limited(request):
    """Count this attempt; True when the client has made too many attempts lately."""
    limit, window = vvg_setting("REGISTRATION_RATE_LIMIT")
    key = _client_key(request)
    # A first attempt (every visitor of a rush) costs one round trip to the cache: add() starts the count.
    if cache.add(key, 1, timeout=window):
        return 1 > limit
    try:
        attempts = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=window)
        attempts = 1
    return attempts > limit


def _registration_url(page, request, registration):
    return page.get_url(request) + page.reverse_subpage("registration", args=services.registration_link_args(registration))


def event_page(request, page):
    form = None
    status = 200
    if page.registration_is_open():
        form = RegistrationForm(request.POST if request.method == "POST" else None)
        if request.method == "POST":
            if _rate_limited(request):
                form.add_error(None, _("Too many registration attempts from your network. Please try again later."))
                status = 429
            elif form.is_spam():
                form.add_error(None, _("The registration could not be accepted."))
                status = 400
            elif form.is_valid():
                try:
                    registration = services.register(page, form.applicant())
                except services.AlreadyRegistered:
                    form.add_error("email", _("This e-mail address is already registered for this event."))
                except services.RegistrationClosed:
                    form = None
                else:
                    return redirect(_registration_url(page, request, registration))
    return _render_event(request, page, form, status)


def _render_event(request, page, form, status):
    # Counted once for the page, its JSON-LD and its form (the count is final: any registration is done).
    page.registered_count = page.registered_seats
    url = page.get_full_url(request)
    organiser = VVGSettings.for_request(request).organisation_name
    response = page.render(
        request,
        context_overrides={
            "form": form,
            "event_index": page.get_event_index(),
            "json_ld": ical.json_ld(page, url, organiser),
            "suggested_organisations": RegistrationForm.suggested_organisations() if form else (),
            "retention_years": max(round(services.retention_days() / 365), 1),
        },
    )
    response.status_code = status
    return response


@never_cache
def registration_detail(request, page, token, signature):
    """The page the confirmation and the e-mails link to: the registration's status and its cancellation."""
    registration = services.registration_for_link(page, token, signature)
    if registration is None:
        raise Http404(_("This link is not valid."))
    error = None
    if request.method == "POST" and request.POST.get("action") == "cancel":
        try:
            services.cancel(registration)
        except services.EventStarted:
            error = _("The event has already started; the registration can no longer be cancelled.")
        else:
            return redirect(request.path)
        registration.refresh_from_db()
    response = page.render(
        request,
        template="events/registration_detail.html",
        context_overrides={
            "registration": registration,
            "position": services.waiting_position(registration),
            "can_cancel": registration.status != RegistrationStatus.CANCELLED and timezone.now() < page.start,
            "error": error,
            "event_index": page.get_event_index(),
        },
    )
    # The address is the key to the registration: it must not leak to other sites through links.
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    return response


# iCalendar: one event, or the subscribable feed of an index's upcoming events (optionally one kind).


def _ical_response(content, file_name):
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{file_name}"'
    return response


def event_ical(request, page):
    content = ical.calendar_bytes([(page, page.get_full_url(request))], page.title)
    return _ical_response(content, f"{page.slug}.ics")


def index_ical(request, index):
    kind = _kind_filter(request)
    events = _filtered(index, kind).upcoming()
    name = f"{index.title}: {EventKind(kind).label}" if kind else index.title
    content = ical.calendar_bytes([(event, event.get_full_url(request)) for event in events], name)
    return _ical_response(content, f"{index.slug}-{kind}.ics" if kind else f"{index.slug}.ics")
