"""Images in page content are WebP in several widths, so a phone downloads a small file."""

import io

from bs4 import BeautifulSoup
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model

from home.models import StandardPage


def test_an_image_block_offers_webp_in_three_widths_with_its_alt_text(client, home_page):
    buffer = io.BytesIO()
    PILImage.new("RGB", (1600, 900), (40, 90, 160)).save(buffer, format="PNG")
    image = get_image_model().objects.create(title="Ežeras", file=ImageFile(buffer, name="ezeras.png"))
    page = StandardPage(title="Apie", slug="apie", body=[("image", {"image": image, "alt_text": "Ežeras", "caption": ""})])
    home_page.add_child(instance=page)
    img = BeautifulSoup(client.get(page.url).content, "html.parser").select_one(".block-image img")
    widths = sorted(int(entry.split()[1][:-1]) for entry in img["srcset"].split(", "))
    assert widths == [480, 800, 1200]
    assert all(".format-webp." in entry for entry in img["srcset"].split(", ")) and img["src"].endswith(".webp")
    assert img["alt"] == "Ežeras" and img["loading"] == "lazy" and img["sizes"]
