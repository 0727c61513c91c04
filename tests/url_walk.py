"""Every URL of the site as (namespaced name, route), for tests that ask all admin views of a module."""

from django.urls import URLPattern, URLResolver, get_resolver


def walk(patterns=None, namespace="", prefix=""):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            yield from walk(pattern.url_patterns, inner, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield namespace + (pattern.name or ""), prefix + str(pattern.pattern)
