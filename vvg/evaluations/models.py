"""Applications of a call and their evaluation: criteria, assignments, declarations, scores, board decisions.

Everything here is confidential back-office data: no model is a page, none has api_fields or a search
index, and only the roles of permissions.py reach it. The rules live in services.py.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from .choices import ApplicationStatus, DecisionOutcome, DecisionProcedure

MONEY = {"max_digits": 12, "decimal_places": 2, "validators": [MinValueValidator(0)]}


class CallEvaluation(ClusterableModel):
    """How one call's applications are evaluated: its criteria, pass threshold and comment rule."""

    call = models.OneToOneField(
        "vvg_calls.CallPage", verbose_name=_("call"), on_delete=models.CASCADE, related_name="evaluation"
    )
    pass_threshold = models.DecimalField(
        _("pass threshold, points"),
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(0)],
        help_text=_("An application passes when its total is at least this."),
    )
    comment_below_percent = models.PositiveSmallIntegerField(
        _("comment threshold, % of the maximum score"),
        default=50,
        validators=[MaxValueValidator(100)],
        help_text=_("An evaluator must explain a score lower than this share of the criterion's maximum."),
    )

    panels = [
        FieldPanel("call"),
        FieldRowPanel([FieldPanel("pass_threshold"), FieldPanel("comment_below_percent")]),
        InlinePanel("criteria", label=_("Selection criteria"), min_num=1),
    ]

    class Meta:
        verbose_name = _("call evaluation")
        verbose_name_plural = _("call evaluations")

    def __str__(self):
        return str(self.call)

    @property
    def max_total(self):
        return sum(criterion.max_points for criterion in self.criteria.all())


class Criterion(Orderable):
    """A selection criterion (atrankos kriterijus) of a call."""

    evaluation = ParentalKey(CallEvaluation, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("name"), max_length=255)
    max_points = models.PositiveSmallIntegerField(_("maximum points"), validators=[MinValueValidator(1)])
    verification_note = models.TextField(
        _("verification note"),
        blank=True,
        help_text=_("How the evaluator checks the criterion, and in which documents."),
    )

    panels = [FieldPanel("name"), FieldPanel("max_points"), FieldPanel("verification_note")]

    class Meta(Orderable.Meta):
        verbose_name = _("selection criterion")
        verbose_name_plural = _("selection criteria")

    def __str__(self):
        return self.name


class Application(models.Model):
    """An application (paraiška) to a call, as registered in the national system."""

    # Kept out of Wagtail's reference index: an organisation's or a call's "usage" tab, which other roles
    # see, must not list confidential evaluation records.
    wagtail_reference_index_ignore = True

    call = models.ForeignKey(
        "vvg_calls.CallPage", verbose_name=_("call"), on_delete=models.PROTECT, related_name="applications"
    )
    number = models.CharField(_("registration number"), max_length=50)
    applicant = models.ForeignKey(
        "vvg_core.Organisation", verbose_name=_("applicant"), on_delete=models.PROTECT, related_name="applications"
    )
    partners = models.ManyToManyField(
        "vvg_core.Organisation", verbose_name=_("partners"), blank=True, related_name="partner_applications"
    )
    title = models.CharField(_("project title"), max_length=255)
    requested_amount = models.DecimalField(_("requested grant, €"), **MONEY)
    total_amount = models.DecimalField(_("total project value, €"), **MONEY)
    received_at = models.DateTimeField(_("received at"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.RECEIVED,
        editable=False,  # changed only through services.change_status()
    )
    status_reason = models.TextField(_("reason of the status"), blank=True, editable=False)
    funded_project = models.ForeignKey(
        "vvg_projects.FundedProjectPage",
        verbose_name=_("funded project"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    panels = [
        FieldPanel("call"),
        FieldRowPanel([FieldPanel("number"), FieldPanel("received_at")]),
        FieldPanel("title"),
        MultiFieldPanel([FieldPanel("applicant"), FieldPanel("partners")], heading=_("Applicant and partners")),
        FieldRowPanel([FieldPanel("requested_amount"), FieldPanel("total_amount")]),
    ]

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["call", "received_at", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "number"],
                name="vvg_evaluations_application_unique_number",
                violation_error_message=_("This call already has an application with this registration number."),
            )
        ]

    def __str__(self):
        return f"{self.number} {self.title}"

    def clean(self):
        amounts = (self.requested_amount, self.total_amount)
        if None not in amounts and amounts[0] > amounts[1]:
            raise ValidationError({"requested_amount": _("The requested grant cannot exceed the total value.")})


class Declaration(models.Model):
    """An evaluator's impartiality and confidentiality declaration for a call, with declared conflicts."""

    wagtail_reference_index_ignore = True  # see Application

    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("evaluator"), on_delete=models.CASCADE, related_name="+"
    )
    call = models.ForeignKey("vvg_calls.CallPage", verbose_name=_("call"), on_delete=models.CASCADE, related_name="+")
    signed_at = models.DateTimeField(_("signed at"))
    text_version = models.CharField(_("text version"), max_length=20)
    text = models.TextField(_("text signed"))
    conflicts = models.ManyToManyField(
        Application, verbose_name=_("conflicts of interest"), blank=True, related_name="conflicted_declarations"
    )

    class Meta:
        verbose_name = _("declaration")
        verbose_name_plural = _("declarations")
        constraints = [models.UniqueConstraint(fields=["evaluator", "call"], name="vvg_evaluations_one_declaration")]

    def __str__(self):
        return f"{self.evaluator} – {self.call}"


class Assignment(models.Model):
    """An evaluator's sheet for one application; once submitted it is locked until a coordinator reopens it."""

    wagtail_reference_index_ignore = True  # see Application

    application = models.ForeignKey(
        Application, verbose_name=_("application"), on_delete=models.CASCADE, related_name="assignments"
    )
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("evaluator"), on_delete=models.PROTECT, related_name="+"
    )
    assigned_at = models.DateTimeField(_("assigned at"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["application", "evaluator__username"]
        constraints = [
            models.UniqueConstraint(fields=["application", "evaluator"], name="vvg_evaluations_one_assignment")
        ]

    def __str__(self):
        return f"{self.application} – {self.evaluator}"

    @property
    def is_submitted(self):
        return self.submitted_at is not None


class Score(models.Model):
    """Points one evaluator gives one criterion of one application."""

    wagtail_reference_index_ignore = True  # see Application

    assignment = models.ForeignKey(
        Assignment, verbose_name=_("assignment"), on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(Criterion, verbose_name=_("criterion"), on_delete=models.CASCADE, related_name="+")
    points = models.PositiveSmallIntegerField(_("points"))
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [models.UniqueConstraint(fields=["assignment", "criterion"], name="vvg_evaluations_one_score")]

    def __str__(self):
        return f"{self.criterion}: {self.points}"


class BoardDecision(ClusterableModel):
    """The board's decision (valdybos sprendimas) on a call's applications."""

    wagtail_reference_index_ignore = True  # see Application

    call = models.ForeignKey(
        "vvg_calls.CallPage", verbose_name=_("call"), on_delete=models.PROTECT, related_name="board_decisions"
    )
    date = models.DateField(_("date"))
    minutes_number = models.CharField(_("minutes number"), max_length=50)
    procedure = models.CharField(_("procedure"), max_length=20, choices=DecisionProcedure.choices)
    note = models.TextField(_("note"), blank=True)

    panels = [
        FieldPanel("call"),
        FieldRowPanel([FieldPanel("date"), FieldPanel("minutes_number"), FieldPanel("procedure")]),
        FieldPanel("note"),
        InlinePanel("outcomes", label=_("Outcomes")),
    ]

    class Meta:
        verbose_name = _("board decision")
        verbose_name_plural = _("board decisions")
        ordering = ["-date"]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.minutes_number}"


class BoardDecisionOutcome(Orderable):
    wagtail_reference_index_ignore = True  # see Application

    decision = ParentalKey(BoardDecision, on_delete=models.CASCADE, related_name="outcomes")
    application = models.ForeignKey(
        Application, verbose_name=_("application"), on_delete=models.PROTECT, related_name="+"
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=DecisionOutcome.choices)
    reason = models.TextField(_("reason"), blank=True, help_text=_("Required when the application is rejected."))

    panels = [FieldPanel("application"), FieldPanel("outcome"), FieldPanel("reason")]

    class Meta(Orderable.Meta):
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")

    def clean(self):
        if self.outcome == DecisionOutcome.REJECTED and not self.reason.strip():
            raise ValidationError({"reason": _("Give the reason of the rejection.")})
