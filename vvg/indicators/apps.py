from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "vvg.indicators"
    label = "vvg_indicators"
    verbose_name = _("Indicators")
    default_auto_field = "django.db.models.BigAutoField"
