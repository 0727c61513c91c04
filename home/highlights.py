"""What the home page gathers from the other sections, each as one query (no query per item)."""

from django.utils import timezone

from events.models import EventBasePage, EventIndexPage
from vvg.calls.choices import CallStatus
from vvg.calls.models import CallIndexPage, CallPage
from vvg.calls.services import status_q
from vvg.indicators.models import ResultsPage
from vvg.indicators.services import headline_figures
from vvg.news.models import NewsIndexPage, NewsPage


def _first_live(model):
    return model.objects.live().public().first()


def open_calls(count, now):
    calls = CallPage.objects.live().public().with_results_flag().filter(status_q(CallStatus.OPEN, now))
    return list(calls.select_related("measure").order_by("closes_at", "pk")[:count])


def upcoming_events(count, now):
    events = EventBasePage.objects.live().public().upcoming(now).with_seat_counts()
    return list(events[:count])


def latest_news(count):
    news = NewsIndexPage.with_listing_relations(NewsPage.objects.live().public().order_by("-date", "-pk"))
    return list(news[:count])


def for_home_page(count):
    now = timezone.now()
    return {
        "open_calls": open_calls(count, now),
        "call_index": _first_live(CallIndexPage),
        "upcoming_events": upcoming_events(count, now),
        "event_index": _first_live(EventIndexPage),
        "latest_news": latest_news(count),
        "news_index": _first_live(NewsIndexPage),
        "headline_figures": headline_figures(),
        "results_page": _first_live(ResultsPage),
    }
