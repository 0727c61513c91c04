"""The test suite: SQLite by default, PostgreSQL when DATABASE_URL is set."""

import os

from .base import *  # noqa: F401,F403
from .base import BASE_DIR, VVG

# Playwright's sync API runs an event loop in the test thread; the ORM calls in tests are synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# One folder per pytest-xdist worker (`make test` runs two): tests write and delete the same file names.
MEDIA_ROOT = BASE_DIR / "test-results" / f"media-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Tests sign users in with force_login; tests/test_two_factor.py turns the two-factor rule on
# (as in production) to test it. Sign-in lock-outs stay on, as in production.
VVG = {**VVG, "TWO_FACTOR_GROUPS": [], "TWO_FACTOR_SUPERUSERS": False}
