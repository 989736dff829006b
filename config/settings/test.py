"""Settings for the test suite: tasks run at once, e-mail stays in memory, hashing is fast."""

import os
from urllib.parse import urlsplit, urlunsplit

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-secret-key-not-for-production-0123456789abcdefghijklmnopqrstuvwxyz"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
MEDIA_ROOT = BASE_DIR / "test-results" / "media"  # noqa: F405
PRIVATE_MEDIA_ROOT = BASE_DIR / "test-results" / "private"  # noqa: F405
STORAGES["private"]["OPTIONS"]["location"] = PRIVATE_MEDIA_ROOT  # noqa: F405

# A real cache for allauth's rate limits: Redis when CI provides it, memory otherwise.
# Each pytest-xdist worker uses its own Redis database (1, 2, ...), so the suite can
# clear the cache between tests without touching another worker's counters.
_worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
if os.environ.get("REDIS_URL"):
    _redis = urlsplit(os.environ["REDIS_URL"])
    _database = 1 + int(_worker.removeprefix("gw") or 0)
    CACHES = cache_settings(urlunsplit(_redis._replace(path=f"/{_database}")))  # noqa: F405
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": _worker}}
# Static files straight from the apps, no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Maps never reach the internet in tests: nothing answers on port 9 of this machine, so tiles fail at once.
MAP_TILE_URL = "http://127.0.0.1:9/{z}/{x}/{y}.png"
for _policy in (CONTENT_SECURITY_POLICY, ADMIN_CONTENT_SECURITY_POLICY):  # noqa: F405
    _policy["DIRECTIVES"]["img-src"] = [SELF, "data:", "blob:", tile_origin(MAP_TILE_URL)]  # noqa: F405

LOGGING["root"]["level"] = "WARNING"  # noqa: F405
