from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "vvg.indicators"
    label = "vvg_indicators"
    verbose_name = _("Indicators")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from vvg.core.cache import invalidate_on_change

        from .models import Indicator, Measurement

        # The results page and the home page show the indicators' progress from the public cache.
        invalidate_on_change(Indicator, Measurement)
