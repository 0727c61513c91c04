from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "vvg.evaluations"
    label = "vvg_evaluations"
    verbose_name = _("Applications and evaluation")
