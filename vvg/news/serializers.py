"""How the API (wagtail.api APIField) shows a news article's tags."""

from rest_framework.fields import Field

# Where NewsPage.api_queryset puts an article's tagged items, fetched with their tags for a whole listing.
PREFETCHED_TAGS = "api_tagged_items"


class TagNamesField(Field):
    """The tag names in alphabetical order, as Wagtail's own TagsField gives them.

    A listing has them prefetched, already in that order; a single article asks for its own.
    """

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, page):
        tagged_items = getattr(page, PREFETCHED_TAGS, None)
        if tagged_items is None:
            return list(page.tags.order_by("name").values_list("name", flat=True))
        return [item.tag.name for item in tagged_items]
