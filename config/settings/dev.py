"""Settings for a developer's machine and `make run`: debug on, e-mail to the console."""

import os

from .base import *  # noqa: F403

# DJANGO_DEBUG=false shows the error pages people see (make screenshots does).
DEBUG = os.environ.get("DJANGO_DEBUG", "true").lower() != "false"
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-secret-key-not-for-production-use-0123456789")
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
INTERNAL_IPS = ["127.0.0.1"]
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
# Static files straight from the apps, no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
