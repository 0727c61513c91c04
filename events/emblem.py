"""The EU emblem as a PNG for spreadsheets, drawn from vvg.core's SVG (openpyxl cannot embed SVG)."""

import io
import re
from functools import lru_cache

from django.contrib.staticfiles import finders
from PIL import Image, ImageDraw

EMBLEM_SVG = "vvg/img/eu-emblem.svg"


@lru_cache(maxsize=4)
def emblem_png(width=120):
    """PNG bytes of the emblem `width` pixels wide; the SVG is a rectangle and twelve star polygons."""
    svg = open(finders.find(EMBLEM_SVG), encoding="utf-8").read()
    view_width, view_height = (float(n) for n in re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg).group(1, 2))
    background = re.search(r'<rect[^>]*fill="(#[0-9a-fA-F]+)"', svg).group(1)
    star_colour = re.search(r'<g fill="(#[0-9a-fA-F]+)"', svg).group(1)
    scale = width / view_width
    image = Image.new("RGB", (width, round(view_height * scale)), background)
    draw = ImageDraw.Draw(image)
    for points in re.findall(r'points="([^"]+)"', svg):
        coordinates = [float(n) * scale for pair in points.split() for n in pair.split(",")]
        draw.polygon(coordinates, fill=star_colour)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()
