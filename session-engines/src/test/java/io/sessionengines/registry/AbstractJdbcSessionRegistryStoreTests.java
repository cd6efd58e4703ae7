package io.sessionengines.registry;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.sessionengines.engine.MutableClock;
import io.sessionengines.engine.SessionStoreUnavailableException;
import io.sessionengines.testsupport.StartingLine;
import io.sessionengines.testsupport.TestBackends;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link JdbcSessionRegistryStore} on one database: the store contract, with a
 * second instance on a second pool, and what is particular to a database. A subclass
 * supplies the database and a table prefix of its own.
 *
 * @author Session Engines contributors
 */
public abstract class AbstractJdbcSessionRegistryStoreTests extends AbstractSessionRegistryStoreTests {

	/**
	 * Return the database.
	 * @return the database
	 */
	protected abstract DataSource database();

	/**
	 * Return the same database through other connections, as a second instance of the
	 * application reaches it.
	 * @return the database
	 */
	protected abstract DataSource secondDatabase();

	/**
	 * Return the prefix of the test class's tables, which the tests create if missing.
	 * @return the prefix
	 */
	protected abstract String tablePrefix();

	@Override
	protected SessionRegistryStore createStore(MutableClock clock) {
		JdbcSessionRegistryStore store = new JdbcSessionRegistryStore(database(), clock, tablePrefix());
		store.createTablesIfMissing();
		return store;
	}

	@Override
	protected SessionRegistryStore createSecondStore(MutableClock clock) {
		return new JdbcSessionRegistryStore(secondDatabase(), clock, tablePrefix());
	}

	/**
	 * Return a second pool of connections to the database of a pool.
	 * @param pool the pool
	 * @return another pool, which the caller closes
	 */
	protected static HikariDataSource anotherPool(DataSource pool) {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(((HikariDataSource) pool).getJdbcUrl());
		config.setMaximumPoolSize(8);
		config.setMinimumIdle(0);
		config.setPoolName("registry-second-instance");
		return new HikariDataSource(config);
	}

	/**
	 * Drop the tables of a prefix.
	 * @param dataSource the database
	 * @param prefix the table prefix
	 */
	protected static void dropTables(DataSource dataSource, String prefix) {
		for (String table : List.of(prefix, prefix + "_principal", prefix + "_revocation")) {
			TestBackends.dropTable(dataSource, table);
		}
	}

	private JdbcTemplate jdbc() {
		return new JdbcTemplate(database());
	}

	@Test
	void createsTheTablesOnceAndKeepsWhatTheyHold() {
		String prefix = TestBackends.uniqueName("registry_it");
		try {
			JdbcSessionRegistryStore store = new JdbcSessionRegistryStore(database(), this.clock, prefix);
			assertThat(store.createTablesIfMissing()).isTrue();
			RegisteredSession session = session(user(), Duration.ofHours(1));
			store.register(session, SessionRegistryStore.ANY_VERSION, List.of());
			store.revoke(session.id(), START.plus(Duration.ofDays(1)));
			assertThat(store.createTablesIfMissing()).isFalse();
			assertThat(new JdbcSessionRegistryStore(database(), this.clock, prefix).createTablesIfMissing()).isFalse();
			assertThat(store.findById(session.id())).isEqualTo(session);
			assertThat(store.revocations(START))
				.containsExactly(new Revocation(session.id(), START.plus(Duration.ofDays(1))));
		}
		finally {
			dropTables(database(), prefix);
		}
	}

	@Test
	void instancesThatStartAtOnceCreateTheTablesTogether() throws Exception {
		String prefix = TestBackends.uniqueName("registry_it");
		ExecutorService executor = Executors.newFixedThreadPool(4);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<CompletableFuture<JdbcSessionRegistryStore>> starts = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				DataSource dataSource = (i % 2 == 0) ? database() : secondDatabase();
				starts.add(CompletableFuture.supplyAsync(() -> {
					StartingLine.await(start);
					JdbcSessionRegistryStore store = new JdbcSessionRegistryStore(dataSource, this.clock, prefix);
					store.createTablesIfMissing();
					return store;
				}, executor));
			}
			start.countDown();
			List<JdbcSessionRegistryStore> stores = new ArrayList<>();
			for (CompletableFuture<JdbcSessionRegistryStore> started : starts) {
				stores.add(started.get(60, TimeUnit.SECONDS));
			}
			String alice = user();
			RegisteredSession session = session(alice, Duration.ofHours(1));
			stores.get(0).register(session, SessionRegistryStore.ANY_VERSION, List.of());
			assertThat(stores.get(3).find(alice, 10).sessions()).containsExactly(session);
		}
		finally {
			executor.shutdownNow();
			dropTables(database(), prefix);
		}
	}

	@Test
	void anUnreachableDatabaseIsReportedAsUnavailable() {
		FailingDataSource failing = new FailingDataSource(database());
		JdbcSessionRegistryStore store = new JdbcSessionRegistryStore(failing, this.clock, tablePrefix());
		String alice = user();
		RegisteredSession session = session(alice, Duration.ofHours(1));
		store.register(session, SessionRegistryStore.ANY_VERSION, List.of());
		for (Failure failure : Failure.values()) {
			failing.failure = failure;
			for (ThrowingCallable operation : everyOperation(store, alice, session)) {
				assertThatExceptionOfType(SessionStoreUnavailableException.class).as(failure.name())
					.isThrownBy(operation);
			}
		}
		failing.failure = null;
		assertThat(store.find(alice, 10).sessions()).containsExactly(session);
	}

	private List<ThrowingCallable> everyOperation(SessionRegistryStore store, String principal,
			RegisteredSession session) {
		return List.of(() -> store.find(principal, 10), () -> store.findById(session.id()),
				() -> store.register(session(principal, Duration.ofHours(1)), SessionRegistryStore.ANY_VERSION,
						List.of(session.id())),
				() -> store.remove(session.id()), () -> store.removeAll(principal, null),
				() -> store.update(session.id(), key(), START, START.plusSeconds(60)),
				() -> store.revoke(session.id(), START.plusSeconds(60)), () -> store.revocations(START),
				() -> store.removeExpired(10), store::purgeExpired);
	}

	@Test
	void aVersionIsNotGivenAgainAfterTheUserWasPurged() {
		String alice = user();
		RegisteredSession first = session(alice, Duration.ofHours(1));
		this.store.register(first, SessionRegistryStore.ANY_VERSION, List.of());
		long withOne = this.store.find(alice, 10).version();
		this.store.remove(first.id());
		long removed = this.store.find(alice, 10).version();
		this.store.purgeExpired();
		assertThat(principalRows(alice)).isZero();
		assertThat(this.store.find(alice, 10)).isEqualTo(new PrincipalSessions(0, List.of()));
		assertThat(this.store.register(session(alice, Duration.ofHours(1)), withOne, List.of())).isNull();
		RegisteredSession second = session(alice, Duration.ofHours(1));
		assertThat(this.store.register(second, 0, List.of())).isEmpty();
		long again = this.store.find(alice, 10).version();
		assertThat(again).isGreaterThan(Math.max(withOne, removed));
		assertThat(this.store.register(session(alice, Duration.ofHours(1)), withOne, List.of(second.id()))).isNull();
		assertThat(this.store.find(alice, 10).sessions()).containsExactly(second);
	}

	@Test
	void purgeKeepsTheUsersThatHaveSessions() {
		String alice = user();
		String bob = user();
		RegisteredSession ofAlice = session(alice, Duration.ofMinutes(1));
		RegisteredSession ofBob = session(bob, Duration.ofHours(1));
		this.store.register(ofAlice, SessionRegistryStore.ANY_VERSION, List.of());
		this.store.register(ofBob, SessionRegistryStore.ANY_VERSION, List.of());
		this.store.revoke(ofAlice.id(), START.plus(Duration.ofMinutes(1)));
		this.clock.advance(Duration.ofMinutes(2));
		assertThat(drainExpired(this.store)).contains(ofAlice);
		long bobVersion = this.store.find(bob, 10).version();
		// the table may hold other tests' lapsed revocations
		assertThat(this.store.purgeExpired()).isGreaterThanOrEqualTo(1);
		assertThat(principalRows(alice)).isZero();
		assertThat(principalRows(bob)).isOne();
		assertThat(this.store.find(bob, 10)).isEqualTo(new PrincipalSessions(bobVersion, List.of(ofBob)));
		assertThat(this.store.purgeExpired()).isZero();
		this.clock.setInstant(START);
		assertThat(this.store.findById(ofAlice.id())).isNull();
		assertThat(this.store.revocations(START)).extracting(Revocation::id).doesNotContain(ofAlice.id());
	}

	@Test
	void purgesInBatches() {
		JdbcSessionRegistryStore store = (JdbcSessionRegistryStore) this.store;
		store.setPurgeBatchSize(2);
		String alice = user();
		for (int i = 0; i < 5; i++) {
			RegisteredSession session = session(alice, Duration.ofMinutes(1));
			store.register(session, SessionRegistryStore.ANY_VERSION, List.of());
			store.revoke(session.id(), START.plus(Duration.ofMinutes(1)));
		}
		this.clock.advance(Duration.ofMinutes(2));
		assertThat(drainExpired(store)).filteredOn((session) -> session.principal().equals(alice)).hasSize(5);
		assertThat(store.purgeExpired()).isGreaterThanOrEqualTo(5);
		assertThat(jdbc().queryForObject("SELECT COUNT(*) FROM " + tablePrefix() + " WHERE principal = ?",
				Integer.class, alice))
			.isZero();
		assertThat(principalRows(alice)).isZero();
	}

	@Test
	void theVersionFloorIsNoUser() {
		this.store.register(session(user(), Duration.ofMinutes(1)), SessionRegistryStore.ANY_VERSION, List.of());
		this.clock.advance(Duration.ofMinutes(2));
		drainExpired(this.store);
		this.store.purgeExpired();
		assertThat(this.store.find("", 10)).isEqualTo(new PrincipalSessions(0, List.of()));
		assertThat(this.store.removeAll("", null)).isEmpty();
		this.store.purgeExpired();
		assertThat(principalRows("")).isOne();
	}

	@Test
	void listsSessionsCreatedAtOnceByIdAsJavaOrdersStrings() {
		String alice = user();
		String suffix = id().substring(0, 16);
		List<RegisteredSession> sessions = new ArrayList<>();
		for (String start : List.of("a", "B", "_", "-", "Z", "b", "A", "0")) {
			RegisteredSession session = new RegisteredSession(start + start + suffix, alice, key(), START, START, START,
					START.plus(Duration.ofHours(1)), null, null);
			sessions.add(session);
			this.store.register(session, SessionRegistryStore.ANY_VERSION, List.of());
		}
		sessions.sort(Comparator.comparing(RegisteredSession::id));
		assertThat(this.store.find(alice, 10).sessions()).containsExactlyElementsOf(sessions);
	}

	@Test
	void idsDifferingInCaseOrTrailingSpacesAreDifferentSessions() {
		String alice = user();
		String id = id();
		List<RegisteredSession> sessions = new ArrayList<>();
		for (String variant : List.of(id.toLowerCase(), id.toUpperCase(), id.toLowerCase() + " ")) {
			RegisteredSession session = new RegisteredSession(variant, alice, key(), START, START, START,
					START.plus(Duration.ofHours(1)), null, null);
			sessions.add(session);
			this.store.register(session, SessionRegistryStore.ANY_VERSION, List.of());
		}
		for (RegisteredSession session : sessions) {
			assertThat(this.store.findById(session.id())).isEqualTo(session);
		}
		assertThat(this.store.remove(id.toLowerCase())).isEqualTo(sessions.get(0));
		assertThat(this.store.find(alice, 10).sessions()).containsExactlyInAnyOrder(sessions.get(1), sessions.get(2));
	}

	@Test
	void principalsDifferingInCaseOrTrailingSpacesAreDifferentUsers() {
		// the contract's hostile names end in a suffix: here the spaces end the name
		String alice = user();
		List<String> principals = List.of(alice, alice + " ", alice + "  ", alice.toUpperCase());
		List<RegisteredSession> sessions = new ArrayList<>();
		for (String principal : principals) {
			RegisteredSession session = session(principal, Duration.ofHours(1));
			sessions.add(session);
			this.store.register(session, SessionRegistryStore.ANY_VERSION, List.of());
		}
		for (RegisteredSession session : sessions) {
			assertThat(this.store.find(session.principal(), 10).sessions()).containsExactly(session);
		}
		long version = this.store.find(alice, 10).version();
		assertThat(this.store.removeAll(alice + " ", null)).containsExactly(sessions.get(1));
		assertThat(this.store.find(alice, 10)).isEqualTo(new PrincipalSessions(version, List.of(sessions.get(0))));
		assertThat(this.store.find(alice + "  ", 10).sessions()).containsExactly(sessions.get(2));
	}

	@Test
	void movingASessionChangesTheVersionOfTheUserItLeaves() {
		String alice = user();
		String bob = user();
		RegisteredSession ofAlice = session(alice, Duration.ofHours(1));
		this.store.register(ofAlice, SessionRegistryStore.ANY_VERSION, List.of());
		long aliceVersion = this.store.find(alice, 10).version();
		RegisteredSession ofBob = new RegisteredSession(ofAlice.id(), bob, key(), START, START, START,
				START.plus(Duration.ofHours(1)), null, null);
		this.store.register(ofBob, SessionRegistryStore.ANY_VERSION, List.of());
		assertThat(this.store.find(alice, 10).version()).isNotEqualTo(aliceVersion);
		assertThat(this.store.register(session(alice, Duration.ofHours(1)), aliceVersion, List.of())).isNull();
	}

	@Test
	void revokingAgainKeepsTheLaterTimeAndTellsOfItAgain() {
		String id = id();
		this.store.revoke(id, START.plus(Duration.ofDays(1)));
		this.clock.advance(Duration.ofMinutes(10));
		this.store.revoke(id, START.plus(Duration.ofHours(1)));
		assertThat(this.store.revocations(this.clock.instant()))
			.contains(new Revocation(id, START.plus(Duration.ofDays(1))));
		this.clock.advance(Duration.ofMinutes(10));
		this.store.revoke(id, START.plus(Duration.ofDays(2)));
		assertThat(this.store.revocations(START)).filteredOn((revocation) -> revocation.id().equals(id))
			.containsExactly(new Revocation(id, START.plus(Duration.ofDays(2))));
	}

	@Test
	void rejectsValuesLongerThanTheirColumns() {
		String alice = user();
		String longId = "i".repeat(65);
		assertThatIllegalArgumentException().isThrownBy(() -> this.store.register(
				new RegisteredSession(longId, alice, null, START, START, START, START.plusSeconds(60), null, null),
				SessionRegistryStore.ANY_VERSION, List.of()));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.store.register(new RegisteredSession(id(), "u".repeat(256), null, START, START,
					START, START.plusSeconds(60), null, null), SessionRegistryStore.ANY_VERSION, List.of()));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.store.register(new RegisteredSession(id(), alice, null, START, START, START,
					START.plusSeconds(60), "a".repeat(257), null), SessionRegistryStore.ANY_VERSION, List.of()));
		assertThat(this.store.findById(longId)).isNull();
		assertThat(this.store.remove(longId)).isNull();
		assertThat(this.store.find(alice, 10).sessions()).isEmpty();
		RegisteredSession emoji = new RegisteredSession("😀".repeat(63) + id().substring(0, 1),
				"😀".repeat(254) + id().substring(0, 1), null, START, START, START, START.plusSeconds(60),
				"✓".repeat(256), null);
		if (countsCodePoints()) {
			// 255 characters, each two UTF-16 chars, fit
			this.store.register(emoji, SessionRegistryStore.ANY_VERSION, List.of());
			assertThat(this.store.findById(emoji.id())).isEqualTo(emoji);
		}
		else {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> this.store.register(emoji, SessionRegistryStore.ANY_VERSION, List.of()));
		}
	}

	/**
	 * Return whether the database's {@code VARCHAR} lengths count code points, as opposed
	 * to UTF-16 chars.
	 * @return whether an emoji is one character
	 */
	protected boolean countsCodePoints() {
		return true;
	}

	@Test
	void rejectsATablePrefixThatIsNotAnIdentifier() {
		for (String prefix : List.of("", "registry; DROP TABLE users", "a.b.c", "1registry", "registry--", "\"quoted\"",
				"r".repeat(38))) {
			assertThatIllegalArgumentException().as(prefix)
				.isThrownBy(() -> new JdbcSessionRegistryStore(database(), this.clock, prefix));
		}
	}

	private int principalRows(String principal) {
		return jdbc().queryForObject("SELECT COUNT(*) FROM " + tablePrefix() + "_principal WHERE principal = ?",
				Integer.class, principal);
	}

	/**
	 * How a database fails.
	 */
	private enum Failure {

		/**
		 * No connection can be opened.
		 */
		REFUSED,

		/**
		 * Connections open, but every statement fails as on a lost connection.
		 */
		LOST

	}

	/**
	 * A database that fails on demand.
	 */
	private static final class FailingDataSource extends DelegatingDataSource {

		private volatile Failure failure;

		FailingDataSource(DataSource target) {
			super(target);
		}

		@Override
		public Connection getConnection() throws SQLException {
			Failure current = this.failure;
			if (current == Failure.REFUSED) {
				throw new SQLException("Connection refused", "08001");
			}
			Connection connection = super.getConnection();
			return (current == Failure.LOST) ? lost(connection) : connection;
		}

		/**
		 * Return a connection whose statements fail, as a connection whose server went
		 * away.
		 */
		private static Connection lost(Connection connection) {
			return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
					new Class<?>[] { Connection.class }, (proxy, method, arguments) -> {
						if (method.getName().startsWith("prepare") || method.getName().startsWith("create")) {
							throw new SQLException("Connection reset", "08006");
						}
						try {
							return method.invoke(connection, arguments);
						}
						catch (InvocationTargetException ex) {
							throw ex.getCause();
						}
					});
		}

	}

}
