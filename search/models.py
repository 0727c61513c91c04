"""The text of uploaded documents, kept beside Wagtail's own document model so the site search finds it.

A separate table keyed to the document (rather than a custom document model) leaves an existing
site's documents, their URLs and WAGTAILDOCS_DOCUMENT_MODEL alone.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model_string
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin


class DocumentTextQuerySet(SearchableQuerySetMixin, models.QuerySet):
    pass


class DocumentText(index.Indexed, models.Model):
    document = models.OneToOneField(
        get_document_model_string(),
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="search_text",
    )
    text = models.TextField(_("extracted text"), blank=True)
    # The file the text was read from: a new file is read again, a new title only re-indexed.
    source_name = models.CharField(_("source file"), max_length=255, blank=True)
    extracted_at = models.DateTimeField(_("extracted at"), auto_now=True)

    objects = DocumentTextQuerySet.as_manager()

    search_fields = [
        index.SearchField("text"),
        index.RelatedFields("document", [index.SearchField("title", boost=2)]),
        index.FilterField("document"),
    ]

    class Meta:
        verbose_name = _("document text")
        verbose_name_plural = _("document texts")

    def __str__(self):
        return str(self.document)
