"""What the home page gathers from the other sections, each as one query (no query per item).

Everything comes from the home page's own locale: the English home page lists the English calls,
events and news, never the Lithuanian ones.
"""

from django.utils import timezone

from events.models import EventBasePage, EventIndexPage
from vvg.calls.choices import CallStatus
from vvg.calls.models import CallIndexPage, CallPage
from vvg.calls.services import status_q
from vvg.core import cache
from vvg.core.cache import public
from vvg.indicators.models import ResultsPage
from vvg.indicators.services import headline_figures
from vvg.news.models import NewsIndexPage, NewsPage


def _visible(model, locale):
    return public(model.objects.live()).filter(locale=locale)


def _first_live(model, locale):
    """The section's index page (for its link); the same on every view, so kept in the public cache."""
    locale_id = getattr(locale, "pk", locale)
    return cache.remember("first-live", lambda: _visible(model, locale).first() or "", model._meta.label, locale_id) or None


def open_calls(count, now, locale):
    calls = _visible(CallPage, locale).with_results_flag().filter(status_q(CallStatus.OPEN, now))
    return list(calls.select_related("measure").order_by("closes_at", "pk")[:count])


def upcoming_events(count, now, locale):
    events = _visible(EventBasePage, locale).upcoming(now).with_seat_counts()
    return list(events[:count])


def latest_news(count, locale):
    news = NewsIndexPage.with_listing_relations(_visible(NewsPage, locale).order_by("-date", "-pk"))
    return list(news[:count])


def for_home_page(count, locale):
    """The home page's lists, from the public cache: they are the same for every visitor until a
    publication, a registration (seats left) or the next opening or closing time (vvg.core.cache)."""
    locale_id = getattr(locale, "pk", locale)

    def lists():
        now = timezone.now()
        return {
            "open_calls": open_calls(count, now, locale),
            "upcoming_events": upcoming_events(count, now, locale),
            "latest_news": latest_news(count, locale),
        }

    return {
        **cache.remember("home-lists", lists, count, locale_id),
        "call_index": _first_live(CallIndexPage, locale),
        "event_index": _first_live(EventIndexPage, locale),
        "news_index": _first_live(NewsIndexPage, locale),
        "headline_figures": headline_figures(),
        "results_page": _first_live(ResultsPage, locale),
    }
