-- The user-sessions registry's tables on MariaDB (JdbcSessionRegistryStore): registered
-- sessions, one row per user with the version of the user's sessions, and revoked
-- signed-cookie sessions. Run as is, it creates the tables of the default prefix,
-- session_registry; every statement does nothing when its table or index exists. For
-- another prefix, JdbcSessionRegistryStore.createTablesIfMissing replaces session_registry
-- in the table and index names with it.
-- MySQL has no CREATE INDEX IF NOT EXISTS: the indexes go in the tables' DDL. Strings compare
-- every code point, without padding with spaces ("alice" and "alice " are two users):
-- utf8mb4_nopad_bin (MariaDB 10.2 and later).

CREATE TABLE IF NOT EXISTS session_registry (
	id VARCHAR(64) NOT NULL PRIMARY KEY,
	principal VARCHAR(255) NOT NULL,
	session_key VARCHAR(255),
	created_at DATETIME(6) NOT NULL,
	authenticated_at DATETIME(6) NOT NULL,
	last_seen_at DATETIME(6) NOT NULL,
	expires_at DATETIME(6) NOT NULL,
	user_agent VARCHAR(256),
	ip VARCHAR(64),
	INDEX session_registry_principal_idx (principal),
	INDEX session_registry_expires_at_idx (expires_at)
) ENGINE=InnoDB DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin;

CREATE TABLE IF NOT EXISTS session_registry_principal (
	principal VARCHAR(255) NOT NULL PRIMARY KEY,
	version BIGINT NOT NULL
) ENGINE=InnoDB DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin;

CREATE TABLE IF NOT EXISTS session_registry_revocation (
	id VARCHAR(64) NOT NULL PRIMARY KEY,
	revoked_at DATETIME(6) NOT NULL,
	expires_at DATETIME(6) NOT NULL,
	INDEX session_registry_revocation_revoked_at_idx (revoked_at)
) ENGINE=InnoDB DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin;
