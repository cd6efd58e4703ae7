-- The db engine's session table on H2: the table Django's migration
-- (django.contrib.sessions 0001_initial) creates, down to the names of its indexes,
-- so that Django applications can share it and "migrate --fake-initial" accepts it.
-- Run as is, it creates django_session; every statement does nothing when its table
-- or index exists. For another session.db.table, the session starter (and
-- JdbcSessionEngine.createTableIfMissing) replaces django_session and the index names
-- with that table's name and the names Django gives its indexes.

CREATE TABLE IF NOT EXISTS django_session (
	session_key VARCHAR(40) NOT NULL PRIMARY KEY,
	session_data CLOB NOT NULL,
	expire_date TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
CREATE INDEX IF NOT EXISTS django_session_expire_date_a5c62663 ON django_session (expire_date);
