from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class APIConfig(AppConfig):
    name = "vvg.api"
    label = "vvg_api"
    verbose_name = _("API, feeds and embedding")
