"""Write isoformat.txt: how Python writes an aware UTC datetime with isoformat().

The vectors of SessionExpiryTests and SessionTests: Django (4.1 and later) stores
set_expiry(datetime) as value.isoformat() and reads it back with
datetime.fromisoformat, which before Python 3.11 does not accept "Z". Regenerate from
this directory with

    /usr/bin/python3 isoformat.py > isoformat.txt

Each line is the seconds since the epoch, the microseconds, and isoformat() of that
instant in UTC (as django.utils.timezone.now() gives it with USE_TZ = True).
"""

import random
from datetime import datetime, timedelta, timezone

EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def instants():
    fixed = [
        EPOCH,
        datetime.fromtimestamp(1700000000, timezone.utc),
        datetime(2026, 11, 21, 0, 30, 9, 369000, timezone.utc),
        datetime(2026, 11, 20, 23, 52, 24, 460752, timezone.utc),
        datetime(2026, 11, 21, 0, 30, 9, 1, timezone.utc),
        datetime(2026, 11, 21, 0, 30, 9, 999999, timezone.utc),
        datetime(2024, 2, 29, 12, 0, 0, 500000, timezone.utc),
        datetime(999, 1, 2, 3, 4, 5, tzinfo=timezone.utc),
        datetime(1, 1, 1, tzinfo=timezone.utc),
        datetime(9999, 12, 31, 23, 59, 59, tzinfo=timezone.utc),
        datetime(9999, 12, 31, 23, 59, 59, 999999, timezone.utc),
    ]
    rng = random.Random(20261208)
    spread = [EPOCH + timedelta(seconds=rng.randint(0, 253402300799), microseconds=rng.choice([0, rng.randint(0, 999999)]))
              for _ in range(40)]
    return fixed + spread


for instant in instants():
    text = instant.isoformat()
    assert text.endswith('+00:00') and 'Z' not in text, text
    assert datetime.fromisoformat(text) == instant, text
    seconds = (instant - EPOCH) // timedelta(seconds=1)
    print(seconds, instant.microsecond, text)
