"""Production: everything secret or site-specific comes from the environment (see README)."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F401,F403
from .base import INSTALLED_APPS, MIDDLEWARE, STORAGES, TASKS, VVG, env_list


def required(name):
    value = os.environ.get(name)
    if not value:
        raise ImproperlyConfigured(f"Set the {name} environment variable (see README: Configuration).")
    return value


DEBUG = False
SECRET_KEY = required("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS") or required("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Behind a TLS-terminating proxy (nginx) that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The header the proxy puts the visitor's address in (nginx: proxy_set_header X-Real-IP $remote_addr),
# for the registration rate limit; without a proxy, unset it so REMOTE_ADDR is used.
VVG = {**VVG, "CLIENT_IP_HEADER": os.environ.get("VVG_CLIENT_IP_HEADER", "HTTP_X_REAL_IP") or None}
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "true").lower() == "true"
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# The preload directive only matters once the domain is submitted to the browsers' list.
SECURE_HSTS_PRELOAD = os.environ.get("SECURE_HSTS_PRELOAD", "true").lower() == "true"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"

if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "vvgsite.redis_cache.ReusedClientRedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "vvg"),
        }
    }
else:
    # Without Redis, files every worker of this host shares: the public pages' cache (vvg.core.cache)
    # must see one invalidation counter, which Django's per-process memory cache cannot give.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("CACHE_DIR", "/var/tmp/vvg-cache"),
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "vvg"),
        }
    }

# Whole pages for anonymous visitors from the cache (vvg.core.pagecache); first, so a hit skips all
# other middleware (the stored answer carries the headers they added). On by default with Redis;
# PAGE_CACHE=true/false decides explicitly (e.g. with the file cache).
if os.environ.get("PAGE_CACHE", "true" if os.environ.get("REDIS_URL") else "false").lower() == "true":
    MIDDLEWARE = ["vvg.core.pagecache.AnonymousPageCacheMiddleware", *MIDDLEWARE]

# nginx's proxy cache (site/deploy/nginx.conf) refreshed by Wagtail when a page is published: set
# FRONTEND_CACHE_PURGE_URL to the purger server of that file, e.g. http://127.0.0.1:8081.
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):
    INSTALLED_APPS = [*INSTALLED_APPS, "wagtail.contrib.frontend_cache"]
    WAGTAILFRONTENDCACHE = {
        "nginx": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
        }
    }

# Hashed, compressed static files served by whitenoise.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# S3-compatible media storage when a bucket is configured; local files otherwise.
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "default_acl": None,
            "querystring_auth": False,
            "file_overwrite": False,
        },
    }

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "false").lower() == "true"
# A mail server that hangs must not hold the e-mail worker (or, with EMAIL_QUEUE=immediate, a web
# worker) for longer than this.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))

# Participants' e-mails wait in the database for the worker (`manage.py db_worker --backend emails`,
# site/deploy/vvg-worker.service), so a registration rush never waits for the mail server.
# EMAIL_QUEUE=immediate sends them in the request right after the commit instead, with no worker.
email_queue = os.environ.get("EMAIL_QUEUE", "database").lower()
if email_queue == "database":
    TASKS = {**TASKS, "emails": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
elif email_queue != "immediate":
    raise ImproperlyConfigured("EMAIL_QUEUE is either database (the default) or immediate (see README: Configuration).")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
