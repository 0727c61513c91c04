"""Choice lists of trainings, events, registrations and consultations."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    INFO_EVENT = "info_event", _("information event")
    TRAINING = "training", _("training")
    MEETING = "meeting", _("meeting")
    OTHER = "other", _("other")


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("registered")
    WAITLISTED = "waitlisted", _("on the waiting list")
    CANCELLED = "cancelled", _("cancelled")


# Registrations that hold a place or wait for one; one e-mail may have one of them per event.
ACTIVE_STATUSES = (RegistrationStatus.REGISTERED, RegistrationStatus.WAITLISTED)


class Attendance(models.TextChoices):
    UNKNOWN = "unknown", _("not marked")
    YES = "yes", _("attended")
    NO = "no", _("did not attend")


class ConsultationForm(models.TextChoices):
    IN_PERSON = "in_person", _("in person")
    PHONE = "phone", _("by phone")
    EMAIL = "email", _("by e-mail")
    ONLINE = "online", _("online")
