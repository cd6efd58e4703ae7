#!/usr/bin/python3
"""Test vectors for the Django password encoder and session auth hash, made by Django.

Writes, beside this script:

* password-vectors.jsonl: one JSON object a line, {"algorithm", "encoded", "password",
  "django", "source"}: a stored hash, a password tried against it, and whether Django's
  check_password() accepts it (true/false; null where Django raises instead). Each hash
  is tried with its password and with wrong ones.
* session-auth-hash-vectors.jsonl: {"secret", "password_hash", "session_auth_hash"}:
  AbstractBaseUser.get_session_auth_hash() under that SECRET_KEY.

Hashes and verdicts come from Debian's Django 3.2 (hashers, argon2-cffi, bcrypt), except
scrypt, which Django 3.2 lacks: those follow Django 4.0+'s ScryptPasswordHasher
(hashlib.scrypt, dklen 64, "scrypt$<n>$<salt>$<r>$<p>$<base64 hash>", a match being a
re-encoding equal to the stored string). Salts are random, so each run writes new hashes.

Regenerate (Debian 12: apt-get install python3-django python3-argon2 python3-bcrypt):

    cd session-starter/src/test/resources/io/sessionengines/django
    /usr/bin/python3 generate_vectors.py
"""
import base64
import hashlib
import json
import os

import argon2
import bcrypt
import django
from django.conf import settings

settings.configure(
    SECRET_KEY="generate-vectors",
    DEFAULT_HASHING_ALGORITHM="sha256",
    INSTALLED_APPS=["django.contrib.auth", "django.contrib.contenttypes"],
    PASSWORD_HASHERS=[
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
        "django.contrib.auth.hashers.BCryptPasswordHasher",
        "django.contrib.auth.hashers.SHA1PasswordHasher",
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "django.contrib.auth.hashers.UnsaltedSHA1PasswordHasher",
        "django.contrib.auth.hashers.UnsaltedMD5PasswordHasher",
        "django.contrib.auth.hashers.CryptPasswordHasher",
    ],
)
django.setup()

from django.contrib.auth import hashers  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.test.utils import override_settings  # noqa: E402

DJANGO = "django-" + django.get_version()
SCRYPT = "hashlib.scrypt, as Django 4.0+'s ScryptPasswordHasher"
HERE = os.path.dirname(os.path.abspath(__file__))

PASSWORDS = ["correct horse battery staple", "lètmein", "pässwörd 😀 ✓", "", " spaced out "]


class CheapArgon2(hashers.Argon2PasswordHasher):
    time_cost = 1
    memory_cost = 256
    parallelism = 2


class CheapBCryptSHA256(hashers.BCryptSHA256PasswordHasher):
    rounds = 4


class CheapBCrypt(hashers.BCryptPasswordHasher):
    rounds = 4


def wrong_passwords(password):
    wrong = [password + "!", password.swapcase(), password[:-1], "", password + "\t"]
    return [w for w in dict.fromkeys(wrong) if w != password]


def django_verdict(password, encoded):
    try:
        return hashers.check_password(password, encoded)
    except Exception:
        return None


def row(algorithm, encoded, password, verdict, source=DJANGO):
    return {"algorithm": algorithm, "encoded": encoded, "password": password, "django": verdict,
            "source": source}


def django_rows(algorithm, encoded, password, extra=(), wrong=None):
    rows = [row(algorithm, encoded, password, django_verdict(password, encoded))]
    wrong = wrong_passwords(password) if wrong is None else wrong
    for candidate in list(wrong) + list(extra):
        rows.append(row(algorithm, encoded, candidate, django_verdict(candidate, encoded)))
    return rows


def argon2_legacy(password, type_, version, drop_version=False):
    """An argon2 hash as Django before 3.2 wrote it (argon2i), or of another variety/version."""
    data = argon2.low_level.hash_secret(password.encode(), hashers.Argon2PasswordHasher().salt().encode(),
                                        time_cost=2, memory_cost=512, parallelism=2, hash_len=16,
                                        type=type_, version=version).decode("ascii")
    if drop_version:
        data = data.replace("$v=16", "")
    return "argon2" + data


def scrypt_encode(password, salt, n, r, p):
    hash_ = hashlib.scrypt(password.encode(), salt=salt.encode(), n=n, r=r, p=p, maxmem=0, dklen=64)
    return "scrypt$%d$%s$%d$%d$%s" % (n, salt, r, p, base64.b64encode(hash_).decode("ascii").strip())


def scrypt_verify(password, encoded):
    _, n, salt, r, p, _ = encoded.split("$", 6)
    return hashers.constant_time_compare(encoded, scrypt_encode(password, salt, int(n), int(r), int(p)))


def scrypt_rows(password, n, r, p, wrong=None):
    encoded = scrypt_encode(password, hashers.PBKDF2PasswordHasher().salt(), n, r, p)
    wrong = wrong_passwords(password) if wrong is None else wrong
    return [row("scrypt", encoded, candidate, scrypt_verify(candidate, encoded), SCRYPT)
            for candidate in [password] + list(wrong)]


def password_rows():
    rows = []
    pbkdf2 = hashers.PBKDF2PasswordHasher()
    for password in PASSWORDS:
        rows += django_rows("pbkdf2_sha256", pbkdf2.encode(password, pbkdf2.salt(), 1000), password)
        rows += django_rows("pbkdf2_sha1", hashers.PBKDF2SHA1PasswordHasher().encode(password, pbkdf2.salt(), 1000),
                            password)
        rows += django_rows("bcrypt_sha256", hashers.make_password(password, hasher=CheapBCryptSHA256()), password)
        rows += django_rows("argon2", hashers.make_password(password, hasher=CheapArgon2()), password)
        rows += scrypt_rows(password, 1024, 8, 1)
        if password:
            rows += django_rows("bcrypt", hashers.make_password(password, hasher=CheapBCrypt()), password)
    # Django 3.2's own defaults (260000 iterations, bcrypt cost 12, argon2 m=102400,t=2,p=8),
    # costly to check, so with one wrong password each
    rows += django_rows("pbkdf2_sha256", hashers.make_password("default iterations"), "default iterations",
                        wrong=["default iterations!"])
    rows += django_rows("bcrypt_sha256", hashers.make_password("default cost", hasher="bcrypt_sha256"),
                        "default cost", wrong=["Default cost"])
    rows += django_rows("argon2", hashers.make_password("default argon2", hasher="argon2"), "default argon2",
                        wrong=["default argon"])
    # scrypt with Django 4.1+'s defaults (n=2**14, r=8, p=5) and Django 4.0's (p=1)
    rows += scrypt_rows("default scrypt", 2 ** 14, 8, 5, wrong=["default scrypt "])
    rows += scrypt_rows("django 4.0 scrypt", 2 ** 14, 8, 1, wrong=["Django 4.0 scrypt"])
    # older Django: 12-character salts, fewer iterations
    rows += django_rows("pbkdf2_sha256", pbkdf2.encode("old salt", "abcdefghijkl", 36000), "old salt")
    # bcrypt_sha256 has no 72-byte limit; bcrypt uses the first 72 bytes
    long_password = "0123456789" * 10
    rows += django_rows("bcrypt_sha256", hashers.make_password(long_password, hasher=CheapBCryptSHA256()),
                        long_password, [long_password[:72]])
    rows += django_rows("bcrypt", hashers.make_password(long_password, hasher=CheapBCrypt()), long_password,
                        [long_password[:72], long_password[:73], long_password[:71]])
    rows += django_rows("bcrypt", hashers.make_password("zero", hasher=CheapBCrypt()), "zero", ["zero\x00"])
    # the other bcrypt versions Django's bcrypt library writes and reads
    for prefix in ("2a", "2y"):
        salt = b"$" + prefix.encode() + bcrypt.gensalt(4)[3:]
        rows += django_rows("bcrypt_sha256", CheapBCryptSHA256().encode("revision " + prefix, salt),
                            "revision " + prefix)
        rows += django_rows("bcrypt", CheapBCrypt().encode("revision " + prefix, salt), "revision " + prefix)
    # argon2i (Django before 3.2), argon2d, and version 16 with and without "v="
    rows += django_rows("argon2", argon2_legacy("argon2i", argon2.low_level.Type.I, 19), "argon2i")
    rows += django_rows("argon2", argon2_legacy("argon2d", argon2.low_level.Type.D, 19), "argon2d")
    rows += django_rows("argon2", argon2_legacy("version 16", argon2.low_level.Type.I, 16), "version 16")
    rows += django_rows("argon2", argon2_legacy("no version", argon2.low_level.Type.I, 16, True), "no version")
    # hashes the encoder refuses although Django accepts them
    rows += django_rows("md5", hashers.make_password("legacy md5", hasher="md5"), "legacy md5")
    rows += django_rows("sha1", hashers.make_password("legacy sha1", hasher="sha1"), "legacy sha1")
    rows += django_rows("unsalted_md5", hashers.make_password("unsalted md5", hasher="unsalted_md5"),
                        "unsalted md5")
    rows += django_rows("unsalted_md5", "md5$$" + hashlib.md5(b"md5 prefix").hexdigest(), "md5 prefix")
    rows += django_rows("unsalted_sha1", hashers.make_password("unsalted sha1", hasher="unsalted_sha1"),
                        "unsalted sha1")
    rows += django_rows("crypt", hashers.make_password("crypt", hasher="crypt"), "crypt")
    # an unusable password: nothing matches it
    rows += django_rows("unusable", hashers.make_password(None), "")
    return rows


def session_auth_hash_rows():
    secrets = ["django-insecure-test-vector-secret", "fallback-secret-1", "clé secrète ✓"]
    password_hashes = ["pbkdf2_sha256$x", hashers.make_password("session"),
                       hashers.make_password(None), "", "argon2$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2g"]
    rows = []
    for secret in secrets:
        with override_settings(SECRET_KEY=secret):
            for password_hash in password_hashes:
                rows.append({"secret": secret, "password_hash": password_hash,
                             "session_auth_hash": User(password=password_hash).get_session_auth_hash()})
    return rows


def write(name, rows):
    with open(os.path.join(HERE, name), "w", encoding="utf-8") as out:
        for r in rows:
            out.write(json.dumps(r, ensure_ascii=False) + "\n")


write("password-vectors.jsonl", password_rows())
write("session-auth-hash-vectors.jsonl", session_auth_hash_rows())
