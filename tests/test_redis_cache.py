"""The production cache backend (vvgsite.redis_cache) against the real Redis on 127.0.0.1:6379."""

import uuid

import pytest
from django.core.cache.backends.redis import RedisCache

from vvgsite.redis_cache import ReusedClientRedisCache

REDIS_URL = "redis://127.0.0.1:6379/14"


@pytest.fixture
def backend():
    cache = ReusedClientRedisCache(REDIS_URL, {"KEY_PREFIX": f"test-{uuid.uuid4().hex}"})
    yield cache
    cache.delete_many(["generation", "page", "counter"])


def test_it_behaves_as_djangos_redis_cache(backend):
    backend.set("page", (3, b"<html>", [("Content-Type", "text/html")]), 30)
    backend.set("generation", 3, None)
    assert backend.get_many(["generation", "page", "missing"]) == {
        "generation": 3, "page": (3, b"<html>", [("Content-Type", "text/html")])}
    assert backend.incr("generation") == 4
    with pytest.raises(ValueError):
        backend.incr("counter")
    assert backend.get("counter") is None  # not created by the attempt
    assert backend.add("generation", 9) is False
    # What one backend writes, Django's own reads: they share the keys and the format.
    django_backend = RedisCache(REDIS_URL, {"KEY_PREFIX": backend.key_prefix})
    assert django_backend.get("generation") == 4


def test_one_client_serves_every_operation(backend):
    client = backend._cache.get_client()
    backend.set("counter", 1)
    assert backend._cache.get_client() is client and backend._cache.get_client(write=True) is client
