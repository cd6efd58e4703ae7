"""Print the names Django 3.2's schema editor gives the session table's indexes.

The vectors of DjangoIndexNamesTests. Regenerate from this directory, with Django 3.2
(Debian's python3-django, with python3-psycopg2 and python3-mysqldb; no database is
needed), with

    /usr/bin/python3 django_index_names.py > django-index-names.txt

Each line is the db_table, the column, the suffix, the backend's max_name_length()
(200 where it has none, as on SQLite) and the name _create_index_name gives.
"""

from django.conf import settings

settings.configure(DATABASES={
    'postgresql': {'ENGINE': 'django.db.backends.postgresql', 'NAME': 'x'},
    'mysql': {'ENGINE': 'django.db.backends.mysql', 'NAME': 'x'},
    'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': ':memory:'},
})

import django  # noqa: E402

django.setup()

from django.db import connections  # noqa: E402

TABLES = [
    'django_session',
    '"myschema"."app_sessions"',
    'session_table_with_a_rather_long_name_for_testing_truncation',
    'x_23456789012345678901234567890123456789012345678901234567890123',
    '_leading_underscore_table_with_a_name_long_enough_to_be_shortened',
    '9' * 250,
]

for alias in ('postgresql', 'mysql', 'default'):
    connection = connections[alias]
    editor = connection.SchemaEditorClass(connection, collect_sql=True, atomic=False)
    for table in TABLES:
        for column, suffix in (('expire_date', ''), ('session_key', '_like')):
            print(table, column, suffix or '-', connection.ops.max_name_length() or 200,
                  editor._create_index_name(table, [column], suffix=suffix))
