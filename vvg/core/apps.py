from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "vvg.core"
    label = "vvg_core"
    verbose_name = _("VVG core")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import audit, cache, checks  # noqa: F401 - checks registers the check of the VVG settings
        from .models import Measure, Organisation

        from .uploads import limit_image_pixels

        limit_image_pixels()
        audit.connect()
        cache.connect()
        cache.invalidate_on_change(Organisation, Measure)
