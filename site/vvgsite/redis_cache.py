"""Django's Redis cache backend, keeping its client object instead of building one per operation.

Django's `RedisCacheClient.get_client()` creates a new `redis.Redis` on every cache call; its
constructor fills a table of about 170 response callbacks each time, which cost a cached page hit
more than the round trip to Redis itself. The client is safe to reuse: it only wraps the
connection pool, and Django keeps one backend instance per thread.

`incr` is one round trip instead of Django's two (EXISTS, then INCRBY): every registration moves the
public cache's generation (vvg.core.cache) twice.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


# Django's incr() semantics: a missing key is an error, never created.
INCR_EXISTING = "if redis.call('EXISTS', KEYS[1]) == 1 then return redis.call('INCRBY', KEYS[1], ARGV[1]) end return false"


class ReusedClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}
        self._incr_existing = None

    def incr(self, key, delta):
        client = self.get_client(key, write=True)
        if self._incr_existing is None:
            self._incr_existing = client.register_script(INCR_EXISTING)
        value = self._incr_existing(keys=[key], args=[delta], client=client)
        if value is None:
            raise ValueError("Key '%s' not found." % key)
        return value

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
