package io.sessionengines.benchmark.jmh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import io.sessionengines.engine.SessionCodec;
import io.sessionengines.engine.SessionEngine;
import io.sessionengines.engine.SessionExpiry;
import io.sessionengines.engine.cache.CacheSessionEngine;
import io.sessionengines.engine.cache.CaffeineSessionCacheStore;
import io.sessionengines.engine.cacheddb.CachedDbSessionEngine;
import io.sessionengines.engine.db.JdbcSessionEngine;
import io.sessionengines.engine.file.FileSessionEngine;
import io.sessionengines.engine.signedcookies.SignedCookieSessionEngine;
import io.sessionengines.serializer.JsonSessionSerializer;
import io.sessionengines.session.Session;
import io.sessionengines.session.SessionFactory;
import io.sessionengines.signing.TimestampSigner;
import org.h2.jdbcx.JdbcDataSource;

/**
 * Each engine as the starter sets it up by default, over a store in this process: H2 in
 * memory for {@code db}, Caffeine for {@code cache}, both for {@code cached_db}, a
 * directory in memory where the machine has one ({@code /dev/shm}) for {@code file}.
 *
 * @author Session Engines contributors
 */
final class Engines {

	static final String SECRET_KEY = "a-benchmark-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz";

	static final Duration COOKIE_AGE = Duration.ofDays(14);

	private Engines() {
	}

	/**
	 * Set an engine up over a new, empty store.
	 * @param engine the engine's name, as {@code session.engine} takes it
	 * @return sessions over that engine, and how to drop the store
	 * @throws IOException if the file engine's directory cannot be made
	 */
	static Store open(String engine) throws IOException {
		Clock clock = Clock.systemUTC();
		JsonSessionSerializer serializer = new JsonSessionSerializer();
		SessionExpiry expiry = new SessionExpiry(COOKIE_AGE, false, clock);
		Store store = new Store();
		store.factory = new SessionFactory(engine(engine, serializer, expiry, clock, store), expiry, serializer);
		return store;
	}

	static SessionCodec codec(JsonSessionSerializer serializer, String salt, Clock clock) {
		return new SessionCodec(serializer, new TimestampSigner(SECRET_KEY, List.of(), salt, clock));
	}

	private static SessionEngine engine(String engine, JsonSessionSerializer serializer, SessionExpiry expiry,
			Clock clock, Store store) throws IOException {
		SessionCodec stored = codec(serializer, SessionCodec.STORED_DATA_SALT, clock);
		return switch (engine) {
			case "db" -> db(stored, expiry, store);
			case "cache" -> new CacheSessionEngine(new CaffeineSessionCacheStore(100_000), stored, expiry);
			case "cached_db" ->
				new CachedDbSessionEngine(new CaffeineSessionCacheStore(100_000), db(stored, expiry, store), expiry);
			case "file" -> new FileSessionEngine(directory(store), "sessionid", stored, expiry);
			case "signed_cookies" ->
				new SignedCookieSessionEngine(codec(serializer, SignedCookieSessionEngine.SALT, clock), expiry);
			default -> throw new IllegalArgumentException("No engine " + engine);
		};
	}

	private static JdbcSessionEngine db(SessionCodec codec, SessionExpiry expiry, Store store) {
		JdbcDataSource dataSource = new JdbcDataSource();
		dataSource.setURL("jdbc:h2:mem:bench-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		store.database = dataSource;
		JdbcSessionEngine engine = new JdbcSessionEngine(dataSource, codec, expiry, JdbcSessionEngine.DEFAULT_TABLE);
		engine.createTableIfMissing();
		return engine;
	}

	private static Path directory(Store store) throws IOException {
		Path shm = Path.of("/dev/shm");
		store.directory = (Files.isDirectory(shm) && Files.isWritable(shm)) ? Files.createTempDirectory(shm, "sessions")
				: Files.createTempDirectory("sessions");
		return store.directory;
	}

	/**
	 * Sessions over an engine, and the store behind them, which {@link #drop()} empties:
	 * benchmarks that create sessions would otherwise fill the memory.
	 */
	static final class Store {

		SessionFactory factory;

		private JdbcDataSource database;

		private Path directory;

		/**
		 * Store a new session with the given values.
		 * @param values the session's values
		 * @return its key
		 */
		String createSession(Map<String, Object> values) {
			Session session = this.factory.open(null);
			session.update(values);
			session.save();
			return session.getSessionKey();
		}

		void drop() throws IOException {
			if (this.database != null) {
				try (Connection connection = this.database.getConnection();
						Statement statement = connection.createStatement()) {
					statement.execute("SHUTDOWN");
				}
				catch (SQLException ex) {
					throw new IOException(ex);
				}
			}
			if (this.directory != null) {
				try (Stream<Path> files = Files.walk(this.directory)) {
					for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
						Files.delete(file);
					}
				}
			}
		}

	}

}
