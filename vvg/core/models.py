"""Site-wide settings and the base every public page type of the plugin builds on."""

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.search import index

from . import cache
from .choices import Sector
from .conf import EU_STATEMENT


@register_setting(icon="site")
class VVGSettings(BaseSiteSetting):
    """What the layout of every page shows about the VVG: name, contacts, links, EU statement."""

    organisation_name = models.CharField(
        _("organisation name"), max_length=255, default="Ignalinos miesto vietos veiklos grupė"
    )
    short_name = models.CharField(_("short name"), max_length=100, default="Ignalinos miesto VVG")
    strategy_name = models.CharField(
        _("strategy"), max_length=255, default="Ignalinos miesto 2024–2029 m. vietos plėtros strategija"
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    facebook_url = models.URLField(_("Facebook"), blank=True)
    municipality_url = models.URLField(_("municipality page"), blank=True)
    municipality_link_text = models.CharField(
        _("municipality link text"), max_length=255, default="Ignalinos rajono savivaldybė"
    )
    eu_statement = models.CharField(
        _("EU funding statement"),
        max_length=255,
        default=EU_STATEMENT,
        help_text=_("Shown beside the EU emblem on every page and on exported sheets."),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("organisation_name"), FieldPanel("short_name"), FieldPanel("strategy_name")],
            heading=_("Organisation"),
        ),
        MultiFieldPanel([FieldPanel("address"), FieldPanel("phone"), FieldPanel("email")], heading=_("Contacts")),
        MultiFieldPanel(
            [FieldPanel("facebook_url"), FieldPanel("municipality_url"), FieldPanel("municipality_link_text")],
            heading=_("Links"),
        ),
        FieldPanel("eu_statement"),
    ]

    class Meta:
        verbose_name = _("VVG settings")
        verbose_name_plural = _("VVG settings")

    @classmethod
    def for_request(cls, request):
        """The settings every page's layout shows, from the cache: no query per page view."""
        attr_name = cls.get_cache_attr_name()
        if not hasattr(request, attr_name):
            site = Site.find_for_request(request)
            if site is None:
                return super().for_request(request)
            setattr(request, attr_name, cache.remember(
                "settings", lambda: cls.for_site(site), site.pk, content_only=True
            ))
        return getattr(request, attr_name)


# The Open Graph image of every page (templates/base.html); listings that may supply it prefetch it too.
SOCIAL_IMAGE_RENDITION = "fill-1200x630"


class VVGPage(Page):
    """A public page: a meta description and an Open Graph image besides Wagtail's own fields."""

    social_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("social media image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown when the page is shared (Open Graph); 1200×630 px suits most networks."),
    )

    promote_panels = Page.promote_panels + [FieldPanel("social_image")]

    # Subclasses name the field whose text describes the page when no search description is set.
    summary_field = "intro"

    class Meta:
        abstract = True

    def get_view_restrictions(self):
        """Wagtail checks the restrictions of the page and its ancestors on every view (two queries).

        Most sites restrict nothing: while no restriction exists anywhere (known from the cache, which
        a new restriction invalidates), none can apply and the database is not asked.
        """
        if cache.any_view_restriction():
            return super().get_view_restrictions()
        return PageViewRestriction.objects.none()

    def prime_related(self, *fields):
        """Load these foreign keys in one query instead of one each: Wagtail's route fetched the page without them."""
        fields = [name for name in fields if getattr(self, f"{name}_id", None) is not None]
        if len(fields) > 1:
            loaded = type(self).objects.select_related(*fields).get(pk=self.pk)
            for name in fields:
                setattr(self, name, getattr(loaded, name))

    def get_social_image(self):
        """The image a share shows (Open Graph); page types with a main image fall back to it."""
        return self.social_image

    def get_meta_description(self):
        text = self.search_description or strip_tags(str(getattr(self, self.summary_field, "") or ""))
        return Truncator(" ".join(text.split())).chars(160)


class ListingPage(RoutablePageMixin, VVGPage):
    """An index page listing its children (calls, projects, news, events): an introduction and routes."""

    intro = models.TextField(_("introduction"), blank=True, help_text=_("One or two sentences above the list."))

    content_panels = VVGPage.content_panels + [FieldPanel("intro")]
    search_fields = VVGPage.search_fields + [index.SearchField("intro")]
    api_fields = [APIField("intro")]

    paginate_by = 10

    class Meta:
        abstract = True


# Legal-form words dropped from either end of a name; whole phrases before their parts.
LEGAL_FORMS = (
    "uždaroji akcinė bendrovė",
    "akcinė bendrovė",
    "viešoji įstaiga",
    "mažoji bendrija",
    "individuali įmonė",
    "asociacija",
    "všį",
    "vsi",
    "uab",
    "ab",
    "mb",
    "iį",
)
NAME_QUOTES = "„“”‟\"'«»‘’‚"
NAME_EDGE_PUNCTUATION = " ,.;:-–—"


def normalised_name(name):
    """The name as deduplication compares it: casefolded, without quotes, extra spaces and legal form.

    'UAB „Ignalinos vandenys“' and '„Ignalinos  vandenys“, UAB' both give 'ignalinos vandenys'.
    """
    text = " ".join((name or "").casefold().translate({ord(q): " " for q in NAME_QUOTES}).split())
    while True:
        text = text.strip(NAME_EDGE_PUNCTUATION)
        for form in LEGAL_FORMS:
            if text.startswith(form + " "):
                text = text[len(form) + 1 :]
                break
            if text.endswith(" " + form):
                text = text[: -len(form) - 1]
                break
        else:
            return text


class Organisation(index.Indexed, models.Model):
    """A legal entity that takes part in the strategy: applicant, participant, partner or member."""

    name = models.CharField(_("name"), max_length=255)
    legal_code = models.CharField(
        _("legal entity code"),
        max_length=20,
        blank=True,
        help_text=_("Juridinio asmens kodas; leave empty when the organisation has none."),
    )
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    is_member = models.BooleanField(_("VVG member"), default=False)
    website = models.URLField(_("website"), blank=True)

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("legal_code"),
        index.FilterField("sector"),
        index.FilterField("is_member"),
    ]

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            # Many organisations have no code (blank), so plain unique=True would not do.
            models.UniqueConstraint(
                fields=["legal_code"],
                condition=~models.Q(legal_code=""),
                name="vvg_core_organisation_unique_legal_code",
                violation_error_code="unique",
                violation_error_message=_("An organisation with this legal entity code already exists."),
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        self.name = " ".join(self.name.split())
        self.legal_code = self.legal_code.strip()

    @property
    def normalised_name(self):
        return normalised_name(self.name)

    @property
    def identity_key(self):
        """Whom indicators count as one organisation: the legal entity code, else the normalised name."""
        return ("code", self.legal_code) if self.legal_code else ("name", self.normalised_name)


class Measure(index.Indexed, models.Model):
    """A measure (priemonė) of the local development strategy; calls and funded projects belong to one."""

    code = models.CharField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=255)
    objective = models.TextField(_("objective"), blank=True)
    budget = models.DecimalField(
        _("budget, €"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)]
    )

    search_fields = [
        index.SearchField("code"),
        index.AutocompleteField("code"),
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("objective"),
    ]

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.name}"
