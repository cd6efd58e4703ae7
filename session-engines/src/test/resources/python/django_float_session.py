"""Print a session that Django stored with floats, NaN and the infinities in it.

The vector of JsonSessionSerializerTests.readsAndWritesBackASessionDjangoStoredWithFloats.
Run with Django 3.2 (Debian's python3-django):

    /usr/bin/python3 django_float_session.py

It prints the JSON Django's JSONSerializer writes, then the session_data of the db
engine's row for it (SessionBase.encode), with the secret key of the other vectors and
the time frozen at 1700000000.
"""

from unittest import mock

from django.conf import settings

settings.configure(SECRET_KEY='django-insecure-test-vector-secret', USE_TZ=True)

import django  # noqa: E402

django.setup()

from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.core.signing import JSONSerializer  # noqa: E402

SESSION = {
    'price': 9.99,
    'ratio': 0.1 + 0.2,
    'whole': 100.0,
    'negative_zero': -0.0,
    'big': 1e16,
    'below_big': 1e15,
    'huge': 1e300,
    'tiny': 1.5e-07,
    'small': 0.0001,
    'smaller': 1e-05,
    'subnormal': 5e-324,
    'java17_too_long': 2.82879384806159e17,
    'java17_not_closest': 3.0617315596860196e+25,
    'nan': float('nan'),
    'infinity': float('inf'),
    'minus_infinity': float('-inf'),
    'nested': [1.0, {'x': -2.5e-10}, float('nan')],
    'count': 3,
}

print(JSONSerializer().dumps(SESSION).decode('latin-1'))
with mock.patch('time.time', return_value=1700000000):
    print(SessionStore().encode(SESSION))
