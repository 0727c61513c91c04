"""Layout pieces every page needs: main menu, breadcrumbs, languages, the EU emblem with its statement."""

from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.conf import settings
from django.utils import formats, translation
from django.utils.translation import gettext
from vvg.core import languages
from vvg.core import layout
from vvg.core.conf import vvg_setting
from vvg.core.models import VVGSettings

register = template.Library()


@register.inclusion_tag("vvg/includes/main_menu.html", takes_context=True)
def main_menu(context):
    """Top-level pages marked "show in menus"; the one holding the current page is marked current."""
    current_path = getattr(context.get("page"), "path", "")
    data = layout.menu(context.get("request"))
    if not data:
        return {"items": []}
    items = [dict(item, is_current=current_path.startswith(item["path"])) for item in data["items"]]
    return {"home_url": data["home_url"], "items": items, "is_home": current_path == data["root_path"]}


@register.inclusion_tag("vvg/includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    ancestors = layout.ancestors(context.get("request"), page)
    return {"ancestors": ancestors, "page": page if ancestors else None}


@register.inclusion_tag("vvg/includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    return {"links": languages.language_links(context.get("request"), context.get("page"))}


@register.inclusion_tag("vvg/includes/hreflang_links.html", takes_context=True)
def hreflang_links(context):
    return {"alternates": languages.alternates(context.get("request"), context.get("page"))}


def _language():
    return translation.get_language() or settings.LANGUAGE_CODE


@register.simple_tag(takes_context=True)
def slug_url(context, slug):
    """Wagtail's `slugurl` without its query on every page view: `{% slug_url "privatumas" as url %}`."""
    return layout.url_for_slug(context.get("request"), slug)


@register.inclusion_tag("vvg/includes/eu_statement.html", takes_context=True)
def eu_statement(context):
    """The statement from the site settings on pages in the default language; elsewhere the EU's wording.

    Editors write the setting in the site's language; a page in another language shows the official
    wording of the EU's visual identity rules in that language from the translation catalogues.
    """
    if _language() != settings.LANGUAGE_CODE:
        return {"statement": gettext("Co-funded by the European Union")}
    request = context.get("request")
    statement = VVGSettings.for_request(request).eu_statement if request else ""
    return {"statement": statement or vvg_setting("EU_STATEMENT")}


# Numbers as the active language writes them: "12 500,00 €", "80 %" in Lithuanian, "€12,500.00", "80%"
# in English. Lithuanian groups thousands with a no-break space (Django's "lt" formats say "."), which
# also keeps a number on the same line as its unit; other languages take Django's separators.
NBSP = "\u00a0"
MONEY_UNIT = "€"
# Languages that write a unit straight after the number (80%) and money with the sign first (€12.50).
UNIT_FIRST_LANGUAGES = {"en"}


def _separators():
    if _language().startswith("lt"):
        return NBSP, ","
    return formats.get_format("THOUSAND_SEPARATOR"), formats.get_format("DECIMAL_SEPARATOR")


@register.filter
def lt_number(value, places=None):
    """12500 → "12 500", Decimal("2.5") → "2,50" (in English "12,500", "2.50"); without `places` whole
    numbers get no decimals, others two. The name stays from when every page was Lithuanian."""
    if value is None or value == "":
        return ""
    number = Decimal(value)
    if places in (None, ""):
        places = 0 if number == number.to_integral_value() else 2
    rounded = number.quantize(Decimal(1).scaleb(-int(places)), rounding=ROUND_HALF_UP)
    thousands, decimal = _separators()
    whole, _, fraction = f"{rounded:,.{int(places)}f}".partition(".")
    return whole.replace(",", thousands) + (decimal + fraction if fraction else "")


@register.filter
def with_unit(value, unit):
    """The number and its unit; money always with cents: "12 500,00 €" ("€12,500.00" in English)."""
    number = lt_number(value, 2 if unit == MONEY_UNIT else None)
    if not (unit and number):
        return number
    if unit == MONEY_UNIT and _language() in UNIT_FIRST_LANGUAGES:
        return f"{unit}{number}"
    return f"{number}{NBSP}{unit}"


@register.filter
def euro(value):
    return with_unit(value, MONEY_UNIT)


@register.filter
def percent(value):
    if value is None or value == "":
        return ""
    number = f"{Decimal(value).normalize():f}".replace(".", _separators()[1])
    return f"{number}%" if _language() in UNIT_FIRST_LANGUAGES else f"{number}{NBSP}%"
