#!/usr/bin/python3
"""Django's side of the Django auth integration tests: Django 3.2 (Debian's python3-django)
makes the auth tables and users in a database the test created, and checks passwords.

The database comes from the environment: DJANGO_DB_ENGINE (postgresql or mysql),
DJANGO_DB_NAME, DJANGO_DB_HOST, DJANGO_DB_PORT, DJANGO_DB_USER, DJANGO_DB_PASSWORD; the
secret key from DJANGO_SECRET_KEY.

    django_fixture.py setup   runs "migrate auth", creates the users and writes one JSON
                              object a line for each, as Django sees it
    django_fixture.py check   reads "password<TAB>hash" lines and writes, for each, whether
                              Django's check_password() accepts the password

Exits with 3, and says what is missing, when Django or a library it needs is not installed.
"""
import json
import os
import sys

try:
    import django
    from django.conf import settings
    import argon2  # noqa: F401
    import bcrypt  # noqa: F401
    if os.environ["DJANGO_DB_ENGINE"] == "postgresql":
        import psycopg2  # noqa: F401
    else:
        import MySQLdb  # noqa: F401
except ImportError as ex:
    print("%s (on Debian: apt-get install python3-django python3-argon2 python3-bcrypt "
          "python3-psycopg2 python3-mysqldb)" % ex, file=sys.stderr)
    sys.exit(3)

database = {
    "ENGINE": "django.db.backends." + os.environ["DJANGO_DB_ENGINE"],
    "NAME": os.environ["DJANGO_DB_NAME"],
    "HOST": os.environ["DJANGO_DB_HOST"],
    "PORT": os.environ["DJANGO_DB_PORT"],
    "USER": os.environ["DJANGO_DB_USER"],
    "PASSWORD": os.environ.get("DJANGO_DB_PASSWORD", ""),
}
if os.environ["DJANGO_DB_ENGINE"] == "mysql":
    database["OPTIONS"] = {"charset": "utf8mb4"}
settings.configure(
    SECRET_KEY=os.environ["DJANGO_SECRET_KEY"],
    INSTALLED_APPS=["django.contrib.auth", "django.contrib.contenttypes"],
    DATABASES={"default": database},
    DEFAULT_AUTO_FIELD="django.db.models.AutoField",
    USE_TZ=True,
    PASSWORD_HASHERS=[
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
        "django.contrib.auth.hashers.BCryptPasswordHasher",
    ],
)
django.setup()

from django.contrib.auth.hashers import check_password, make_password  # noqa: E402
from django.contrib.auth.models import Group, User  # noqa: E402
from django.core.management import call_command  # noqa: E402

# username, password (None: unusable), hasher, is_active, is_staff, is_superuser, groups
USERS = [
    ("alice", "alice-pässword", "pbkdf2_sha256", True, False, False, []),
    ("bob", "bob password", "pbkdf2_sha256", True, True, False, ["editors", "Équipe A"]),
    ("root", "root-password", "pbkdf2_sha256", True, True, True, ["editors"]),
    ("inactive", "inactive-password", "pbkdf2_sha256", False, False, False, ["editors"]),
    ("zoë", "zoë 😀", "pbkdf2_sha1", True, False, False, []),
    ("argon", "argon password", "argon2", True, False, False, ["Équipe A"]),
    ("bcryptsha", "bcrypt sha256 password", "bcrypt_sha256", True, False, False, []),
    ("bcrypt", "bcrypt password", "bcrypt", True, True, False, []),
    ("nopass", None, None, True, False, False, []),
]


def setup():
    call_command("migrate", "auth", verbosity=0)
    for username, password, hasher, active, staff, superuser, groups in USERS:
        if superuser:
            user = User.objects.create_superuser(username, username + "@example.com", password)
        else:
            user = User.objects.create_user(username, username + "@example.com", password,
                                            is_active=active, is_staff=staff)
        if password is not None and hasher != "pbkdf2_sha256":
            user.password = make_password(password, hasher=hasher)
            user.save()
        for name in groups:
            user.groups.add(Group.objects.get_or_create(name=name)[0])
    for user in User.objects.order_by("pk"):
        password = next(u[1] for u in USERS if u[0] == user.username)
        print(json.dumps({
            "id": str(user.pk),
            "username": user.username,
            "password": password,
            "hash": user.password,
            "is_active": user.is_active,
            "is_staff": user.is_staff,
            "is_superuser": user.is_superuser,
            "groups": sorted(user.groups.values_list("name", flat=True)),
            "accepts_password": password is not None and check_password(password, user.password),
            "accepts_wrong_password": check_password((password or "") + "x", user.password),
            "finds_uppercase_username": User.objects.filter(username=user.username.upper()).exists(),
            "session_auth_hash": user.get_session_auth_hash(),
        }, ensure_ascii=False))


def check():
    for line in sys.stdin.read().splitlines():
        password, encoded = line.split("\t", 1)
        print(json.dumps(check_password(password, encoded)))


{"setup": setup, "check": check}[sys.argv[1]]()
