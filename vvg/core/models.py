"""Site-wide settings and the base every public page type of the plugin builds on."""

from django.db import models
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Page

EU_STATEMENT = "Bendrai finansuoja Europos Sąjunga"


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

    def get_meta_description(self):
        text = self.search_description or strip_tags(str(getattr(self, self.summary_field, "") or ""))
        return Truncator(" ".join(text.split())).chars(160)
