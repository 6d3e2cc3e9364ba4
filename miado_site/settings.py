"""
Settings for the MIA-DO-KI website: one module, driven by the environment.

With no environment at all it runs as the embedded default (SQLite, local-memory
cache, media on local disk, the secret key that `make run` generates). DJANGO_ENV=production
switches on HTTPS-only behaviour and refuses to start without real secrets.
Every variable is listed in README.md and .env.example. Settings only read: loading
them creates no file and starts no service (Sentry starts in miado_site/apps.py).
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.dateparse import parse_datetime

from miado_site import header_policies
from miado_site.environment import env_bool, env_list, object_store_origins
from miado_site.logging_config import json_logging

BASE_DIR = Path(__file__).resolve().parent.parent

# Where the embedded default keeps its database and secret key; `make run` creates it
# (python -m miado_site.data_dir).
DATA_DIR = Path(os.environ.get("DJANGO_DATA_DIR", BASE_DIR / "var"))

DEBUG = env_bool("DJANGO_DEBUG")
PRODUCTION = os.environ.get("DJANGO_ENV", "embedded").strip().lower() == "production"

# Secrets and hosts

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured(
            "DJANGO_ENV=production needs DJANGO_SECRET_KEY: a random string of at least "
            "50 characters, kept secret and identical on every instance."
        )
    # The embedded default's own key, made once by its set-up step and kept out of git.
    key_file = DATA_DIR / "secret_key"
    try:
        SECRET_KEY = key_file.read_text().strip()
    except FileNotFoundError:
        pass
    if not SECRET_KEY:
        raise ImproperlyConfigured(
            f"No secret key in {key_file}. Run `make run` (or `python -m miado_site.data_dir`) "
            "once to create it, or set DJANGO_SECRET_KEY."
        )

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", [])
if not ALLOWED_HOSTS:
    if PRODUCTION:
        raise ImproperlyConfigured(
            "DJANGO_ENV=production needs DJANGO_ALLOWED_HOSTS, e.g. 'www.example.de'."
        )
    ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

# Applications

INSTALLED_APPS = [
    # modeltranslation patches the admin, so it comes before it.
    "modeltranslation",
    # The admin with optional (or mandatory) two-factor login: miado_site/admin.py.
    "miado_site.apps.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # WhiteNoise also serves static files under `runserver`, as in production.
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    # sitemap.xml (its template); the Atom feed needs no app of its own.
    "django.contrib.sitemaps",
    "csp",
    "django_otp",
    # django-otp's authenticator devices, with German names in the admin.
    "miado_site.apps.TOTPConfig",
    "axes",
    "simple_history",
    "adminsortable2",
    # Only for its system checks of the cache that the counts are kept in.
    "django_ratelimit",
    # Shared foundations first: content apps build on them (README, "Layout").
    "editorial",
    "photos",
    "search",
    # The editors' checks of texts, and the operator's duties as system checks.
    "content_checks",
    # The content apps, which never import each other.
    "pages",
    "goals",
    "feedback",
    # Last, as its documentation asks: deletes a file when its row is deleted or the file
    # replaced, after the commit (photos/models.py deletes the renditions).
    "django_cleanup.apps.CleanupConfig",
]

MIDDLEWARE = [
    # First, so that every response and log line carries the request id.
    "miado_site.request_id.RequestIdMiddleware",
    # Header-only middleware comes first: a response passes back only through the
    # middleware above the one that made it, and SecurityMiddleware answers the HTTPS
    # redirect itself, as WhiteNoise answers for static files.
    "miado_site.middleware.SiteCSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "miado_site.middleware.cross_origin_resource_policy",
    # /healthz and /readyz, before SecurityMiddleware and CommonMiddleware: load-balancer
    # probes use plain HTTP and an IP address as Host (see miado_site/health.py).
    "miado_site.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "miado_site.middleware.refuse_oversized_requests",
    # WhiteNoise right after them, so static files skip the rest.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # The page cache next, so a cached page skips everything below it.
    "editorial.page_cache.PageCacheMiddleware",
    "miado_site.middleware.ignore_malformed_session_cookies",
    "miado_site.middleware.refuse_nul_in_admin_queries",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # LocaleMiddleware after sessions and before CommonMiddleware, so that the
    # language prefix is resolved before CommonMiddleware appends slashes.
    "django.middleware.locale.LocaleMiddleware",
    # Turns the 404 of a page's old address into a 301 to its new one: after
    # LocaleMiddleware (language known) and before CommonMiddleware (slash appended first).
    "editorial.redirects.OldAddressMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "miado_site.middleware.large_bodies_from_staff_only",
    "django_otp.middleware.OTPMiddleware",
    # Records who made each change in the revision history.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # django-axes after authentication, to see the outcome of every login.
    "axes.middleware.AxesMiddleware",
    # Last, so that its process_exception sees a lost database connection first.
    "miado_site.unavailable.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "miado_site.urls"
WSGI_APPLICATION = "miado_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "pages.context_processors.site",
            ],
        },
    },
]

# Database: SQLite in WAL mode by default, anything dj-database-url parses otherwise.

DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{DATA_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers carry on while an editor saves; IMMEDIATE avoids
        # "database is locked" when two writers upgrade their locks at once.
        "init_command": "PRAGMA journal_mode=wal; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: local memory by default, Redis when REDIS_URL is set.

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # django-redis, not Django's own RedisCache: that one raises on every
            # connection error, so an outage of Redis would take the site down with it.
            # IGNORE_EXCEPTIONS turns a dead Redis into cache misses, served from the
            # database, and the short timeouts keep each miss to milliseconds.
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.25,
                "SOCKET_TIMEOUT": 0.5,
            },
        }
    }
    # Editors' sessions are read from Redis and written through to the database,
    # so a restart or outage of Redis logs nobody out.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Counters every Gunicorn worker must share (the barrier form's rate limit): with Redis the
# default cache is shared; without it each worker has its own memory, so they are files in
# DJANGO_DATA_DIR, which the workers of one host share.
CACHES["counters"] = (
    CACHES["default"]
    if REDIS_URL
    else {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(DATA_DIR / "counters"),
        # Each count is a get and a set that renews the file's expiry to this timeout
        # (Django's default: 5 minutes). It must outlast the longest counting window,
        # or the hour's count starts again after five quiet minutes.
        "TIMEOUT": 60 * 60,
        # Every sender's window is a file; past MAX_ENTRIES Django deletes a random third,
        # live counts among them. Far above what a few reports an hour can fill.
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    }
)
# Search results for a short time (search/engine.py): in each worker's own memory, as they
# are cheap to make again and would only push pages out of a shared cache.
CACHES["search"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "search",
    "OPTIONS": {"MAX_ENTRIES": 1000},
}

# django-ratelimit counts there (feedback/views.py); with Redis away, a report gets through.
RATELIMIT_USE_CACHE = "counters"
RATELIMIT_FAIL_OPEN = True
if not REDIS_URL:
    # django-ratelimit asks for a cache with atomic increments (E003), such as Redis, and
    # names the ones it supports (W001). Counting in files, two reports of one sender that
    # two workers take in the same millisecond may count as one: for a limit of a few
    # reports an hour that is no gap worth a Redis server. With Redis both checks apply.
    SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]

# Searches one client address may send (search/limits.py): a burst of 30, then about three a
# second. Empty: no limit (the benchmark measures the search itself).
SEARCH_RATE = os.environ.get("DJANGO_SEARCH_RATE", "30/10s")
# How long one search's ranked results are kept for the same query (search/engine.py);
# 0 switches that off (the benchmark measures the index, not the memory).
SEARCH_CACHE_SECONDS = int(os.environ.get("DJANGO_SEARCH_CACHE_SECONDS", "60"))

# Anonymous visitors get public pages from the cache above (editorial/page_cache.py).
# DJANGO_PAGE_CACHE=0 switches it off, e.g. to measure the uncached site.
PAGE_CACHE = env_bool("DJANGO_PAGE_CACHE", default=True)
# The most-visited pages, rendered into the cache again in every language right after a
# save (editorial/page_refill.py), so their next visitor does not wait for the render.
PAGE_CACHE_REFILL = ["home", "pages:focus-areas", "goals:goal-list", "pages:notice-list"]
# Public addresses outside the language prefix that the page cache keeps too: the sitemap
# index and its sections (miado_site/sitemaps.py), whose pages list up to 1,000 items each
# in every language, a fraction of a second of work.
PAGE_CACHE_PATHS = [
    "/sitemap.xml",
    "/sitemap-pages.xml",
    "/sitemap-notices.xml",
    "/sitemap-free-pages.xml",
]

# Passwords

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation

# German is the source language of all content and the fallback for every other.
LANGUAGE_CODE = "de"
LANGUAGES = [
    ("de", "Deutsch"),
    ("en", "English"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates in English as in the text around them ("26 November 2026"), not "Nov. 26, 2026".
FORMAT_MODULE_PATH = ["miado_site.formats"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

# django-modeltranslation

MODELTRANSLATION_DEFAULT_LANGUAGE = LANGUAGE_CODE
MODELTRANSLATION_FALLBACK_LANGUAGES = (LANGUAGE_CODE,)
# The tabbed admin loads jQuery UI from a public CDN unless told otherwise.
JQUERY_UI_URL = "vendor/jquery-ui-1.14.1.min.js"

# Static files and media

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_MAX_AGE = 60 * 60 * 24
# Uploads on local disk, or with DJANGO_MEDIA_STORAGE=s3 in an S3-compatible object
# store that every instance shares.
MEDIA_STORAGE = os.environ.get("DJANGO_MEDIA_STORAGE", "filesystem").strip().lower()
# The embedded default serves uploads from the app itself; behind a web server
# or object storage, switch this off.
SERVE_MEDIA = env_bool("DJANGO_SERVE_MEDIA", default=MEDIA_STORAGE != "s3")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Hosts other than our own that photos come from; the Content-Security-Policy allows them.
MEDIA_ORIGINS = []
if MEDIA_STORAGE == "s3":
    if not os.environ.get("AWS_STORAGE_BUCKET_NAME"):
        raise ImproperlyConfigured("DJANGO_MEDIA_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME.")
    # Credentials are not read here: boto3 finds AWS_ACCESS_KEY_ID and
    # AWS_SECRET_ACCESS_KEY in the environment itself, or an instance role.
    s3 = {
        "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
        "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
        "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
        # "path" for stores without per-bucket host names (MinIO, Ceph).
        "addressing_style": os.environ.get("AWS_S3_ADDRESSING_STYLE") or None,
        # Public address of the bucket (a CDN or the store's own host name).
        "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
        # Photos are public: plain, stable URLs that browsers and proxies can cache,
        # not signed ones that expire inside cached pages.
        "querystring_auth": False,
        "file_overwrite": False,
        "object_parameters": {"CacheControl": f"public, max-age={MEDIA_MAX_AGE}"},
    }
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": s3}
    MEDIA_ORIGINS = object_store_origins(s3)
elif MEDIA_STORAGE != "filesystem":
    raise ImproperlyConfigured("DJANGO_MEDIA_STORAGE must be 'filesystem' or 's3'.")

# Security

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 8  # one working day
# An editor's login also ends with the browser, and the server forgets it after a day's work.
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = True

if PRODUCTION:
    # TLS ends at the load balancer, which says so in X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365 * 2
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# What browsers may do: miado_site/header_policies.py. Photos, videos and captions may come
# from the object store (MEDIA_ORIGINS).
CONTENT_SECURITY_POLICY, ADMIN_CONTENT_SECURITY_POLICY = header_policies.content_security_policies(
    MEDIA_ORIGINS
)
PERMISSIONS_POLICY = header_policies.PERMISSIONS_POLICY
# Our files are for our pages: other sites may link to them but not embed them.
CROSS_ORIGIN_RESOURCE_POLICY = "same-origin"

# /.well-known/security.txt (RFC 9116): answers 404 until a contact is configured.
SECURITY_TXT_CONTACT = os.environ.get("DJANGO_SECURITY_CONTACT", "")
SECURITY_TXT_EXPIRES = os.environ.get("DJANGO_SECURITY_TXT_EXPIRES", "")
if SECURITY_TXT_EXPIRES and parse_datetime(SECURITY_TXT_EXPIRES) is None:
    raise ImproperlyConfigured(
        "DJANGO_SECURITY_TXT_EXPIRES must be a date or time, e.g. '2027-06-30T00:00:00Z'."
    )

# Uploads: one photo up to this size; a request body a little larger for the other fields.
PHOTO_MAX_UPLOAD_SIZE = int(os.environ.get("DJANGO_PHOTO_MAX_MB", "15")) * 1024 * 1024
# Pixels, checked before the image is decoded: a small file may unpack to gigabytes.
PHOTO_MAX_PIXELS = 50_000_000
# Sign language videos (MP4 or WebM) up to this size; only the admin accepts a body that large.
VIDEO_MAX_UPLOAD_SIZE = int(os.environ.get("DJANGO_VIDEO_MAX_MB", "200")) * 1024 * 1024
MAX_REQUEST_BODY_SIZE = PHOTO_MAX_UPLOAD_SIZE + 1024 * 1024
ADMIN_MAX_REQUEST_BODY_SIZE = max(PHOTO_MAX_UPLOAD_SIZE, VIDEO_MAX_UPLOAD_SIZE) + 1024 * 1024

# Admin

ADMIN_URL = os.environ.get("DJANGO_ADMIN_URL", "admin/").strip("/") + "/"
# Staff who have a TOTP device always need its token; this makes a device compulsory.
ADMIN_REQUIRE_2FA = env_bool("DJANGO_ADMIN_REQUIRE_2FA")
OTP_TOTP_ISSUER = "MIA-DO-KI"

AUTHENTICATION_BACKENDS = [
    # django-axes first, so a locked-out login is refused before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Five wrong passwords for one user name from one address lock that pair out for 15
# minutes: a guesser is stopped without locking the real editor out from elsewhere.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "miado_site.admin.lockout_response"
# Behind N reverse proxies the client's address is the Nth from the right in
# X-Forwarded-For; with none, only the connection's own address counts (not spoofable).
PROXY_COUNT = int(os.environ.get("DJANGO_PROXY_COUNT", "0"))
AXES_IPWARE_PROXY_COUNT = PROXY_COUNT or None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if PROXY_COUNT else ["REMOTE_ADDR"]
)

# E-mail and logging

ADMINS = [("Admin", address) for address in env_list("DJANGO_ADMIN_EMAILS", [])]
SERVER_EMAIL = os.environ.get("DJANGO_SERVER_EMAIL", "root@localhost")
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", SERVER_EMAIL)
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS")
# Seconds; a mail server that hangs must not hold a visitor's request (or a worker) for ever.
EMAIL_TIMEOUT = 10

# Accessibility feedback (BITV 2.0 § 7): every report is stored, and also mailed here when
# set. Each client address and each e-mail address may send this many reports per hour.
ACCESSIBILITY_FEEDBACK_EMAIL = os.environ.get("DJANGO_ACCESSIBILITY_FEEDBACK_EMAIL", "").strip()
ACCESSIBILITY_FEEDBACK_PER_HOUR = 5
# Days a report is kept; the form tells visitors so. Older ones are deleted when a report
# arrives or the admin list opens (feedback/models.py), or by `manage.py purge_feedback`.
ACCESSIBILITY_FEEDBACK_RETENTION_DAYS = int(
    os.environ.get("DJANGO_ACCESSIBILITY_FEEDBACK_RETENTION_DAYS", "365")
)
if ACCESSIBILITY_FEEDBACK_RETENTION_DAYS < 1:
    raise ImproperlyConfigured("DJANGO_ACCESSIBILITY_FEEDBACK_RETENTION_DAYS must be at least 1.")

LOG_LEVEL = os.environ.get("DJANGO_LOG_LEVEL", "INFO").strip().upper()
if LOG_LEVEL not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
    raise ImproperlyConfigured(
        f"DJANGO_LOG_LEVEL={LOG_LEVEL!r}: use DEBUG, INFO, WARNING, ERROR or CRITICAL."
    )

# One JSON object per line on stdout, for whatever collects the container's or the
# service's output; each line of a request carries its request id.
LOGGING = json_logging(LOG_LEVEL)

# Error tracking: only when a DSN is given (started in miado_site/apps.py).
SENTRY_DSN = os.environ.get("SENTRY_DSN", "").strip()
SENTRY_ENVIRONMENT = os.environ.get(
    "SENTRY_ENVIRONMENT", "production" if PRODUCTION else "embedded"
)
