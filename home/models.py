"""The home page and the general content pages (about, strategy, documents, contacts, …)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.search import index

from vvg.core.blocks import ContentStreamBlock
from vvg.core.cache import public
from vvg.core.models import VVGPage

from . import highlights


class ContentPage(VVGPage):
    """An introduction and a body of content blocks, shared by the home page and standard pages."""

    intro = models.TextField(_("introduction"), blank=True, help_text=_("One or two sentences under the title."))
    body = StreamField(ContentStreamBlock(), verbose_name=_("content"), blank=True, use_json_field=True)

    content_panels = VVGPage.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = VVGPage.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    api_fields = [APIField("intro"), APIField("body")]

    class Meta:
        abstract = True


class HomePage(ContentPage):
    """The front page: open calls, upcoming trainings and events, the latest news and results first."""

    parent_page_types = ["wagtailcore.Page"]
    items_per_section = 3

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(highlights.for_home_page(self.items_per_section, self.locale_id))
        return context


class StandardPage(ContentPage):
    """About the VVG, the strategy, documents, contacts, accessibility statement, privacy notice."""

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")

    def menu_children(self):
        """The sub-pages listed under the content (e.g. the strategy under "About the VVG")."""
        return public(self.get_children().live().in_menu())
