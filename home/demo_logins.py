"""The demo accounts' public password, and whether it still signs anyone in on this site.

`load_demo_content` gives it only with DEBUG on or `--demo-logins`; a site where it works shows its
administrators a red warning on the dashboard (home/wagtail_hooks.py).
"""

from django.contrib.auth import get_user_model
from django.core.cache import cache

DEMO_PASSWORD = "kent-konseyi-demo"
ADMIN = ("yonetici@kentkonseyi.test", "Selin", "Arslan")
CACHE_KEY = "demo-logins-public-password"


def public_password_works():
    """Whether the demo administrator signs in with the public password (checked once in ten minutes: a password
    check is slow on purpose)."""
    works = cache.get(CACHE_KEY)
    if works is None:
        admin = get_user_model().objects.filter(email=ADMIN[0]).only("password").first()
        works = bool(admin and admin.check_password(DEMO_PASSWORD))
        cache.set(CACHE_KEY, works, 600)
    return works
