"""Django's Redis cache, keeping one client per connection pool.

Django builds a new `redis.Redis` for every cache call, and building one costs more
than the round trip to Redis itself; the rate limits of a public form make about
sixteen calls a request. The client is thread-safe and holds no connection of its own.
"""

from django.core.cache.backends import redis


class RedisCacheClient(redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
