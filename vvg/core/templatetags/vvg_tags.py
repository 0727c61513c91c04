"""Layout pieces every page needs: main menu, breadcrumbs, the EU emblem with its statement."""

from decimal import ROUND_HALF_UP, Decimal

from django import template
from wagtail.models import Site

from vvg.core.conf import vvg_setting
from vvg.core.models import VVGSettings

register = template.Library()


def _site_root(request):
    site = Site.find_for_request(request) if request else None
    return site.root_page.localized if site else None


@register.inclusion_tag("vvg/includes/main_menu.html", takes_context=True)
def main_menu(context):
    """Top-level pages marked "show in menus"; the one holding the current page is marked current."""
    root = _site_root(context.get("request"))
    current = context.get("page")
    current_path = getattr(current, "path", "")
    items = []
    if root:
        for item in root.get_children().live().public().in_menu():
            items.append({"page": item, "is_current": current_path.startswith(item.path)})
    return {"root": root, "items": items, "is_home": bool(root and current_path == root.path)}


@register.inclusion_tag("vvg/includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    root = _site_root(context.get("request"))
    if not page or not root or not getattr(page, "path", "") or page.path == root.path:
        return {"ancestors": [], "page": None}
    return {"ancestors": page.get_ancestors().filter(depth__gte=root.depth), "page": page}


@register.inclusion_tag("vvg/includes/eu_statement.html", takes_context=True)
def eu_statement(context):
    request = context.get("request")
    statement = VVGSettings.for_request(request).eu_statement if request else ""
    return {"statement": statement or vvg_setting("EU_STATEMENT")}


# Numbers the Lithuanian way ("12 500,00 €", "80 %"): Django's localize adds no thousand separator here.
# A no-break space groups thousands and keeps a number on the same line as its unit.
NBSP = "\u00a0"
MONEY_UNIT = "€"


@register.filter
def lt_number(value, places=None):
    """12500 → "12 500", Decimal("2.5") → "2,50"; without `places` whole numbers get no decimals, others two."""
    if value is None or value == "":
        return ""
    number = Decimal(value)
    if places in (None, ""):
        places = 0 if number == number.to_integral_value() else 2
    rounded = number.quantize(Decimal(1).scaleb(-int(places)), rounding=ROUND_HALF_UP)
    return f"{rounded:,.{int(places)}f}".replace(",", NBSP).replace(".", ",")


@register.filter
def with_unit(value, unit):
    """The number and its unit; money always with cents: "12 500,00 €"."""
    number = lt_number(value, 2 if unit == MONEY_UNIT else None)
    return f"{number}{NBSP}{unit}" if unit and number else number


@register.filter
def euro(value):
    return with_unit(value, MONEY_UNIT)


@register.filter
def percent(value):
    if value is None or value == "":
        return ""
    return f"{Decimal(value).normalize():f}".replace(".", ",") + f"{NBSP}%"
