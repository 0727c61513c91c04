"""Choice lists of applications, board decisions and the funding line."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ApplicationStatus(models.TextChoices):
    """Where an application is in the evaluation workflow (DESIGN.md "Evaluation workflow", step 2)."""

    RECEIVED = "received", _("received")
    ADMINISTRATIVE = "administrative", _("administrative compliance")
    ELIGIBILITY = "eligibility", _("eligibility")
    QUALITY = "quality", _("quality evaluation")
    # The statuses read as adjectives of "paraiška" in Lithuanian (DESIGN.md): a context keeps
    # them apart from the board's outcomes and the funding line, which share the English words.
    SELECTED = "selected", pgettext_lazy("application status", "selected")
    RESERVE = "reserve", pgettext_lazy("application status", "reserve list")
    REJECTED = "rejected", pgettext_lazy("application status", "rejected")
    WITHDRAWN = "withdrawn", pgettext_lazy("application status", "withdrawn")


class DecisionProcedure(models.TextChoices):
    MEETING = "meeting", _("in a board meeting")
    WRITTEN = "written", _("by written procedure")


class DecisionOutcome(models.TextChoices):
    """What the board decided for one application; each maps to the application's final status."""

    SELECTED = "selected", _("selected for funding")
    RESERVE = "reserve", _("reserve list")
    REJECTED = "rejected", _("rejected")


class FundingLine(models.TextChoices):
    """Where the ranking puts an application relative to the funding line."""

    SELECTED = "selected", _("within the allocation")
    RESERVE = "reserve", _("reserve list")
    BELOW_THRESHOLD = "below_threshold", _("below the pass threshold")
    INCOMPLETE = "incomplete", _("evaluation not complete")
