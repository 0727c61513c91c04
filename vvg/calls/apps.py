from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CallsConfig(AppConfig):
    name = "vvg.calls"
    label = "vvg_calls"
    verbose_name = _("Calls")
    default_auto_field = "django.db.models.BigAutoField"
