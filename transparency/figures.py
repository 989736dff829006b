"""The register's figures for a period as the public sees them: complaints.statistics.report, kept in the cache.

The dashboard and the open data read the same report as the admin's statistics page, so the figures are the
register's own; the cache only spares the database from counting the same period again for every visitor.
"""

import datetime

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone, translation

from complaints import statistics
from config.tasks import next_time_of_day

KEY_VERSION = 1


def seconds_until_midnight(now=None):
    """Until the next local midnight (Istanbul): the open data's files are made once a day."""
    now = now or timezone.now()
    return max(int((next_time_of_day(datetime.time(0, 0), now) - now).total_seconds()), 1)


def cache_key(start, end, language=None):
    return f"transparency:report:{KEY_VERSION}:{language or translation.get_language()}:{start:%Y%m%d}:{end:%Y%m%d}"


def report(start, end):
    """(the report of cases received `start`..`end`, when it was counted), cached for TRANSPARENCY_CACHE_SECONDS.

    Kept per language: the tables' titles and the channels' names are written in the language asked for.
    """
    key = cache_key(start, end)
    found = cache.get(key)
    if found is None:
        found = (statistics.report(start, end), timezone.now())
        cache.set(key, found, settings.TRANSPARENCY_CACHE_SECONDS)
    return found
