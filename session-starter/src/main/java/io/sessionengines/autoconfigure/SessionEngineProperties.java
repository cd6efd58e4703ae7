package io.sessionengines.autoconfigure;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import io.sessionengines.engine.db.JdbcSessionEngine;
import io.sessionengines.web.SameSite;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.util.Assert;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties for the session engines. Each one mirrors a Django
 * {@code SESSION_*} setting, and Spring Boot's relaxed binding maps Django's environment
 * variable names onto them ({@code SESSION_COOKIE_AGE} sets {@code session.cookie.age}).
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
@ConfigurationProperties("session")
public class SessionEngineProperties {

	/**
	 * Engine that stores the sessions (Django's SESSION_ENGINE): db, file, cache,
	 * cached_db or signed_cookies; Django's module names are accepted too.
	 */
	private SessionEngineType engine = SessionEngineType.DB;

	/**
	 * Secret key that signs session data (Django's SECRET_KEY), at least 32 characters.
	 */
	private @Nullable String secretKey;

	/**
	 * Comma-separated list of older secret keys that still verify session data but no
	 * longer sign it (Django's SECRET_KEY_FALLBACKS).
	 */
	private List<String> secretKeyFallbacks = new ArrayList<>();

	/**
	 * Whether the demo application's published development secret key may be used (it is
	 * refused at start-up otherwise); only the demo sets it.
	 */
	private boolean allowDemoSecretKey;

	/**
	 * Whether to save the session, and send its cookie again, on every request (Django's
	 * SESSION_SAVE_EVERY_REQUEST).
	 */
	private boolean saveEveryRequest;

	/**
	 * Whether session cookies last only until the browser closes (Django's
	 * SESSION_EXPIRE_AT_BROWSER_CLOSE).
	 */
	private boolean expireAtBrowserClose;

	/**
	 * Longest a session may live from its creation, however active it is; no limit when
	 * unset. If a duration suffix is not specified, seconds will be used.
	 */
	@DurationUnit(ChronoUnit.SECONDS)
	private @Nullable Duration absoluteAge;

	/**
	 * How long a session may go unused before it expires, as a servlet container's
	 * session timeout; off when unset, so that sessions expire as in Django, the cookie
	 * age after their last save. If a duration suffix is not specified, seconds will be
	 * used.
	 */
	@DurationUnit(ChronoUnit.SECONDS)
	private @Nullable Duration idleTimeout;

	/**
	 * How stale a session's recorded activity may get before a request that only reads it
	 * saves it, to extend its idle timeout; when unset, one minute or a tenth of the
	 * timeout, whichever is shorter. If a duration suffix is not specified, seconds will
	 * be used.
	 */
	@DurationUnit(ChronoUnit.SECONDS)
	private @Nullable Duration idleTimeoutResolution;

	/**
	 * Cache that the cache and cached_db engines use (Django's SESSION_CACHE_ALIAS):
	 * memory, redis, or the name of a SessionCacheStore bean of the application.
	 */
	private String cacheAlias = "memory";

	/**
	 * Serializer for session data (Django's SESSION_SERIALIZER).
	 */
	private SessionSerializerType serializer = SessionSerializerType.JSON;

	/**
	 * Classes, and packages written as com.example.*, whose objects a session may hold as
	 * typed JSON values (at the top level), besides java.time and Spring Security's.
	 */
	private List<String> typedValues = new ArrayList<>();

	/**
	 * How often to delete expired sessions in the background, for engines whose storage
	 * does not expire them by itself (db, cached_db, file); off when unset. If a duration
	 * suffix is not specified, seconds will be used.
	 */
	@DurationUnit(ChronoUnit.SECONDS)
	private @Nullable Duration purgeInterval;

	/**
	 * Request and response header that also carries the session key, for API clients that
	 * do not keep cookies (for example X-Session-Key); none when unset.
	 */
	private @Nullable String headerName;

	/**
	 * Largest size of a session's serialized data: a value that would make a session
	 * larger is refused when it is set, and larger stored data reads as an empty session;
	 * when unset, 1MB, or 4KB (what a cookie holds) for signed_cookies.
	 */
	private @Nullable DataSize maxDataSize;

	private final Cookie cookie = new Cookie();

	private final Db db = new Db();

	private final File file = new File();

	private final Cache cache = new Cache();

	private final Registry registry = new Registry();

	private final Django django = new Django();

	private final KeyRing keyRing = new KeyRing();

	private final Encryption encryption = new Encryption();

	public SessionEngineType getEngine() {
		return this.engine;
	}

	public void setEngine(SessionEngineType engine) {
		this.engine = engine;
	}

	public @Nullable String getSecretKey() {
		return this.secretKey;
	}

	public void setSecretKey(@Nullable String secretKey) {
		this.secretKey = secretKey;
	}

	public List<String> getSecretKeyFallbacks() {
		return this.secretKeyFallbacks;
	}

	public void setSecretKeyFallbacks(List<String> secretKeyFallbacks) {
		this.secretKeyFallbacks = secretKeyFallbacks;
	}

	public boolean isAllowDemoSecretKey() {
		return this.allowDemoSecretKey;
	}

	public void setAllowDemoSecretKey(boolean allowDemoSecretKey) {
		this.allowDemoSecretKey = allowDemoSecretKey;
	}

	public boolean isSaveEveryRequest() {
		return this.saveEveryRequest;
	}

	public void setSaveEveryRequest(boolean saveEveryRequest) {
		this.saveEveryRequest = saveEveryRequest;
	}

	public boolean isExpireAtBrowserClose() {
		return this.expireAtBrowserClose;
	}

	public void setExpireAtBrowserClose(boolean expireAtBrowserClose) {
		this.expireAtBrowserClose = expireAtBrowserClose;
	}

	public @Nullable Duration getAbsoluteAge() {
		return this.absoluteAge;
	}

	public void setAbsoluteAge(@Nullable Duration absoluteAge) {
		Assert.isTrue(absoluteAge == null || isPositive(absoluteAge), "must be positive");
		this.absoluteAge = absoluteAge;
	}

	public @Nullable Duration getIdleTimeout() {
		return this.idleTimeout;
	}

	public void setIdleTimeout(@Nullable Duration idleTimeout) {
		Assert.isTrue(idleTimeout == null || isPositive(idleTimeout), "must be positive");
		this.idleTimeout = idleTimeout;
	}

	public @Nullable Duration getIdleTimeoutResolution() {
		return this.idleTimeoutResolution;
	}

	public void setIdleTimeoutResolution(@Nullable Duration idleTimeoutResolution) {
		Assert.isTrue(idleTimeoutResolution == null || !idleTimeoutResolution.isNegative(), "must not be negative");
		this.idleTimeoutResolution = idleTimeoutResolution;
	}

	public String getCacheAlias() {
		return this.cacheAlias;
	}

	public void setCacheAlias(String cacheAlias) {
		this.cacheAlias = cacheAlias;
	}

	public SessionSerializerType getSerializer() {
		return this.serializer;
	}

	public void setSerializer(SessionSerializerType serializer) {
		this.serializer = serializer;
	}

	public List<String> getTypedValues() {
		return this.typedValues;
	}

	public void setTypedValues(List<String> typedValues) {
		this.typedValues = typedValues;
	}

	public @Nullable Duration getPurgeInterval() {
		return this.purgeInterval;
	}

	public void setPurgeInterval(@Nullable Duration purgeInterval) {
		Assert.isTrue(purgeInterval == null || isPositive(purgeInterval), "must be positive");
		this.purgeInterval = purgeInterval;
	}

	public @Nullable String getHeaderName() {
		return this.headerName;
	}

	public void setHeaderName(@Nullable String headerName) {
		Assert.isTrue(headerName == null || headerName.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+"),
				"must be an HTTP header name");
		this.headerName = headerName;
	}

	public @Nullable DataSize getMaxDataSize() {
		return this.maxDataSize;
	}

	public void setMaxDataSize(@Nullable DataSize maxDataSize) {
		Assert.isTrue(maxDataSize == null || (maxDataSize.toBytes() > 0 && maxDataSize.toBytes() <= Integer.MAX_VALUE),
				"must be positive and under 2GB");
		this.maxDataSize = maxDataSize;
	}

	public Cookie getCookie() {
		return this.cookie;
	}

	public Db getDb() {
		return this.db;
	}

	public File getFile() {
		return this.file;
	}

	public Cache getCache() {
		return this.cache;
	}

	public Registry getRegistry() {
		return this.registry;
	}

	public Django getDjango() {
		return this.django;
	}

	public KeyRing getKeyRing() {
		return this.keyRing;
	}

	public Encryption getEncryption() {
		return this.encryption;
	}

	private static boolean isPositive(Duration duration) {
		return !duration.isNegative() && !duration.isZero();
	}

	/**
	 * Session cookie settings.
	 */
	public static class Cookie {

		/**
		 * Name of the session cookie (Django's SESSION_COOKIE_NAME).
		 */
		private String name = "sessionid";

		/**
		 * How long a session lives after its last save, and the cookie's Max-Age
		 * (Django's SESSION_COOKIE_AGE). If a duration suffix is not specified, seconds
		 * will be used.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private Duration age = Duration.ofSeconds(1209600);

		/**
		 * Domain of the session cookie; a host-only cookie when unset (Django's
		 * SESSION_COOKIE_DOMAIN).
		 */
		private @Nullable String domain;

		/**
		 * Path of the session cookie (Django's SESSION_COOKIE_PATH).
		 */
		private String path = "/";

		/**
		 * Whether the session cookie is only sent over HTTPS (Django's
		 * SESSION_COOKIE_SECURE).
		 */
		private boolean secure;

		/**
		 * Whether scripts cannot read the session cookie (Django's
		 * SESSION_COOKIE_HTTPONLY).
		 */
		private boolean httpOnly = true;

		/**
		 * SameSite attribute of the session cookie: lax, strict, none, or false for no
		 * attribute (Django's SESSION_COOKIE_SAMESITE).
		 */
		private SameSite sameSite = SameSite.LAX;

		public String getName() {
			return this.name;
		}

		public void setName(String name) {
			Assert.isTrue(name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+"),
					"must be a cookie name: letters, digits and !#$%&'*+-.^_`|~");
			this.name = name;
		}

		public Duration getAge() {
			return this.age;
		}

		public void setAge(Duration age) {
			Assert.isTrue(isPositive(age), "must be positive");
			this.age = age;
		}

		public @Nullable String getDomain() {
			return this.domain;
		}

		public void setDomain(@Nullable String domain) {
			this.domain = domain;
		}

		public String getPath() {
			return this.path;
		}

		public void setPath(String path) {
			Assert.isTrue(path.startsWith("/"), "must start with /");
			this.path = path;
		}

		public boolean isSecure() {
			return this.secure;
		}

		public void setSecure(boolean secure) {
			this.secure = secure;
		}

		public boolean isHttpOnly() {
			return this.httpOnly;
		}

		public void setHttpOnly(boolean httpOnly) {
			this.httpOnly = httpOnly;
		}

		public SameSite getSameSite() {
			return this.sameSite;
		}

		public void setSameSite(SameSite sameSite) {
			this.sameSite = sameSite;
		}

	}

	/**
	 * Settings of the db engine.
	 */
	public static class Db {

		/**
		 * Table that holds the sessions, optionally qualified by a schema.
		 */
		// a literal, as the configuration metadata's default:
		// JdbcSessionEngine.DEFAULT_TABLE
		private String table = "django_session";

		/**
		 * When to run the script that creates the session table (and the session
		 * registry's tables, when they live in the database) at start-up: embedded (only
		 * on an embedded database such as H2), always or never.
		 */
		private SchemaInitialization initializeSchema = SchemaInitialization.EMBEDDED;

		/**
		 * Location of the script that creates the session table, where @@platform@@
		 * stands for the database (h2, postgresql, mysql or mariadb).
		 */
		// a literal, as the configuration metadata's default:
		// SchemaScript.SESSION_TABLE_LOCATION
		private String schema = "classpath:io/sessionengines/engine/db/schema-@@platform@@.sql";

		public String getTable() {
			return this.table;
		}

		public void setTable(String table) {
			Assert.isTrue(table.matches(JdbcSessionEngine.TABLE_NAME_REGEX),
					"must be a table name (letters, digits and _), optionally qualified by a schema");
			this.table = table;
		}

		public SchemaInitialization getInitializeSchema() {
			return this.initializeSchema;
		}

		public void setInitializeSchema(SchemaInitialization initializeSchema) {
			this.initializeSchema = initializeSchema;
		}

		public String getSchema() {
			return this.schema;
		}

		public void setSchema(String schema) {
			this.schema = schema;
		}

	}

	/**
	 * Settings of the file engine.
	 */
	public static class File {

		/**
		 * Directory that holds the session files; the system temporary directory when
		 * unset (Django's SESSION_FILE_PATH).
		 */
		private @Nullable String path;

		public @Nullable String getPath() {
			return this.path;
		}

		public void setPath(@Nullable String path) {
			this.path = path;
		}

	}

	/**
	 * Settings of the session caches.
	 */
	public static class Cache {

		/**
		 * Most sessions the in-process (memory) cache holds; the least recently used are
		 * evicted first, so a flood of new sessions cannot exhaust the heap.
		 */
		private long maximumSize = 100_000;

		/**
		 * Start of every session key in Redis.
		 */
		// a literal, as the configuration metadata's default:
		// RedisSessionCacheStore.DEFAULT_KEY_PREFIX
		private String keyPrefix = "session:";

		/**
		 * Longest the cache engine waits for Redis on each call before the request is
		 * answered with 503, in milliseconds unless a unit is given.
		 */
		private Duration timeout = Duration.ofMillis(2000);

		/**
		 * Longest the cached_db engine waits for Redis on each call before it uses the
		 * database alone, in milliseconds unless a unit is given.
		 */
		private Duration cachedDbTimeout = Duration.ofMillis(200);

		/**
		 * Longest the cached_db engine serves a session from the cache before it reads it
		 * from the database again, which bounds how long an old copy that a cache kept
		 * across an outage can be served, in seconds unless a unit is given.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private Duration cachedDbEntryLifetime = Duration.ofMinutes(1);

		public long getMaximumSize() {
			return this.maximumSize;
		}

		public void setMaximumSize(long maximumSize) {
			Assert.isTrue(maximumSize > 0, "must be positive");
			this.maximumSize = maximumSize;
		}

		public String getKeyPrefix() {
			return this.keyPrefix;
		}

		public void setKeyPrefix(String keyPrefix) {
			this.keyPrefix = keyPrefix;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			Assert.isTrue(isPositive(timeout), "must be positive");
			this.timeout = timeout;
		}

		public Duration getCachedDbTimeout() {
			return this.cachedDbTimeout;
		}

		public void setCachedDbTimeout(Duration cachedDbTimeout) {
			Assert.isTrue(isPositive(cachedDbTimeout), "must be positive");
			this.cachedDbTimeout = cachedDbTimeout;
		}

		public Duration getCachedDbEntryLifetime() {
			return this.cachedDbEntryLifetime;
		}

		public void setCachedDbEntryLifetime(Duration cachedDbEntryLifetime) {
			Assert.isTrue(isPositive(cachedDbEntryLifetime), "must be positive");
			this.cachedDbEntryLifetime = cachedDbEntryLifetime;
		}

	}

	/**
	 * Settings of the registry of each user's sessions.
	 */
	public static class Registry {

		/**
		 * Whether to keep a registry of each logged-in user's sessions, which lists and
		 * ends them and revokes ended signed cookies.
		 */
		private boolean enabled = true;

		/**
		 * Where the registry lives: auto (the engine's own storage: the database for db
		 * and cached_db, Redis for cache on Redis, else memory), memory (one instance
		 * only), jdbc or redis.
		 */
		private RegistryStoreType store = RegistryStoreType.AUTO;

		/**
		 * How often each instance reads the signed-cookie sessions that other instances
		 * ended, which bounds how long an ended signed cookie stays usable on another
		 * instance, in seconds unless a unit is given.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private Duration revocationRefresh = Duration.ofSeconds(5);

		/**
		 * How often expired sessions are removed from the registry, each reported once as
		 * a SessionExpiredEvent, and lapsed revocations with them, in seconds unless a
		 * unit is given.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private Duration purgeInterval = Duration.ofMinutes(1);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public RegistryStoreType getStore() {
			return this.store;
		}

		public void setStore(RegistryStoreType store) {
			this.store = store;
		}

		public Duration getRevocationRefresh() {
			return this.revocationRefresh;
		}

		public void setRevocationRefresh(Duration revocationRefresh) {
			Assert.isTrue(isPositive(revocationRefresh), "must be positive");
			this.revocationRefresh = revocationRefresh;
		}

		public Duration getPurgeInterval() {
			return this.purgeInterval;
		}

		public void setPurgeInterval(Duration purgeInterval) {
			Assert.isTrue(isPositive(purgeInterval), "must be positive");
			this.purgeInterval = purgeInterval;
		}

	}

	/**
	 * Settings for sharing sessions with a Django application.
	 */
	public static class Django {

		private final Auth auth = new Auth();

		private final Cache cache = new Cache();

		public Auth getAuth() {
			return this.auth;
		}

		public Cache getCache() {
			return this.cache;
		}

		/**
		 * Settings of the login bridge, which shares logins with Django's
		 * django.contrib.auth.
		 */
		public static class Auth {

			/**
			 * Whether a Django login is a login here and a login here of a user of
			 * Django's user table is a Django login, read from and checked against that
			 * table on the application's DataSource.
			 */
			private boolean enabled;

			/**
			 * The dotted paths of the Django authentication backends whose logins count
			 * here (Django's AUTHENTICATION_BACKENDS); the first is written with a login
			 * here.
			 */
			private List<String> backends = new ArrayList<>(List.of("django.contrib.auth.backends.ModelBackend"));

			/**
			 * The table of Django's users: auth_user, or the table of a custom
			 * AUTH_USER_MODEL, whose groups are in the table of that name with _groups
			 * appended.
			 */
			private String userTable = "auth_user";

			/**
			 * The column of the user table that holds the name users log in with (the
			 * custom user model's USERNAME_FIELD).
			 */
			private String usernameColumn = "username";

			public boolean isEnabled() {
				return this.enabled;
			}

			public void setEnabled(boolean enabled) {
				this.enabled = enabled;
			}

			public List<String> getBackends() {
				return this.backends;
			}

			public void setBackends(List<String> backends) {
				this.backends = backends;
			}

			public String getUserTable() {
				return this.userTable;
			}

			public void setUserTable(String userTable) {
				this.userTable = userTable;
			}

			public String getUsernameColumn() {
				return this.usernameColumn;
			}

			public void setUsernameColumn(String usernameColumn) {
				this.usernameColumn = usernameColumn;
			}

		}

		/**
		 * Settings for sharing the cache engine's sessions with Django's cache engine.
		 */
		public static class Cache {

			/**
			 * Whether the cache engine stores sessions as Django's cache engine does,
			 * under Django's cache keys as unsigned JSON, so that a Django application
			 * whose cache serializes to JSON shares them; needs the redis cache alias.
			 */
			private boolean enabled;

			/**
			 * Key prefix of the Django cache that holds the sessions (Django's
			 * CACHES[alias]["KEY_PREFIX"]).
			 */
			private String keyPrefix = "";

			/**
			 * Version of the Django cache's keys (Django's CACHES[alias]["VERSION"]).
			 */
			private int version = 1;

			public boolean isEnabled() {
				return this.enabled;
			}

			public void setEnabled(boolean enabled) {
				this.enabled = enabled;
			}

			public String getKeyPrefix() {
				return this.keyPrefix;
			}

			public void setKeyPrefix(String keyPrefix) {
				this.keyPrefix = keyPrefix;
			}

			public int getVersion() {
				return this.version;
			}

			public void setVersion(int version) {
				this.version = version;
			}

		}

	}

	/**
	 * Where the registry of each user's sessions lives.
	 */
	public enum RegistryStoreType {

		/**
		 * The engine's own storage: the database for db and cached_db, Redis for the
		 * cache engine on Redis, and memory otherwise.
		 */
		AUTO,

		/**
		 * This process's memory: for an application that runs as one instance.
		 */
		MEMORY,

		/**
		 * The application's database.
		 */
		JDBC,

		/**
		 * Redis, through spring-data-redis.
		 */
		REDIS

	}

	/**
	 * Key ring settings: keys with activation and retirement times, instead of the secret
	 * key and its fallbacks.
	 */
	public static class KeyRing {

		/**
		 * Keys that sign and verify session data, in place of session.secret-key and
		 * session.secret-key-fallbacks: the newest active key signs, and the others
		 * verify until they retire.
		 */
		private List<Key> keys = new ArrayList<>();

		/**
		 * How long a key keeps verifying after a newer key became active, unless it sets
		 * retires-at; the cookie age (session.cookie.age) when unset. If a duration
		 * suffix is not specified, seconds will be used.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private @Nullable Duration retireAfter;

		public List<Key> getKeys() {
			return this.keys;
		}

		public void setKeys(List<Key> keys) {
			this.keys = keys;
		}

		public @Nullable Duration getRetireAfter() {
			return this.retireAfter;
		}

		public void setRetireAfter(@Nullable Duration retireAfter) {
			this.retireAfter = retireAfter;
		}

		/**
		 * One key of the ring.
		 */
		public static class Key {

			/**
			 * Short name of the key: 1 to 32 letters, digits, '_' or '-'; encrypted data
			 * carries it, so it must stay the same as long as the key is in the ring.
			 */
			private @Nullable String id;

			/**
			 * Secret of the key, checked as session.secret-key is.
			 */
			private @Nullable String secret;

			/**
			 * When the key starts to sign new data (ISO-8601, for example
			 * 2026-01-15T00:00:00Z); it verifies from the moment it is configured, so
			 * that servers whose clocks run a little behind read what the others already
			 * signed with it. Active from the start when unset.
			 */
			private @Nullable Instant activeFrom;

			/**
			 * When the key stops verifying data; when unset, retire-after after a newer
			 * key became active.
			 */
			private @Nullable Instant retiresAt;

			/**
			 * Whether the key was revoked: it neither signs nor verifies, so the sessions
			 * it signed are empty.
			 */
			private boolean revoked;

			public @Nullable String getId() {
				return this.id;
			}

			public void setId(@Nullable String id) {
				this.id = id;
			}

			public @Nullable String getSecret() {
				return this.secret;
			}

			public void setSecret(@Nullable String secret) {
				this.secret = secret;
			}

			public @Nullable Instant getActiveFrom() {
				return this.activeFrom;
			}

			public void setActiveFrom(@Nullable Instant activeFrom) {
				this.activeFrom = activeFrom;
			}

			public @Nullable Instant getRetiresAt() {
				return this.retiresAt;
			}

			public void setRetiresAt(@Nullable Instant retiresAt) {
				this.retiresAt = retiresAt;
			}

			public boolean isRevoked() {
				return this.revoked;
			}

			public void setRevoked(boolean revoked) {
				this.revoked = revoked;
			}

			@Override
			public String toString() {
				return "Key[id=" + this.id + ", activeFrom=" + this.activeFrom + ", retiresAt=" + this.retiresAt
						+ ", revoked=" + this.revoked + "]";
			}

		}

	}

	/**
	 * Encryption at rest settings.
	 */
	public static class Encryption {

		/**
		 * Whether to encrypt session data with AES-256-GCM under the signing keys (db,
		 * file, cache, cached_db and signed_cookies), so that whoever reads the store or
		 * the cookie cannot read the sessions; Django cannot read encrypted sessions.
		 */
		private boolean enabled;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * When the tables of the db engine and of the session registry are created at
	 * start-up, as Spring Boot's database initialization modes.
	 */
	public enum SchemaInitialization {

		/**
		 * Only on an embedded database, such as H2 in memory.
		 */
		EMBEDDED,

		/**
		 * On every database; every statement of the scripts does nothing when its table
		 * or index exists.
		 */
		ALWAYS,

		/**
		 * Never: the tables are created otherwise (the scripts run by hand, Flyway,
		 * Liquibase or Django's migrate).
		 */
		NEVER

	}

}
