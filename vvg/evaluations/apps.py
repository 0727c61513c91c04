from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "vvg.evaluations"
    label = "vvg_evaluations"
    verbose_name = _("Applications and evaluation")

    def ready(self):
        from vvg.core.cache import invalidate_on_change

        from .models import Application

        # Applicants and partners count as participations in the public indicators (results page).
        invalidate_on_change(Application)
