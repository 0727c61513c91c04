"""The trend chart of an indicator, for the results page, dashboard panel and reports."""

from django import template
from django.utils.translation import gettext

from vvg.core.templatetags.vvg_tags import lt_number

from ..charts import trend_svg

register = template.Library()


@register.simple_tag
def trend_chart(item, width=160, height=48):
    """The trend of a services.Progress as inline SVG, described in words for screen readers."""
    values = ", ".join(f"{lt_number(value)} ({day.isoformat()})" for day, value in item.points)
    label = gettext("Trend of %(code)s: %(values)s. Target: %(target)s.") % {
        "code": item.indicator.code,
        "values": values,
        "target": lt_number(item.indicator.target),
    }
    return trend_svg(item.points, item.indicator.target, label=label, width=width, height=height)
