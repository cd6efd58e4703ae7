"""Django's cache session engine on Redis, driven from the command line for the Java tests.

    django_cache_sessions.py BACKEND COMMAND [ARGUMENT...]

BACKEND is the cache the sessions are in:

- django-redis: django-redis's RedisCache with its JSONSerializer;
- redis-cache: Django 4's RedisCache with docs/django/session_engines_json.py as its
  serializer, which Django 3.2 lacks, so it is rebuilt below on redis-py;

COMMAND is one of:

- create DATA [EXPIRY]: a new session with the JSON object DATA, and the expiry
  set_expiry() is given (seconds, or "timedelta:SECONDS"); prints its key, expiry age and
  expiry date;
- load KEY: prints the key (null when there is no such session), data, expiry age, and
  when the Redis key expires by its time to live (milliseconds since the epoch);
- update KEY CHANGES: adds the JSON object CHANGES to the session and saves it;
- delete KEY: deletes the session;
- check-serializer: checks session_engines_json.JSONSerializer against Django's
  RedisSerializer protocol and django-redis's JSONSerializer.

The environment gives REDIS_URL, KEY_PREFIX, CACHE_VERSION and COOKIE_AGE; the directory
of session_engines_json.py must be on PYTHONPATH. Output is one JSON object on stdout; a
failure is a traceback on stderr and a non-zero exit status.
"""

import datetime
import importlib
import json
import os
import sys
import time

import django
import redis
from django.conf import settings
from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.module_loading import import_string


class RedisCache(BaseCache):
    """Django 4's django.core.cache.backends.redis.RedisCache, reduced to the calls the
    session engines make: the same keys (make_key), the same serializer option (a dotted
    path, instantiated without arguments), the same commands (SET with EX, and NX for
    add; DEL for a zero timeout), the same reading (GET, then the serializer's loads)."""

    def __init__(self, server, params):
        super().__init__(params)
        self._client = redis.Redis.from_url(server)
        serializer = params.get("OPTIONS", {})["serializer"]
        if isinstance(serializer, str):
            serializer = import_string(serializer)
        if callable(serializer):
            serializer = serializer()
        self._serializer = serializer

    def _key(self, key, version):
        key = self.make_key(key, version=version)
        self.validate_key(key)
        return key

    def _timeout(self, timeout):
        if timeout == DEFAULT_TIMEOUT:
            timeout = self.default_timeout
        return None if timeout is None else max(0, int(timeout))

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self._key(key, version)
        timeout = self._timeout(timeout)
        value = self._serializer.dumps(value)
        if timeout == 0:
            added = bool(self._client.set(key, value, nx=True))
            if added:
                self._client.delete(key)
            return added
        return bool(self._client.set(key, value, ex=timeout, nx=True))

    def get(self, key, default=None, version=None):
        value = self._client.get(self._key(key, version))
        return default if value is None else self._serializer.loads(value)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self._key(key, version)
        timeout = self._timeout(timeout)
        value = self._serializer.dumps(value)
        if timeout == 0:
            self._client.delete(key)
        else:
            self._client.set(key, value, ex=timeout)

    def delete(self, key, version=None):
        return bool(self._client.delete(self._key(key, version)))

    def has_key(self, key, version=None):
        return bool(self._client.exists(self._key(key, version)))


def cache_settings(backend, url, key_prefix, version):
    common = {"LOCATION": url, "KEY_PREFIX": key_prefix, "VERSION": version}
    if backend == "django-redis":
        return dict(common, BACKEND="django_redis.cache.RedisCache",
                    OPTIONS={"CLIENT_CLASS": "django_redis.client.DefaultClient",
                             "SERIALIZER": "django_redis.serializers.json.JSONSerializer"})
    if backend == "redis-cache":
        return dict(common, BACKEND="__main__.RedisCache",
                    OPTIONS={"serializer": "session_engines_json.JSONSerializer"})
    raise SystemExit("unknown backend " + backend)


def session_store():
    return importlib.import_module(settings.SESSION_ENGINE).SessionStore


def create(data, expiry=None):
    session = session_store()()
    session.update(json.loads(data))
    if expiry is not None:
        if expiry.startswith("timedelta:"):
            session.set_expiry(datetime.timedelta(seconds=int(expiry[len("timedelta:"):])))
        else:
            session.set_expiry(int(expiry))
    session.save()
    return {"key": session.session_key, "expiry_age": session.get_expiry_age(),
            "expiry_date": session.get_expiry_date()}


def load(key):
    from django.core.cache import caches

    store = session_store()
    session = store(key)
    data = dict(session.items())
    redis_key = caches[settings.SESSION_CACHE_ALIAS].make_key(store.cache_key_prefix + key)
    ttl = redis.Redis.from_url(os.environ["REDIS_URL"]).pttl(redis_key)
    found = session.session_key is not None
    return {"key": session.session_key, "data": data,
            "expiry_age": session.get_expiry_age() if found else None,
            "expires_at": int(time.time() * 1000) + ttl if ttl >= 0 else None}


def update(key, changes):
    session = session_store()(key)
    session.update(json.loads(changes))
    session.save()
    return {"key": session.session_key}


def delete(key):
    session_store()(key).delete()
    return {}


def check_serializer():
    from django_redis.serializers.json import JSONSerializer as DjangoRedisJSONSerializer
    from session_engines_json import JSONSerializer

    serializer = JSONSerializer()
    # RedisSerializer keeps plain integers as they are, and serializes everything else,
    # bool included
    assert serializer.dumps(5) == 5 and type(serializer.dumps(5)) is int
    assert serializer.dumps(-12) == -12
    assert serializer.dumps(True) == b"true"
    assert serializer.loads(b"5") == 5 and serializer.loads(b"-12") == -12
    value = {"user": "alice", "caf\u00e9": "\u65e5\U0001F600", "n": [1, 2.5, None, True, False]}
    encoded = serializer.dumps(value)
    assert isinstance(encoded, bytes)
    # the bytes django-redis's JSON serializer writes, and each reads the other's
    assert encoded == DjangoRedisJSONSerializer({}).dumps(value), encoded
    assert serializer.loads(encoded) == value
    assert DjangoRedisJSONSerializer({}).loads(encoded) == value
    assert serializer.loads(b'{"user":"alice"}') == {"user": "alice"}
    # RedisCacheClient instantiates the class its option names
    assert isinstance(import_string("session_engines_json.JSONSerializer")(), JSONSerializer)
    return {"checked": True}


def main(backend, command, *arguments):
    settings.configure(
        SECRET_KEY="django-insecure-session-engines-interop-tests",
        USE_TZ=True,
        INSTALLED_APPS=["django.contrib.sessions"],
        SESSION_ENGINE="django.contrib.sessions.backends.cache",
        SESSION_COOKIE_AGE=int(os.environ.get("COOKIE_AGE", "1209600")),
        CACHES={"default": cache_settings(backend, os.environ["REDIS_URL"], os.environ["KEY_PREFIX"],
                                          int(os.environ["CACHE_VERSION"]))},
    )
    django.setup()
    commands = {"create": create, "load": load, "update": update, "delete": delete,
                "check-serializer": check_serializer}
    print(json.dumps(commands[command](*arguments), cls=DjangoJSONEncoder))


if __name__ == "__main__":
    main(*sys.argv[1:])
