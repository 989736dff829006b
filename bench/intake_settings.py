"""Production settings as bench/intake.py runs them: plain HTTP on loopback, mail and SMS kept in memory.

Everything else (PostgreSQL, Redis for the cache and the rate limits, the task queue
in the database, the hand-off's retries and time-outs) is exactly production's.
"""

import os

from config.settings.production import *  # noqa: F403

SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = False
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SMS_BACKEND = "complaints.sms.LocmemBackend"
DEMO_CONTENT_ALLOWED = True
STATIC_ROOT = os.environ["STATIC_ROOT"]
