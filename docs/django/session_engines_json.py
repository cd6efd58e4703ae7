"""JSON in place of pickle for Django's built-in Redis cache (Django 4.0 and later).

Django's ``django.core.cache.backends.redis.RedisCache`` pickles what it stores, which a
Java application cannot read, and should not. With this serializer it stores JSON
instead, which the ``cache`` session engine of session-engines reads and writes when
``session.django.cache.enabled=true``, so that both applications share sessions. Copy
this file into your project and name it in the cache's options::

    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379",
            "OPTIONS": {"serializer": "session_engines_json.JSONSerializer"},
        }
    }

It behaves as Django's ``RedisSerializer`` otherwise: integers are stored as they are, so
that ``incr()`` and ``decr()`` stay atomic, and everything else is serialized, here as
UTF-8 JSON written with ``DjangoJSONEncoder``, exactly as django-redis's
``JSONSerializer`` writes it. That encoder writes dates, times, decimals and UUIDs as
strings, and they are read back as those strings: cache only JSON values with it.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder


class JSONSerializer:
    """A serializer for ``RedisCache``'s ``serializer`` option: JSON instead of pickle."""

    def dumps(self, obj):
        # Only plain integers, not their subclasses such as bool, as RedisSerializer.
        if type(obj) is int:
            return obj
        return json.dumps(obj, cls=DjangoJSONEncoder).encode()

    def loads(self, data):
        try:
            return int(data)
        except ValueError:
            return json.loads(data)
