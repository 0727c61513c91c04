"""Choice lists of calls: their computed status, selection mode and the kinds of call documents."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CallStatus(models.TextChoices):
    """Never stored: services.call_status computes it from the call's dates and results."""

    UPCOMING = "upcoming", _("Upcoming")
    OPEN = "open", _("Accepting applications")
    CLOSED = "closed", _("Applications closed")
    RESULTS = "results", _("Results published")


class SelectionMode(models.TextChoices):
    COMPETITION = "competition", _("competition")
    ROLLING = "rolling", _("rolling selection")


class DocumentType(models.TextChoices):
    CONDITIONS = "conditions", _("funding conditions")
    APPLICATION_FORM = "application_form", _("application form")
    OTHER = "other", _("other")
