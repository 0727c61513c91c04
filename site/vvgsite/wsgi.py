"""WSGI entry point: `gunicorn --pythonpath site vvgsite.wsgi` (see `make serve`)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vvgsite.settings.production")

application = get_wsgi_application()
