"""Settings shared by every environment; dev, test and production extend them."""

import os
from pathlib import Path

import dj_database_url

PROJECT_DIR = Path(__file__).resolve().parent.parent  # site/vvgsite
BASE_DIR = PROJECT_DIR.parent.parent  # repository root


def env_list(name, default=""):
    """A comma-separated environment variable as a list without blanks."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


INSTALLED_APPS = [
    "home",
    "search",
    "events",
    "vvg.core",
    "vvg.news",
    "vvg.evaluations",
    "vvg.api",
    "vvg.indicators",
    "vvg.projects",
    "vvg.calls",
    "vvg.accounts",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.table_block",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.simple_translation",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.locales",
    "wagtail.admin",
    "wagtail",
    "wagtail_modeladmin",
    "import_export",
    "modelcluster",
    "taggit",
    "django_filters",
    "wagtail.api.v2",
    "wagtail.api.v3",
    "ninja",  # the v3 API docs from its own static files, not from a CDN
    "corsheaders",
    "django_tasks_db",  # the queue of participants' e-mails in production (TASKS below)
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "vvg.core.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "vvg.api.paging.PagingBoundsMiddleware",
    "vvg.api.caching.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Wagtail's page routing from the public cache (after LocaleMiddleware: the root depends on the language).
    "vvg.core.routing.CachedRoutingMiddleware",
    "vvg.core.hostile_input.RefuseNulCharactersMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "vvg.accounts.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes requires: it answers a locked-out sign-in with its lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "vvgsite.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "vvg.core.context_processors.vvg",
            ],
        },
    },
]

WSGI_APPLICATION = "vvgsite.wsgi.application"

# SQLite is the embedded default; DATABASE_URL selects PostgreSQL (psycopg 3) in production and CI.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers wait for each other instead of failing at once (registrations for the last seats). In WAL
    # mode readers never wait for a writer, and a commit needs no fsync of its own (synchronous=NORMAL:
    # the database stays consistent after a crash; a power cut may lose the last commits).
    DATABASES["default"].setdefault("OPTIONS", {}).update({
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    })
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sign-in security (vvg.accounts, README: Admin sign-in security). django-axes counts failed
# sign-ins per user name and address together, so one office behind one address is not locked
# out by a colleague's typos, and a guesser cannot lock a user out from elsewhere.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_MINUTES", "30")) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "vvg.accounts.views.locked_out"
AXES_CLIENT_IP_CALLABLE = "vvg.core.security.client_ip"
AXES_VERBOSE = False
# Only failed attempts are kept (for the lock-out); no log of every sign-in's address and browser.
AXES_DISABLE_ACCESS_LOG = True
OTP_TOTP_ISSUER = "Ignalinos miesto VVG"
# The admin session ends when the browser closes ("Remember me" keeps it this long) and, on the
# server, this many seconds after sign-in in any case.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(8 * 60 * 60)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# Lithuanian is the default language and carries no URL prefix; English lives under /en/.
LANGUAGE_CODE = "lt"
LANGUAGES = [("lt", "Lietuvių"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# Our own strings, then the Lithuanian that Wagtail, wagtail-modeladmin and django-import-export
# lack (scripts/thirdparty_messages.py); both win over the packages' own catalogues.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_thirdparty"]
TIME_ZONE = "Europe/Vilnius"
# Editors enter dates in Vilnius time; a personal time zone in the admin would shift call deadlines.
WAGTAIL_USER_TIME_ZONES = ["Europe/Vilnius"]
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [PROJECT_DIR.parent / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static_collected"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "Ignalinos miesto VVG"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Lithuanian stemming without diacritics; search/migrations/0001 creates it (SQLite's FTS5 folds by itself).
    WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] = "lithuanian_unaccent"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "doc", "odt", "ods", "pdf", "pptx", "rtf", "txt", "xlsx", "zip", "asice", "adoc"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Uploads (vvg/core/uploads.py): a document's content must match its extension; no SVG images,
# which can carry scripts; an image over 40 megapixels (a decompression bomb) is refused.
WAGTAILDOCS_DOCUMENT_FORM_BASE = "vvg.core.uploads.DocumentForm"
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
# The largest request body apart from uploaded files (a long page's editor form; more is refused
# with 400), and the size above which an uploaded file goes to a temporary file, not memory.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# The admin loads nothing from other hosts: no Gravatar pictures, no check for new Wagtail versions.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False

# Content-Security-Policy (vvg/core/security.py): public pages run only the site's own scripts,
# with no inline script or style and no nonce (pages may come from a page cache). JSON-LD blocks
# are data, which browsers do not run, so the policy leaves them alone.
VIDEO_EMBED_HOSTS = ["https://www.youtube.com", "https://www.youtube-nocookie.com", "https://player.vimeo.com"]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *env_list("CSP_MEDIA_HOSTS")],
        "media-src": ["'self'", *env_list("CSP_MEDIA_HOSTS")],
        "frame-src": VIDEO_EMBED_HOSTS,
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Wagtail's admin (and the API docs page) uses inline scripts and styles.
CONTENT_SECURITY_POLICY_ADMIN = {
    "URL_PREFIXES": ["/admin/", "/api/v3/docs/"],
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", *env_list("CSP_MEDIA_HOSTS")],
        # The page preview panel frames the admin's own preview view.
        "frame-src": ["'self'", *VIDEO_EMBED_HOSTS],
        "frame-ancestors": ["'self'"],
    },
}
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {
        "WIDGET": "wagtail.admin.rich_text.DraftailRichTextArea",
        "OPTIONS": {"features": ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]},
    }
}

# Where the site's 404/500 and the e-mails it sends say they come from.
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "info@ignalinosvvg.lt")

# Background tasks (django-tasks). Wagtail's own (search and reference index updates) use "default";
# participants' e-mails (events/tasks.py) use "emails", so production can queue them alone in the
# database for a worker (production.py, EMAIL_QUEUE). Here both run at once, in the enqueuing process.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "emails": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
}

LOGIN_URL = "wagtailadmin_login"

# Other sites read the API, the feeds and the embeds (vvg.api): cross-origin GETs only, from these origins.
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")
CORS_URLS_REGEX = r"^/(api/|([a-z]{2}/)?embed/|.*/(rss|atom|ical)/$)"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
# The plugin's settings (vvg/core/conf.py lists every key with its default).
VVG = {
    # The origins whose pages may show /embed/kvietimai/ and /embed/renginiai/ in a frame.
    "EMBED_ORIGINS": env_list("VVG_EMBED_ORIGINS"),
    "API_CACHE_SECONDS": int(os.environ.get("VVG_API_CACHE_SECONDS", "300")),
}
WAGTAILAPI_DOCS_ENABLED = os.environ.get("WAGTAILAPI_DOCS_ENABLED", "true").lower() == "true"
