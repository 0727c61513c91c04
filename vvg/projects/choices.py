"""Choice lists of funded projects."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProjectStatus(models.TextChoices):
    """Where a funded project is, from the signed contract to its end (DESIGN.md)."""

    SIGNED = "signed", _("contract signed")
    IN_PROGRESS = "in_progress", _("in progress")
    COMPLETED = "completed", _("completed")
    TERMINATED = "terminated", _("terminated")
