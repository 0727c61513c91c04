"""Django's Redis cache backend, keeping its client object instead of building one per operation.

Django's `RedisCacheClient.get_client()` creates a new `redis.Redis` on every cache call; its
constructor fills a table of about 170 response callbacks each time, which cost a cached page hit
more than the round trip to Redis itself. The client is safe to reuse: it only wraps the
connection pool, and Django keeps one backend instance per thread.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class ReusedClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ReusedClientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClient
