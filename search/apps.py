from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


def read_document_text(sender, instance, raw=False, **kwargs):
    if raw:  # fixtures being loaded: their files may not be there yet
        return
    from .documents import sync_document_text

    sync_document_text(instance)


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Site search")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.documents import get_document_model
        from wagtail.models import Collection, CollectionViewRestriction

        from vvg.core.cache import invalidate_on_change

        post_save.connect(read_document_text, sender=get_document_model(), dispatch_uid="search-document-text")
        # The search keeps the ids of public documents for a cache generation (services.py); a collection
        # newly closed to the public must drop its documents from the results at once.
        invalidate_on_change(Collection, CollectionViewRestriction)
