-- The user-sessions registry's tables on PostgreSQL (JdbcSessionRegistryStore): registered
-- sessions, one row per user with the version of the user's sessions, and revoked
-- signed-cookie sessions. Run as is, it creates the tables of the default prefix,
-- session_registry; every statement does nothing when its table or index exists. For
-- another prefix, JdbcSessionRegistryStore.createTablesIfMissing replaces session_registry
-- in the table and index names with it.
-- Ids and principals are compared and ordered by code point: COLLATE "C".

CREATE TABLE IF NOT EXISTS session_registry (
	id VARCHAR(64) COLLATE "C" NOT NULL PRIMARY KEY,
	principal VARCHAR(255) COLLATE "C" NOT NULL,
	session_key VARCHAR(255) COLLATE "C",
	created_at TIMESTAMP WITH TIME ZONE NOT NULL,
	authenticated_at TIMESTAMP WITH TIME ZONE NOT NULL,
	last_seen_at TIMESTAMP WITH TIME ZONE NOT NULL,
	expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
	user_agent VARCHAR(256),
	ip VARCHAR(64)
);
CREATE INDEX IF NOT EXISTS session_registry_principal_idx ON session_registry (principal);
CREATE INDEX IF NOT EXISTS session_registry_expires_at_idx ON session_registry (expires_at);

CREATE TABLE IF NOT EXISTS session_registry_principal (
	principal VARCHAR(255) COLLATE "C" NOT NULL PRIMARY KEY,
	version BIGINT NOT NULL
);

CREATE TABLE IF NOT EXISTS session_registry_revocation (
	id VARCHAR(64) COLLATE "C" NOT NULL PRIMARY KEY,
	revoked_at TIMESTAMP WITH TIME ZONE NOT NULL,
	expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX IF NOT EXISTS session_registry_revocation_revoked_at_idx ON session_registry_revocation (revoked_at);
