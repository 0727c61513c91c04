"""What calls tell the indicators app through its hooks (the protocols: vvg/indicators/sources.py).

Only hook names are shared, no imports: a VVG without vvg.indicators installs this app all the same.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

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
