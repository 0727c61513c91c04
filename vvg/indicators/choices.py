"""Choice lists of indicators."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class IndicatorKind(models.TextChoices):
    OUTPUT = "output", _("output")
    RESULT = "result", _("result")


class IndicatorMethod(models.TextChoices):
    """How an indicator's value is known: entered by people, or computed from the registers."""

    MANUAL = "manual", _("entered manually")
    COMPUTED = "computed", _("computed from the registers")
