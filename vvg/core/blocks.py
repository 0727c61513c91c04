"""StreamField blocks shared by the plugin's and the site's content pages (DESIGN.md)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    alt_text = blocks.CharBlock(
        label=_("alternative text"),
        required=False,
        help_text=_("Describe what the image shows; leave empty only when it is decorative."),
    )
    caption = blocks.CharBlock(label=_("caption"), required=False)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "vvg/blocks/image_block.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(label=_("title"), required=False, help_text=_("Leave empty to use the document's title."))


class DocumentListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), required=False)
    documents = blocks.ListBlock(DocumentLinkBlock(), label=_("documents"))

    class Meta:
        icon = "doc-full"
        label = _("Document list")
        template = "vvg/blocks/document_list_block.html"


class AccordionItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("question"))
    answer = blocks.RichTextBlock(label=_("answer"))


class AccordionBlock(blocks.StructBlock):
    """Questions and answers (DUK) as <details>: they open without JavaScript."""

    heading = blocks.CharBlock(label=_("heading"), required=False)
    items = blocks.ListBlock(AccordionItemBlock(), label=_("items"))

    class Meta:
        icon = "list-ul"
        label = _("Accordion (FAQ)")
        template = "vvg/blocks/accordion_block.html"


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"))
    text = blocks.TextBlock(label=_("text"), required=False)
    page = blocks.PageChooserBlock(label=_("page"), required=False)
    url = blocks.URLBlock(label=_("or address"), required=False)
    button_label = blocks.CharBlock(label=_("button label"))

    class Meta:
        icon = "pick"
        label = _("Call to action")
        template = "vvg/blocks/call_to_action_block.html"

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={"page": blocks.BlockValidationError(_("Choose a page or enter an address."))}
            )
        return value


class ContactCardBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=pgettext_lazy("contact card", "name"))
    role = blocks.CharBlock(label=_("role"), required=False)
    phone = blocks.CharBlock(label=_("phone"), required=False)
    email = blocks.EmailBlock(label=_("e-mail"), required=False)
    address = blocks.CharBlock(label=_("address"), required=False)

    class Meta:
        icon = "user"
        label = _("Contact card")
        template = "vvg/blocks/contact_card_block.html"


class ContentStreamBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(label=_("Heading"), icon="title", template="vvg/blocks/heading_block.html")
    paragraph = blocks.RichTextBlock(label=_("Rich text"), icon="pilcrow")
    image = ImageBlock()
    documents = DocumentListBlock()
    table = TableBlock(label=_("Table"), template="vvg/blocks/table_block.html")
    embed = EmbedBlock(label=_("Embed"), icon="media", max_width=800)
    accordion = AccordionBlock()
    call_to_action = CallToActionBlock()
    contact_card = ContactCardBlock()
