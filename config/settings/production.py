"""Production: secrets and hosts come from the environment; a missing one stops start-up."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

REQUIRED_ENVIRONMENT = [
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "REDIS_URL",
    "EMAIL_HOST",
    "DEFAULT_FROM_EMAIL",
    "SITE_URL",
]
_missing = [name for name in REQUIRED_ENVIRONMENT if not os.environ.get(name)]
if _missing:
    raise ImproperlyConfigured(
        "Production settings need these environment variables, which are not set: " + ", ".join(_missing)
    )

DEBUG = False
DEMO_CONTENT_ALLOWED = False
SECRET_KEY = os.environ["SECRET_KEY"]
# The key of the consent proofs' hashes (accounts.models.ConsentProof); set it to the old SECRET_KEY when rotating.
CONSENT_PROOF_KEY = os.environ.get("CONSENT_PROOF_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")  # noqa: F405
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", os.environ["SITE_URL"])  # noqa: F405
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DATABASE_CONN_MAX_AGE", "60"))  # noqa: F405
CACHES = cache_settings(os.environ["REDIS_URL"])  # noqa: F405
# Sessions live in Redis, so every app server sees a login made on another one. Their own
# alias (another key prefix) keeps them apart from the cache, which may be cleared at will.
CACHES["sessions"] = {**CACHES["default"], "KEY_PREFIX": CACHES["default"]["KEY_PREFIX"] + "-sessions"}
SESSION_ENGINE = "django.contrib.sessions.backends.cache"
SESSION_CACHE_ALIAS = "sessions"
# The proxies in front (nginx) that append to X-Forwarded-For; allauth's rate limits, which
# guard every public form, count the address the last of them saw.
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "1"))

# Uploaded media: a folder that every app server mounts (NFS or the like) by default; object
# storage (S3 or compatible: MinIO, Ceph) with MEDIA_STORAGE=s3 and the AWS_* variables.
if os.environ.get("MEDIA_STORAGE") == "s3":
    STORAGES["default"] = {  # noqa: F405
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "default_acl": None,
            "querystring_auth": False,
            "file_overwrite": False,
        },
    }
    STORAGES["private"] = {  # noqa: F405
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ.get("AWS_PRIVATE_BUCKET_NAME", os.environ["AWS_STORAGE_BUCKET_NAME"]),
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "location": "private",
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }

# SMTP in production; a stack on one machine for trying things out may keep mail in files.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", "")
EMAIL_HOST = os.environ["EMAIL_HOST"]
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)  # noqa: F405
EMAIL_TIMEOUT = 15
DEFAULT_FROM_EMAIL = SERVER_EMAIL = os.environ["DEFAULT_FROM_EMAIL"]

# HTTPS only. The proxy in front terminates TLS and says so in X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)  # noqa: F405
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)  # noqa: F405
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)  # noqa: F405
# Only a stack on loopback for trying things out (`make prod`) speaks plain HTTP and turns these off.
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)  # noqa: F405
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if SESSION_COOKIE_SECURE else "http"
