"""What calls tell the indicators app through its hooks (the protocols: vvg/indicators/sources.py).

Only hook names are shared, no imports: a VVG without vvg.indicators installs this app all the same.
"""

from django.db.models import Count, Min, Q
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from vvg.core.cache import next_local_midnight

from .models import CallPage


@hooks.register("register_vvg_activity_counter")
class CallsPublished:
    name = "calls_published"
    label = _("Calls published")
    public = True

    def count(self, start=None, end=None):
        calls = CallPage.objects.live()
        if start:
            calls = calls.filter(first_published_at__date__gte=start)
        if end:
            calls = calls.filter(first_published_at__date__lte=end)
        return calls.count()


@hooks.register("vvg_next_change")
def next_call_change(now):
    """When the next call opens or closes, or (while one is open) its "N days left" counts down (vvg.core.cache)."""
    found = CallPage.objects.live().aggregate(
        opens=Min("opens_at", filter=Q(opens_at__gt=now)),
        closes=Min("closes_at", filter=Q(closes_at__gt=now)),
        open_now=Count("pk", filter=Q(opens_at__lte=now, closes_at__gt=now)),
    )
    moments = [found["opens"], found["closes"], next_local_midnight(now) if found["open_now"] else None]
    return min((moment for moment in moments if moment), default=None)
