"""Settings shared by every environment; `dev`, `test` and `production` refine them."""

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from operations.logging import logging_config

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_list(name, default=""):
    """A comma-separated environment variable as a list, blanks dropped."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


INSTALLED_APPS = [
    # Project apps first, so their templates override those of the libraries.
    "home",
    "council",
    "fieldwork",
    "employment",
    "escort",
    "transparency",
    "events",
    "publicreports",
    "surveys",
    "suggestions",
    "complaints",
    "distribution",
    "assemblies",
    "accounts",
    "outbox",
    "places",
    "operations",
    "theme",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.redirects",
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
    "modelcluster",
    "taggit",
    "allauth",
    "allauth.account",
    "import_export",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "leaflet",  # only for its static files: Leaflet itself (theme/static/theme/map.js drives it)
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.forms",
]

FORM_RENDERER = "theme.forms.PortalFormRenderer"

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # First after security, so it times everything: request id, access log, metrics.
    "operations.middleware.OperationsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # ETags for every page and listing (feeds set their own), so revalidations cost no transfer.
    "django.middleware.http.ConditionalGetMiddleware",
    "operations.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "theme.middleware.ContentSecurityPolicyMiddleware",
    "theme.middleware.MethodNotAllowedMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
            # Language-aware `capfirst` and `tr_upper` in every template (theme/text.py).
            "builtins": ["theme.templatetags.text_tags"],
        },
    },
    {
        # Plain-text e-mails (accounts/mail.py): the same templates, without HTML escaping, so a title
        # such as "Ümraniye'de gençlik buluşması" does not arrive as "Ümraniye&#x27;de".
        "NAME": "text",
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "autoescape": False,
            "context_processors": ["django.template.context_processors.i18n"],
            "builtins": ["theme.templatetags.text_tags"],
        },
    },
]

# SQLite is the embedded default; DATABASE_URL points at PostgreSQL in production and CI.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def cache_settings(redis_url):
    """Redis when configured; otherwise the database, which every process shares."""
    if redis_url:
        return {
            "default": {
                "BACKEND": "config.cache.RedisCache",
                "LOCATION": redis_url,
                "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "kentkonseyi"),
            }
        }
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "portal_cache",
        }
    }


CACHES = cache_settings(os.environ.get("REDIS_URL"))

AUTH_USER_MODEL = "accounts.User"
# Django's and allauth's, with each person's permissions kept in the cache until access changes (accounts/roles.py).
AUTHENTICATION_BACKENDS = [
    "accounts.backends.ModelBackend",
    "accounts.backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:profile"

# django-allauth: e-mail is the login, and it must be verified before first use.
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = False
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
# Confirming in the browser that signed up logs the person in and returns them where they were.
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_PRESERVE_USERNAME_CASING = False
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupForm"
ACCOUNT_FORMS = {"login": "accounts.login_form.LoginForm"}
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
# A signed-in citizen sent to the log-in page by the admin (which they may not use) sees it, with the admin's
# message, instead of being sent straight back to the admin, which sends them to the log-in page again, forever.
ACCOUNT_AUTHENTICATED_LOGIN_REDIRECTS = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Ümraniye Kent Konseyi] "
# allauth's defaults, written out because the portal relies on them.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    # The key is the address and the account (accounts/adapter.py): guessing locks the guesser out, not the owner.
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    # The portal's own: confirming account deletion with the password.
    "delete_account": "5/10m/user",
    # Answering a survey: each step is a POST; a generous limit per address stops scripted ballot stuffing.
    "survey_answer": "60/m/ip,600/h/ip",
    # Answers sent without an account to a survey open to anyone, per survey and address (IPv6: per /64), so
    # clearing the cookie does not give another answer without end. Generous: a household, an office or a
    # mobile operator's shared address answer from one; past the limit, signing in still lets a person answer.
    "survey_response_address": "20/d/key",
    # The suggestion box: per address, and per phone number so one number cannot flood the register.
    "suggestion_send": "20/10m/ip,60/d/ip",
    "suggestion_phone": "5/d/key",
    "suggestion_email": "5/d/key",
    # The box's script asks for nearby reports and known addresses as the pin, topic and address change.
    "suggestion_nearby": "60/m/ip,1000/h/ip",
    "suggestion_address": "60/m/ip,1000/h/ip",
    # Escort bookings (Danışma ve Refakat): per address, and per phone number so one number cannot fill the day.
    "escort_book": "10/10m/ip,40/d/ip",
    "escort_phone": "3/d/key",
    # Status look-ups (the number and its 12-character security code): per address and per network (a /24 or
    # a /48, whose addresses are easy to rotate); wrong codes per tracking number slow a guesser, while the
    # resident's right code always opens the case.
    "case_lookup": "20/10m/ip,100/d/ip",
    "case_lookup_network": "60/10m/key,300/d/key",
    "case_lookup_number": "10/h/key",
    # Members without an account asking for the link to their data: per address, and per e-mail address.
    "member_data_request": "10/10m/ip,50/d/ip",
    "member_data_request_email": "3/d/key",
    # Open311: per partner key.
    "open311_post": "60/m/key",
}

# Internationalisation: Turkish first at /, English under /en/.
LANGUAGE_CODE = "tr"
LANGUAGES = [("tr", "Türkçe"), ("en", "English")]
# The public language switch names each language in itself; the admin names them in the
# editor's language ("İngilizce"), which its upper-cased labels also case correctly.
WAGTAIL_CONTENT_LANGUAGES = [("tr", _("Turkish")), ("en", _("English"))]
WAGTAIL_I18N_ENABLED = True
WAGTAILSIMPLETRANSLATION_SYNC_PAGE_TREE = False
# The portal's catalogue first, then its overrides of the libraries' Turkish wording.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "overrides"]
TIME_ZONE = "Europe/Istanbul"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Uploads that hold personal data and must never be served (imported rosters, case photos): readable by the
# portal's own user only, whatever the umask of the process that writes them.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private"))
STORAGES = {
    # Public media is served by nginx, another user: readable by all even under the services' UMask=0027.
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"file_permissions_mode": 0o644, "directory_permissions_mode": 0o755},
    },
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": PRIVATE_MEDIA_ROOT,
            "file_permissions_mode": 0o600,
            "directory_permissions_mode": 0o700,
        },
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Anonymous visitors' pages are kept by nginx (operations/pagecache.py) for this many seconds at
# most, and purged through these nginx addresses (comma-separated) when content changes.
PAGE_CACHE = {
    "ttl": int(os.environ.get("PAGE_CACHE_TTL", "300")),
    "purge_urls": env_list("PAGE_CACHE_PURGE_URLS"),
}

# The transparency dashboard keeps a period's figures this long (transparency/figures.py); its open-data files
# are made once a day whatever this says.
TRANSPARENCY_CACHE_SECONDS = int(os.environ.get("TRANSPARENCY_CACHE_SECONDS", "900"))

# Background work: the Tasks API with the database as the queue (`manage.py db_worker`).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Seconds before the 2nd, 3rd, ... attempt at an e-mail (outbox/) or a notice to a citizen (complaints/); after the
# last one a message waits for staff in the admin's outbox.
OUTBOX_RETRIES = [60, 300, 1800, 7200, 43200]
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Ümraniye Kent Konseyi <kentkonseyi@umraniye.bel.tr>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security headers that hold everywhere; production adds HTTPS-only settings.
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "theme.views.csrf_failure"
# Maps (theme/templates/components/map.html): Leaflet draws tiles from one tile server, OpenStreetMap's by
# default with its attribution; the pages around a map stay usable when the tiles cannot load.
MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = os.environ.get("MAP_TILE_ATTRIBUTION") or _("© OpenStreetMap contributors")
MAP_TILE_ATTRIBUTION_URL = os.environ.get("MAP_TILE_ATTRIBUTION_URL", "https://www.openstreetmap.org/copyright")
MAP_CENTER = (41.016, 29.124)  # Ümraniye
MAP_ZOOM = 13


def tile_origin(url):
    """The origin a tile URL template loads from, for the CSP: `{s}` subdomains become a wildcard."""
    parts = urlsplit(url.replace("{s}", "*"))
    return f"{parts.scheme}://{parts.netloc}"


# Public pages: no inline script or style at all. The Wagtail admin needs inline
# styles and same-origin framing for previews, so it gets its own policy in
# theme.middleware.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", "blob:", tile_origin(MAP_TILE_URL)],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": ["https://www.youtube-nocookie.com", "https://www.youtube.com", "https://player.vimeo.com"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, "'unsafe-inline'"],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:", "blob:", tile_origin(MAP_TILE_URL)],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [SELF, "https://www.youtube-nocookie.com", "https://www.youtube.com", "https://player.vimeo.com"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    }
}

# Wagtail
WAGTAIL_SITE_NAME = "Ümraniye Kent Konseyi"
WAGTAILADMIN_BASE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_RESET_ENABLED = False
# Wagtail 8 autosaves a new page as a hidden draft while it is typed; a coordinator who leaves the form
# and tries again then meets "slug already in use" for a page they never saw. Saving is explicit instead.
WAGTAIL_AUTOSAVE_INTERVAL = 0
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILIMAGES_IMAGE_MODEL = "theme.PortalImage"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
WAGTAILDOCS_EXTENSIONS = ["pdf", "odt", "docx", "xlsx", "ods", "csv", "txt"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILEMBEDS_RESPONSIVE_HTML = False  # its wrapper carries an inline style, which the CSP forbids
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no request to a third party for staff avatars
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        # Used on PostgreSQL: stemming and stop words for Turkish.
        "SEARCH_CONFIG": "turkish",
    }
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# `manage.py load_demo_content` creates demo logins with known passwords: never in production.
DEMO_CONTENT_ALLOWED = True

# One line per record; LOG_FORMAT=json gives one JSON object per line (time, level, logger,
# message, request id), as production's log collectors want it.
LOGGING = logging_config(os.environ.get("LOG_LEVEL", "INFO"), json_format=os.environ.get("LOG_FORMAT") == "json")

# Operations: the Prometheus metrics at /metrics/ answer only with this bearer token (none: 404);
# /health/ fails when a task has waited longer than this many seconds.
METRICS_TOKEN = os.environ.get("METRICS_TOKEN", "")
HEALTH_MAX_TASK_AGE = int(os.environ.get("HEALTH_MAX_TASK_AGE", "300"))

# The case register (Çözüm Merkezi). Deadlines set by law (4982, 3071) are fixed in
# complaints/models.py; other channels get this many working days.
COMPLAINTS_DEFAULT_WORKING_DAYS = int(os.environ.get("COMPLAINTS_DEFAULT_WORKING_DAYS", "10"))
COMPLAINTS_DUE_SOON_DAYS = 3
# Where citizens follow a case (the suggestion box's look-up), named in e-mails and SMS.
COMPLAINTS_LOOKUP_PATH = "/oneri-kutusu/takip/"
# Notifications to citizens: how often and how long a failed e-mail or SMS is retried.
COMPLAINTS_NOTIFICATION_RETRIES = OUTBOX_RETRIES
# Hand-off to the municipality's own complaint system (complaints/handoff.py): off unless a
# connector is named. HANDOFF_CONNECTOR=webhook with HANDOFF_URL and HANDOFF_SECRET.
COMPLAINTS_HANDOFF = {
    "connector": os.environ.get("HANDOFF_CONNECTOR", ""),
    "url": os.environ.get("HANDOFF_URL", ""),
    "secret": os.environ.get("HANDOFF_SECRET", ""),
    # HANDOFF_CONNECTOR=open311: the far side's GeoReport v2 root, key, jurisdiction and service code.
    "api_key": os.environ.get("HANDOFF_API_KEY", ""),
    "jurisdiction_id": os.environ.get("HANDOFF_JURISDICTION_ID", ""),
    "service_code": os.environ.get("HANDOFF_SERVICE_CODE", ""),
    "timeout": float(os.environ.get("HANDOFF_TIMEOUT", "10")),
    "max_attempts": 8,
    "base_delay": 30,
    "max_delay": 3600,
}
# SMS: the console in development; production names a provider (outbox/sms.py), e.g.
# SMS_BACKEND=outbox.sms.NetgsmBackend with SMS_USERNAME, SMS_PASSWORD, SMS_HEADER.
SMS_BACKEND = os.environ.get("SMS_BACKEND", "outbox.sms.ConsoleBackend")
SMS_OPTIONS = {
    key.removeprefix("SMS_").lower(): value
    for key, value in os.environ.items()
    if key in {"SMS_USERNAME", "SMS_PASSWORD", "SMS_HEADER", "SMS_BASE_URL"}
}
