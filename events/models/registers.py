"""The participant register (dalyvių registras) and the consultation register (konsultacijų registras).

Both hold personal data: only the register keepers see them (permissions.py, the roles migration),
and the retention command and the erase action anonymise them (services.py).
"""

import secrets

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from vvg.core.choices import Sector

from ..choices import ACTIVE_STATUSES, Attendance, ConsultationForm, RegistrationStatus


def new_cancel_token():
    return secrets.token_urlsafe(32)


class Participant(models.Model):
    """A person and the organisation they represent, as indicators count participating organisations."""

    # Kept out of Wagtail's reference index: an event's or an organisation's "usage" tab has nothing to
    # gain from people's registrations, and each registration in a rush would write index rows too.
    wagtail_reference_index_ignore = True

    name = models.CharField(_("name and surname"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    organisation = models.ForeignKey(
        "vvg_core.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Choose a registered organisation, or type its name below."),
    )
    organisation_name = models.CharField(
        _("organisation name"), max_length=255, blank=True, help_text=_("When the organisation is not registered.")
    )
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices, blank=True)
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True, editable=False)

    participant_panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("email"), FieldPanel("phone")], heading=_("Person")),
        MultiFieldPanel(
            [FieldPanel("organisation"), FieldRowPanel([FieldPanel("organisation_name"), FieldPanel("sector")])],
            heading=_("Organisation"),
        ),
    ]

    # The fields the retention command and the erase action blank; organisation and sector stay for indicators.
    PERSONAL_FIELDS = ("name", "email", "phone")

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.organisation_id:
            self.sector = self.organisation.sector  # so the sector filter and counts need no join
        super().save(*args, **kwargs)

    @property
    def organisation_label(self):
        return self.organisation.name if self.organisation_id else self.organisation_name

    @property
    def is_anonymised(self):
        return self.anonymised_at is not None


class Registration(Participant):
    """One person's registration for a training or an event."""

    event = models.ForeignKey(
        "events.EventBasePage",
        verbose_name=_("training or event"),
        on_delete=models.PROTECT,  # the register is evidence of the activities; wagtail_hooks explains the refusal
        related_name="registrations",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=RegistrationStatus.choices, default=RegistrationStatus.REGISTERED
    )
    attended = models.CharField(_("attended"), max_length=10, choices=Attendance.choices, default=Attendance.UNKNOWN)
    processing_consent = models.BooleanField(
        _("consent to data processing"), default=False,
        help_text=_("The person agreed to the processing of the data for the event."),
    )
    photo_consent = models.BooleanField(_("consent to photos"), default=False)
    created_at = models.DateTimeField(_("registered at"), default=timezone.now, db_index=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True, editable=False)
    cancel_token = models.CharField(
        _("cancel token"), max_length=64, unique=True, default=new_cancel_token, editable=False
    )

    panels = [
        FieldPanel("event"),
        *Participant.participant_panels,
        FieldRowPanel([FieldPanel("status"), FieldPanel("attended")], heading=_("Status")),
        FieldRowPanel([FieldPanel("processing_consent"), FieldPanel("photo_consent")], heading=_("Consents")),
    ]

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("participant register")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                "event",
                condition=models.Q(status__in=ACTIVE_STATUSES) & ~models.Q(email=""),
                name="events_registration_one_active_per_email",
                violation_error_message=_("This e-mail address is already registered for this event."),
            )
        ]

    def __str__(self):
        return f"{self.name or _('(anonymised)')} – {self.event.title}"

    @property
    def holds_seat(self):
        return self.status == RegistrationStatus.REGISTERED


class Consultation(Participant):
    """A consultation given to an applicant or a project implementer (activity 1.2)."""

    date = models.DateField(_("date"), default=timezone.localdate)
    topic = models.CharField(_("topic"), max_length=255)
    form = models.CharField(_("form"), max_length=20, choices=ConsultationForm.choices, default=ConsultationForm.IN_PERSON)
    duration_minutes = models.PositiveIntegerField(
        _("duration, min"), default=30, validators=[MinValueValidator(1)]
    )
    consultant = models.CharField(_("consultant"), max_length=200, help_text=_("Who of the VVG consulted."))
    related_call = models.ForeignKey(
        "vvg_calls.CallPage",
        verbose_name=_("related call"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)

    PERSONAL_FIELDS = Participant.PERSONAL_FIELDS + ("note",)

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("form"), FieldPanel("duration_minutes")], heading=_("When and how")),
        *Participant.participant_panels,
        FieldPanel("topic"),
        FieldPanel("consultant"),
        FieldPanel("related_call"),
        FieldPanel("note"),
    ]

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultation register")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.topic}"
