"""The public forms' rate limits (ACCOUNT_RATE_LIMITS), counted in one round trip to the cache.

allauth's own `ratelimit.consume` keeps a list of timestamps per limit behind a lock:
four round trips to Redis for each rate, sixteen for a suggestion with its address,
phone and e-mail limits, and the busiest form paid for them on every sending. Here each
rate is a counter that starts with its first hit and lasts the rate's period ("at most
20 in 10 minutes" counts from the first of them): on Redis every counter of a request is
raised and given its lifetime in one pipelined round trip, with no lock (INCR is atomic);
other caches (the database, local memory) raise them one by one. The keys, the rates and
the client address (behind the trusted proxies, IPv6 per /64) are allauth's, so the
limits read exactly as before; a refused attempt counts too, which only keeps a flood
refused until its period ends.
"""

import math

from allauth.account import app_settings
from allauth.core.internal.ratelimit import get_cache_key, get_rates
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache

APP = "allauth.account"


def consume(request, *checks):
    """Count one attempt against each of `checks`, `(action, key)` pairs (key None for the rates per address or
    per user); the first action with a rate over its limit, or None when every one allows it. Counted on GET
    too: a secret link is a GET, and a guesser must not get round the limits by putting the fields in the
    address."""
    counters = []  # (action, rate, cache key)
    for action, key in checks:
        for rate in get_rates(app=APP, action=action, config=app_settings.RATE_LIMITS):
            counters.append((action, rate, get_cache_key(request, app=APP, action=action, rate=rate, key=key) + ":n"))
    if not counters:
        return None
    counts = _raise_counters(counters)
    for (action, rate, _key), count in zip(counters, counts, strict=True):
        if count > rate.amount:
            return action
    return None


def _raise_counters(counters):
    cache = caches["default"]
    if isinstance(cache, RedisCache):
        client = cache._cache.get_client(write=True)
        pipeline = client.pipeline(transaction=False)
        for _action, rate, key in counters:
            name = cache.make_and_validate_key(key)
            pipeline.incr(name)
            pipeline.expire(name, math.ceil(rate.duration), nx=True)
        return pipeline.execute()[::2]
    counts = []
    for _action, rate, key in counters:
        cache.add(key, 0, timeout=rate.duration)
        try:
            counts.append(cache.incr(key))
        except ValueError:  # gone between the two calls (its period just ended): a new period begins
            cache.set(key, 1, timeout=rate.duration)
            counts.append(1)
    return counts
