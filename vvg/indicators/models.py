"""Monitoring indicators (rodikliai), their measured values, and the public results page."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpResponse, JsonResponse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.search import index

from vvg.core import cache
from vvg.core.models import VVGPage

from . import services
from .choices import IndicatorKind, IndicatorMethod

AMOUNT = {"max_digits": 14, "decimal_places": 2}


def computed_source_choices():
    return [("", "---------"), *((name, source.label) for name, source in services.computed_sources().items())]


class Indicator(index.Indexed, models.Model):
    """A monitoring indicator of the strategy or of the VVG's project, with its target."""

    code = models.CharField(_("code"), max_length=50, unique=True, help_text=_("For example R.S.2.3034."))
    name = models.CharField(_("name (Lithuanian)"), max_length=500)
    name_en = models.CharField(_("name (English)"), max_length=500, blank=True)
    unit = models.CharField(_("unit (Lithuanian)"), max_length=50, help_text=_("For example “subjektai”."))
    unit_en = models.CharField(_("unit (English)"), max_length=50, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=IndicatorKind.choices)
    baseline = models.DecimalField(_("baseline"), default=0, **AMOUNT)
    target = models.DecimalField(_("target"), **AMOUNT)
    target_date = models.DateField(_("target date"), null=True, blank=True)
    is_public = models.BooleanField(
        _("public"), default=False, help_text=_("Shown with its progress on the public results page and open data.")
    )
    method = models.CharField(
        _("method"), max_length=10, choices=IndicatorMethod.choices, default=IndicatorMethod.MANUAL
    )
    source_name = models.CharField(
        _("computed from"),
        max_length=100,
        blank=True,
        help_text=_("For a computed indicator: the rule or register count that gives its value."),
    )

    search_fields = [
        index.SearchField("code"),
        index.AutocompleteField("code"),
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("name_en"),
        index.FilterField("kind"),
        index.FilterField("is_public"),
        index.FilterField("method"),
    ]

    panels = [
        MultiFieldPanel([FieldPanel("code"), FieldPanel("name"), FieldPanel("name_en")], heading=_("Indicator")),
        FieldRowPanel([FieldPanel("unit"), FieldPanel("unit_en")]),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("is_public")]),
        FieldRowPanel([FieldPanel("baseline"), FieldPanel("target"), FieldPanel("target_date")]),
        MultiFieldPanel(
            [FieldPanel("method"), FieldPanel("source_name", widget=forms.Select(choices=computed_source_choices))],
            heading=_("How the value is known"),
        ),
    ]

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.name}"

    @property
    def is_computed(self):
        return self.method == IndicatorMethod.COMPUTED

    @property
    def display_name(self):
        """The name in the language of the request, Lithuanian when there is no English one."""
        return self.name_en if translation.get_language() == "en" and self.name_en else self.name

    @property
    def display_unit(self):
        return self.unit_en if translation.get_language() == "en" and self.unit_en else self.unit

    def clean(self):
        if self.is_computed and self.source_name not in services.computed_sources():
            raise ValidationError({"source_name": _("Choose what the value is computed from.")})
        if not self.is_computed:
            self.source_name = ""


class MeasurementForm(WagtailAdminModelForm):
    def save(self, commit=True):
        if self.instance._state.adding and self.for_user:
            self.instance.entered_by = self.for_user
        return super().save(commit)


class Measurement(models.Model):
    """The value an indicator had reached on a date: entered, imported, or a snapshot of a computed one."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="measurements"
    )
    date = models.DateField(_("date"))
    value = models.DecimalField(
        _("value"), help_text=_("The value reached by this date (cumulative), not the increase."), **AMOUNT
    )
    source = models.CharField(
        _("source"), max_length=255, blank=True, help_text=_("Where the value comes from: a report, register or act.")
    )
    evidence = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("evidence"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("indicator"),
        FieldRowPanel([FieldPanel("date"), FieldPanel("value")]),
        FieldPanel("source"),
        FieldPanel("evidence"),
        FieldPanel("note"),
    ]
    base_form_class = MeasurementForm

    class Meta:
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        ordering = ["indicator__code", "-date"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "date"],
                name="vvg_indicators_measurement_one_per_day",
                violation_error_message=_("This indicator already has a value on this date."),
            )
        ]

    def __str__(self):
        return f"{self.indicator.code} {self.date:%Y-%m-%d}: {self.value}"


class ResultsPage(RoutablePageMixin, VVGPage):
    """The public results (/rezultatai/): progress of the public indicators, headline figures, open data."""

    intro = models.TextField(_("introduction"), blank=True, help_text=_("One or two sentences above the results."))

    content_panels = VVGPage.content_panels + [FieldPanel("intro")]
    search_fields = VVGPage.search_fields + [index.SearchField("intro")]
    api_fields = [APIField("intro"), APIField("indicator_results")]

    subpage_types = []

    class Meta:
        verbose_name = _("results page")
        verbose_name_plural = _("results pages")

    @staticmethod
    def public_progress():
        """Computing the indicators asks every source app (a dozen queries): kept in the public cache for the day."""

        def build():
            return services.progress_list(Indicator.objects.filter(is_public=True).prefetch_related("measurements"))

        return cache.remember("public-progress", build, timezone.localdate())

    @property
    def indicator_results(self):
        """The public indicators as open data (also the API's field)."""
        return [services.open_data_row(item) for item in self.public_progress()]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(results=self.public_progress(), headline_figures=services.headline_figures())
        return context

    @path("csv/", name="csv")
    def csv_data(self, request):
        response = HttpResponse(services.open_data_csv(self.indicator_results), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="rodikliai.csv"'
        return response

    @path("json/", name="json")
    def json_data(self, request):
        return JsonResponse({"indicators": self.indicator_results}, json_dumps_params={"ensure_ascii": False})

