"""The API under /api/: v2 and v3. Wagtail's own namespaces ("wagtailapi", "wagtailapi_v3") stay top level."""

from django.urls import path

from . import v3
from .v2 import api_router

urlpatterns = [
    path("v2/", api_router.urls),
    # Ours before Wagtail's: the published document is the corrected one (see v3.publishable).
    path("v3/openapi.json", v3.openapi_document, name="vvg_api_openapi"),
    path("v3/docs/", v3.docs, name="vvg_api_docs"),
    path("v3/", v3.api.urls),
]
