from django.urls import path

from .embeds import embed_list

app_name = "vvg_embed"
urlpatterns = [
    path("kvietimai/", embed_list, {"kind": "calls"}, name="calls"),
    path("renginiai/", embed_list, {"kind": "events"}, name="events"),
]
