"""WSGI entry point: `gunicorn --pythonpath site vvgsite.wsgi` (see `make serve`)."""

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vvgsite.settings.production")

application = get_wsgi_application()

# With the page cache on (production with Redis, PAGE_CACHE=true), hits are answered before Django's handler.
if "vvg.core.pagecache.AnonymousPageCacheMiddleware" in settings.MIDDLEWARE:
    from vvg.core.pagecache import ServeHitsFirst

    application = ServeHitsFirst(application)
