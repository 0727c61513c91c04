"""Embeddable lists for other sites (the municipality's): open calls and upcoming trainings and events.

`/embed/kvietimai/` and `/embed/renginiai/` are small self-contained HTML documents for an <iframe>;
`?format=json` gives the same items as JSON. Only the origins in VVG["EMBED_ORIGINS"] may frame them
(CSP frame-ancestors); every other page of the site keeps X-Frame-Options: DENY.
"""

from django.apps import apps
from django.http import Http404, JsonResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe
from wagtail.models import Locale, Site

from vvg.calls.choices import CallStatus
from vvg.calls.models import CallPage
from vvg.calls.services import deadline_text, status_q
from vvg.core.conf import vvg_setting


def frame_ancestors():
    origins = vvg_setting("EMBED_ORIGINS")
    return "frame-ancestors " + (" ".join(origins) if origins else "'none'")


def embed_policy():
    """The embeds load their stylesheet and nothing else; only the allowed origins may frame them."""
    return f"default-src 'none'; style-src 'self'; base-uri 'none'; form-action 'none'; {frame_ancestors()}"


def embed_limit():
    return vvg_setting("EMBED_LIMIT")


def site_pages(request, queryset):
    """Live public pages of the requested site in the language of the URL (/embed/… or /en/embed/…)."""
    queryset = queryset.live().public().filter(locale=Locale.get_active())
    site = Site.find_for_request(request)
    return queryset.descendant_of(site.root_page, inclusive=True) if site else queryset.none()


def open_calls(request):
    now = timezone.now()
    calls = CallPage.objects.with_results_flag().filter(status_q(CallStatus.OPEN, now))
    calls = site_pages(request, calls).select_related("measure").order_by("closes_at", "pk")[: embed_limit()]
    return [
        {
            "title": call.title,
            "url": call.get_full_url(request),
            "number": call.number,
            "measure": call.measure.code,
            "summary": call.summary,
            "opens_at": timezone.localtime(call.opens_at),
            "closes_at": timezone.localtime(call.closes_at),
            "days_left": call.days_left,
            "deadline": deadline_text(call.days_left),
        }
        for call in calls
    ]


def upcoming_events(request):
    # The events app is optional for the plugin: without it there is nothing to embed.
    if not apps.is_installed("events"):
        raise Http404
    events = apps.get_model("events", "EventBasePage").objects.with_seat_counts()
    events = site_pages(request, events).upcoming()[: embed_limit()]
    return [
        {
            "title": event.title,
            "url": event.get_full_url(request),
            "kind": event.kind,
            "kind_label": event.get_kind_display(),
            "start": timezone.localtime(event.start),
            "end": timezone.localtime(event.end),
            "venue": event.venue,
            "online": bool(event.online_url),
            "registration_open": event.registration_is_open(),
            "seats_left": event.seats_left,
        }
        for event in events
    ]


LISTS = {
    "calls": (open_calls, _("Open calls for local projects"), _("No calls are accepting applications now.")),
    "events": (upcoming_events, _("Upcoming trainings and events"), _("No trainings or events are planned yet.")),
}


@require_safe
@xframe_options_exempt
def embed_list(request, kind):
    items_of, heading, empty_text = LISTS[kind]
    items = items_of(request)
    if request.GET.get("format") == "json":
        response = JsonResponse({"items": items}, json_dumps_params={"ensure_ascii": False})
    else:
        context = {"kind": kind, "items": items, "heading": heading, "empty_text": empty_text}
        response = TemplateResponse(request, "vvg_api/embed_list.html", context)
    response["Content-Security-Policy"] = embed_policy()
    response["X-Robots-Tag"] = "noindex"  # the lists' own pages are the ones to find
    return response
