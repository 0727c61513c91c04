from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.generic import TemplateView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from search import views as search_views
from vvg.core.sitemaps import TranslatedSitemap

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {"wagtail": TranslatedSitemap}}, name="sitemap"),
    path("api/", include("vvg.api.urls")),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots_txt",
    ),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Lithuanian (the default) has no prefix; other languages get /en/… and so on.
urlpatterns += i18n_patterns(
    path("paieska/", search_views.search, name="search"),
    path("embed/", include("vvg.api.embed_urls")),
    # Open-data files of listings (/projektai/duomenys.csv): Wagtail's own pattern takes no dot.
    path("", include("vvg.projects.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
