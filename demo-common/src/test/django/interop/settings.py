"""
Settings of the Django application that shares its sessions with the demo application in
the interoperability tests. Everything that both applications must agree on comes from
environment variables set by the Java test (DjangoServer):

SECRET_KEY          the demo's session.secret-key
SESSION_ENGINE      db, file, cache or signed_cookies (or a Django module name)
DATABASE_NAME       the PostgreSQL database of the run (DATABASE_HOST, DATABASE_PORT,
                    DATABASE_USER and DATABASE_PASSWORD say where it is)
SESSION_FILE_PATH   the file engine's directory, the demo's session.file.path
REDIS_URL           the Redis server of the cache engine (redis://host:port/db), with
CACHE_KEY_PREFIX    the cache's KEY_PREFIX
"""
import os

SECRET_KEY = os.environ["SECRET_KEY"]

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "interop",
]

# No CSRF middleware: the views are a JSON API driven by the tests.
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]

ROOT_URLCONF = "interop.urls"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": os.environ["DATABASE_NAME"],
        "HOST": os.environ.get("DATABASE_HOST", "127.0.0.1"),
        "PORT": os.environ.get("DATABASE_PORT", "5432"),
        "USER": os.environ.get("DATABASE_USER", "postgres"),
        "PASSWORD": os.environ.get("DATABASE_PASSWORD", ""),
    }
}

_engine = os.environ.get("SESSION_ENGINE", "db")
SESSION_ENGINE = _engine if "." in _engine else "django.contrib.sessions.backends." + _engine
# Django's default, said here because the demo must use the same one
SESSION_SERIALIZER = "django.contrib.sessions.serializers.JSONSerializer"
SESSION_COOKIE_NAME = "sessionid"
if "SESSION_FILE_PATH" in os.environ:
    SESSION_FILE_PATH = os.environ["SESSION_FILE_PATH"]

if "REDIS_URL" in os.environ:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", ""),
            "OPTIONS": {"SERIALIZER": "django_redis.serializers.json.JSONSerializer"},
        }
    }

USE_TZ = True
TIME_ZONE = "UTC"

DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

# Requests and errors go to the server's output, which the Java test shows when a test fails.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "django": {"handlers": ["console"], "level": "WARNING"},
        # one line per request, with its status
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
