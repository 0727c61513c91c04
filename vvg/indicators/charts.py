"""A small trend chart as inline SVG, drawn on the server: no script and nothing from other hosts."""

from django.utils.html import format_html, format_html_join


def _scale(value, low, high, size):
    return size / 2 if high == low else (value - low) / (high - low) * size


def trend_svg(points, target=None, *, label, width=160, height=48, pad=4):
    """A line through the (date, value) points, a dashed line at the target; `label` names it for screen readers.

    The values run from zero (or the lowest value, if negative) to the target or the highest value.
    """
    if not points:
        return ""
    days = [day.toordinal() for day, _value in points]
    values = [float(value) for _day, value in points]
    low = min(0.0, *values)
    high = max(values + ([float(target)] if target is not None else []))
    inner_w, inner_h = width - 2 * pad, height - 2 * pad

    def xy(day, value):
        x = pad + _scale(day, min(days), max(days), inner_w)
        y = pad + inner_h - _scale(value, low, high or 1, inner_h)
        return f"{x:.1f}", f"{y:.1f}"

    coordinates = [xy(day, value) for day, value in zip(days, values)]
    target_line = ""
    if target is not None:
        _x, y = xy(days[0], float(target))
        target_line = format_html(
            '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#595959" stroke-width="1" stroke-dasharray="3 3"/>',
            pad, y, width - pad, y,
        )
    return format_html(
        '<svg class="trend-chart" role="img" width="{w}" height="{h}" viewBox="0 0 {w} {h}" focusable="false">'
        "<title>{label}</title>{target}"
        '<polyline fill="none" stroke="currentColor" stroke-width="2" points="{line}"/>{dots}</svg>',
        w=width,
        h=height,
        label=label,
        target=target_line,
        line=" ".join(f"{x},{y}" for x, y in coordinates),
        dots=format_html_join("", '<circle cx="{}" cy="{}" r="2.5" fill="currentColor"/>', coordinates),
    )
