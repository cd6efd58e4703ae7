package io.sessionengines.engine.cacheddb;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.benmanes.caffeine.cache.Ticker;
import io.sessionengines.engine.AbstractSessionEngineTests;
import io.sessionengines.engine.MutableClock;
import io.sessionengines.engine.SaveResult;
import io.sessionengines.engine.SessionCodec;
import io.sessionengines.engine.SessionEngine;
import io.sessionengines.engine.SessionExpiry;
import io.sessionengines.engine.SessionStoreUnavailableException;
import io.sessionengines.engine.StoredSession;
import io.sessionengines.engine.cache.CaffeineSessionCacheStore;
import io.sessionengines.engine.cache.RecordingSessionCacheStore;
import io.sessionengines.engine.cache.RecordingSessionCacheStore.Operation;
import io.sessionengines.engine.db.H2Database;
import io.sessionengines.engine.db.JdbcSessionEngine;
import io.sessionengines.engine.db.StatementCountingDataSource;
import io.sessionengines.session.Session;
import io.sessionengines.session.SessionKeys;
import io.sessionengines.signing.TimestampSigner;
import io.sessionengines.testsupport.TypedTestValues;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link CachedDbSessionEngine} on Caffeine and H2: the engine contract, the
 * round trips of each operation, and a cache that fails (Django's defects of §7.3 of the
 * reference: every cache error is a miss, logged, and never fails the request or leaves
 * old data to be served).
 *
 * @author Session Engines contributors
 */
class CachedDbSessionEngineTests extends AbstractSessionEngineTests {

	private static final String SECRET_KEY = "django-insecure-test-vector-secret";

	private DataSource database;

	private StatementCountingDataSource dataSource;

	private RecordingSessionCacheStore cache;

	private SessionCodec codec;

	private JdbcTemplate jdbc;

	private ListAppender<ILoggingEvent> log;

	@Override
	protected SessionEngine createEngine(MutableClock clock, SessionExpiry expiry) {
		this.database = H2Database.create();
		this.dataSource = new StatementCountingDataSource(this.database);
		this.jdbc = new JdbcTemplate(this.database);
		this.codec = new SessionCodec(TypedTestValues.serializer(),
				new TimestampSigner(SECRET_KEY, List.of(), SessionCodec.STORED_DATA_SALT, clock));
		JdbcSessionEngine db = new JdbcSessionEngine(this.dataSource, this.codec, expiry,
				JdbcSessionEngine.DEFAULT_TABLE);
		db.createTableIfMissing();
		this.cache = new RecordingSessionCacheStore(new CaffeineSessionCacheStore(1000, ticker(clock)));
		this.cache.setPosition(this.dataSource::getCount);
		this.dataSource.reset();
		return new CachedDbSessionEngine(this.cache, db, expiry);
	}

	private static Ticker ticker(Clock clock) {
		return () -> {
			Instant now = clock.instant();
			return now.getEpochSecond() * 1_000_000_000L + now.getNano();
		};
	}

	@BeforeEach
	void captureLog() {
		this.log = new ListAppender<>();
		this.log.start();
		logger().addAppender(this.log);
	}

	@AfterEach
	void shutDown() {
		logger().detachAppender(this.log);
		H2Database.shutdown(this.database);
	}

	private static Logger logger() {
		return (Logger) LoggerFactory.getLogger(CachedDbSessionEngine.class);
	}

	private List<String> loggedErrors() {
		return this.log.list.stream()
			.filter((event) -> event.getLevel() == Level.ERROR)
			.map(ILoggingEvent::getFormattedMessage)
			.toList();
	}

	private String existingSession(Object... keysAndValues) {
		String key = create(data(keysAndValues));
		resetCounts();
		return key;
	}

	private void resetCounts() {
		this.dataSource.reset();
		this.cache.reset();
	}

	private List<String> verbs() {
		List<String> verbs = new ArrayList<>();
		for (String sql : this.dataSource.getStatements()) {
			verbs.add(sql.trim().split("\\s+")[0].toUpperCase(Locale.ROOT));
		}
		return verbs;
	}

	private int rows(String key) {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM django_session WHERE session_key = ?", Integer.class,
				key);
	}

	private String storedData(String key) {
		return this.jdbc.queryForObject("SELECT session_data FROM django_session WHERE session_key = ?", String.class,
				key);
	}

	// round trips

	@Test
	void cacheHitIsOneCacheReadAndNoStatement() {
		String key = existingSession("user", "alice");
		assertThat(engine().load(key)).containsExactly(Map.entry("user", "alice"));
		assertThat(this.cache.operations()).containsExactly("GET");
		assertThat(this.dataSource.getCount()).isZero();
	}

	@Test
	void cacheMissIsOneCacheReadAPlaceholderOneSelectThenTheCopyInPlaceOfThePlaceholder() {
		String key = existingSession("user", "alice");
		this.cache.delete(key);
		resetCounts();
		assertThat(engine().load(key)).containsExactly(Map.entry("user", "alice"));
		assertThat(verbs()).containsExactly("SELECT");
		assertThat(this.cache.operationsWithPositions()).containsExactly("GET@0", "ADD@0", "CAS@1");
		// the cache now holds the row, for the entry lifetime
		assertThat(this.cache.peek(key)).isEqualTo(storedData(key));
		advanceClock(CachedDbSessionEngine.DEFAULT_CACHE_ENTRY_LIFETIME.minusSeconds(1));
		assertThat(this.cache.peek(key)).isNotNull();
		advanceClock(Duration.ofSeconds(1));
		assertThat(this.cache.peek(key)).isNull();
	}

	@Test
	void cachedCopyLivesAtMostTheEntryLifetimeOrUntilItsRowExpires() {
		CachedDbSessionEngine engine = (CachedDbSessionEngine) engine();
		engine.setCacheEntryLifetime(Duration.ofSeconds(30));
		String key = create(data("user", "alice", SessionExpiry.EXPIRY_KEY, 20));
		advanceClock(Duration.ofSeconds(19));
		assertThat(this.cache.peek(key)).isNotNull();
		advanceClock(Duration.ofSeconds(1));
		assertThat(this.cache.peek(key)).as("the row expired").isNull();
		String longer = create(data("user", "bob"));
		advanceClock(Duration.ofSeconds(30));
		assertThat(this.cache.peek(longer)).as("the lifetime passed").isNull();
		resetCounts();
		assertThat(engine.load(longer)).containsExactly(Map.entry("user", "bob"));
		assertThat(verbs()).containsExactly("SELECT");
		assertThat(this.cache.peek(longer)).isEqualTo(storedData(longer));
		assertThatIllegalArgumentException().isThrownBy(() -> engine.setCacheEntryLifetime(Duration.ZERO));
	}

	@Test
	void oldCopyThatTheCacheKeptThroughAnOutageIsServedAtMostTheEntryLifetime() {
		String key = existingSession("user", "alice");
		// a delete in a process that could not reach the cache, and stopped before it
		// could
		// remove the copy: another engine on the same cache and database
		JdbcSessionEngine db = new JdbcSessionEngine(this.dataSource, this.codec, expiry(),
				JdbcSessionEngine.DEFAULT_TABLE);
		db.delete(key);
		assertThat(engine().load(key)).as("the old copy, within the lifetime").isNotNull();
		advanceClock(CachedDbSessionEngine.DEFAULT_CACHE_ENTRY_LIFETIME);
		assertThat(engine().load(key)).isNull();
		assertThat(this.cache.peek(key)).isNull();
	}

	@Test
	void loadOfAnUnknownKeyIsOneSelectAndLeavesNothingInTheCache() {
		String key = SessionKeys.generate();
		assertThat(engine().load(key)).isNull();
		assertThat(this.cache.operationsWithPositions()).containsExactly("GET@0", "ADD@0", "DELETE@1");
		assertThat(verbs()).containsExactly("SELECT");
		assertThat(this.cache.peek(key)).isNull();
	}

	@Test
	void readThatMissesCannotCacheARowThatASaveReplacedMeanwhile() {
		String key = existingSession("user", "alice");
		String alice = this.cache.peek(key);
		this.cache.delete(key);
		// a request loads the session from the database, and another one saves it before
		// the first can cache what it read
		Session writer = sessions().open(key);
		writer.ensureLoaded();
		this.cache.delete(key);
		this.cache.runBeforeNext(Operation.CAS, () -> {
			writer.set("user", "bob");
			writer.save();
		});
		StoredSession read = engine().loadStored(key);
		assertThat(read).isNotNull();
		assertThat(read.version()).as("the read saw the row before the save").isEqualTo(alice);
		assertThat(this.cache.peek(key)).as("the older row is not cached").isNull();
		assertThat(engine().load(key)).containsExactly(Map.entry("user", "bob"));
	}

	@Test
	void createIsOneInsertThenCaches() {
		String key = create(data("user", "alice"));
		assertThat(verbs()).containsExactly("INSERT");
		assertThat(this.cache.operationsWithPositions()).containsExactly("SET@1");
		assertThat(this.cache.peek(key)).isEqualTo(storedData(key));
	}

	@Test
	void updateWithoutAVersionRemovesTheCachedCopyBeforeAndAfterTheUpdate() {
		String key = existingSession("user", "alice");
		save(key, data("user", "bob"), false);
		assertThat(verbs()).containsExactly("UPDATE");
		assertThat(this.cache.operationsWithPositions()).containsExactly("DELETE@0", "DELETE@1");
		assertThat(this.cache.peek(key)).isNull();
	}

	@Test
	void compareAndSaveIsOneUpdateThenTheNewCopyInPlaceOfTheOldOne() {
		String key = existingSession("user", "alice");
		String alice = storedData(key);
		SaveResult result = engine().compareAndSave(key, data("user", "bob"), START.plus(COOKIE_AGE), alice);
		assertThat(result).isEqualTo(new SaveResult.Saved(storedData(key)));
		assertThat(verbs()).containsExactly("UPDATE");
		assertThat(this.cache.operationsWithPositions()).containsExactly("CAS@1");
		assertThat(this.cache.peek(key)).isEqualTo(storedData(key));
	}

	@Test
	void compareAndSaveThatConflictsCostsOneSelectAndChangesNothing() {
		String key = existingSession("user", "alice");
		String alice = storedData(key);
		save(key, data("user", "bob"), false);
		String bob = storedData(key);
		resetCounts();
		SaveResult result = engine().compareAndSave(key, data("user", "carol"), START.plus(COOKIE_AGE), alice);
		assertThat(result).isInstanceOfSatisfying(SaveResult.Conflict.class, (conflict) -> {
			assertThat(conflict.current().data()).containsExactly(Map.entry("user", "bob"));
			assertThat(conflict.current().version()).isEqualTo(bob);
		});
		assertThat(verbs()).containsExactly("UPDATE", "SELECT");
		assertThat(this.cache.operations()).isEmpty();
		assertThat(storedData(key)).isEqualTo(bob);
	}

	@Test
	void saveOverACachedCopyOtherThanTheOneItReplacedRemovesThatCopy() {
		String key = existingSession("user", "alice");
		String alice = storedData(key);
		this.cache.set(key, "!placeholder:of-a-concurrent-read", Duration.ofSeconds(10));
		resetCounts();
		engine().compareAndSave(key, data("user", "bob"), START.plus(COOKIE_AGE), alice);
		assertThat(this.cache.operations()).containsExactly("CAS", "DELETE");
		assertThat(this.cache.peek(key)).isNull();
	}

	@Test
	void deleteRemovesTheCachedCopyBeforeAndAfterTheRow() {
		String key = existingSession("user", "alice");
		engine().delete(key);
		assertThat(verbs()).containsExactly("DELETE");
		assertThat(this.cache.operationsWithPositions()).containsExactly("DELETE@0", "DELETE@1");
		assertThat(this.cache.peek(key)).isNull();
		assertThat(rows(key)).isZero();
	}

	@Test
	void requestThatReadsAndWritesACachedSessionIsTwoCacheOperationsAndOneStatement() {
		String key = existingSession("user", "alice");
		Session session = sessions().open(key);
		assertThat(session.get("user")).isEqualTo("alice");
		session.set("visits", 2);
		session.save();
		assertThat(this.cache.operations()).containsExactly("GET", "CAS");
		assertThat(verbs()).containsExactly("UPDATE");
		assertThat(this.cache.peek(key)).isEqualTo(storedData(key));
	}

	// a failing cache

	@Test
	void cacheReadErrorIsAMissThatIsLoggedAndNeverFailsTheLoad() {
		String key = existingSession("user", "alice");
		this.cache.fail(Operation.GET);
		assertThat(engine().load(key)).containsExactly(Map.entry("user", "alice"));
		// the failure opens the circuit breaker: the row is not copied into the cache
		assertThat(this.cache.operations()).containsExactly("GET (failed)");
		assertThat(verbs()).containsExactly("SELECT");
		assertThat(loggedErrors()).singleElement().asString().contains("Session cache read failed");
	}

	@Test
	void cacheRefillErrorAfterAMissNeverFailsTheLoad() {
		String key = existingSession("user", "alice");
		this.cache.delete(key);
		this.cache.fail(Operation.CAS);
		assertThat(engine().load(key)).containsExactly(Map.entry("user", "alice"));
		assertThat(loggedErrors()).isNotEmpty().allSatisfy((message) -> assertThat(message).contains("write failed"));
	}

	@Test
	void cacheWriteErrorAfterTheDatabaseSaveLeavesNoOldDataToBeServed() {
		String key = existingSession("user", "alice");
		assertThat(this.cache.peek(key)).isNotNull();
		Session session = sessions().open(key);
		session.ensureLoaded();
		this.cache.fail(Operation.CAS);
		session.set("user", "bob");
		session.save();
		this.cache.heal();
		assertThat(engine().load(key)).containsExactly(Map.entry("user", "bob"));
		assertThat(this.codec.decodeData(key, storedData(key))).containsExactly(Map.entry("user", "bob"));
		assertThat(loggedErrors()).singleElement().asString().contains("Session cache write failed");
	}

	@Test
	void cacheDeleteErrorBeforeTheDatabaseSaveIsMadeUpForOnceTheCacheWorksAgain() {
		String key = existingSession("user", "alice");
		String alice = this.cache.peek(key);
		this.cache.fail(Operation.DELETE);
		save(key, data("user", "bob"), false);
		this.cache.heal();
		// the old copy is still in the cache, but never read
		assertThat(this.cache.peek(key)).isEqualTo(alice);
		assertThat(engine().load(key)).containsExactly(Map.entry("user", "bob"));
		advanceClock(CachedDbSessionEngine.DEFAULT_CACHE_RETRY_INTERVAL);
		resetCounts();
		assertThat(engine().load(key)).containsExactly(Map.entry("user", "bob"));
		assertThat(this.cache.operations()).containsExactly("DELETE", "GET", "ADD", "CAS");
		assertThat(this.cache.peek(key)).isEqualTo(storedData(key));
	}

	@Test
	void cacheDeleteErrorDuringADeleteStillDeletesTheRow() {
		String key = existingSession("user", "alice");
		this.cache.fail(Operation.DELETE);
		assertThatNoException().isThrownBy(() -> engine().delete(key));
		assertThat(verbs()).containsExactly("DELETE");
		assertThat(rows(key)).isZero();
	}

	@Test
	void logoutTakesEffectWhileTheCacheIsDown() {
		String key = existingSession("user", "alice");
		this.cache.fail(Operation.values());
		Session session = sessions().open(key);
		assertThat(session.get("user")).isEqualTo("alice");
		session.flush();
		assertThat(session.getSessionKey()).isNull();
		assertThat(rows(key)).isZero();
		// the logged-out key finds no session, with the cache still down
		assertThat(engine().load(key)).isNull();
		assertThat(sessions().open(key).get("user")).isNull();
	}

	@Test
	void everyOperationWorksOnTheDatabaseAloneWhileTheCacheIsDown() {
		this.cache.fail(Operation.values());
		String key = create(data("user", "alice"));
		assertThat(engine().load(key)).containsExactly(Map.entry("user", "alice"));
		save(key, data("user", "bob"), false);
		assertThat(engine().load(key)).containsExactly(Map.entry("user", "bob"));
		engine().delete(key);
		assertThat(engine().load(key)).isNull();
		assertThat(rows(key)).isZero();
		assertThat(loggedErrors()).isNotEmpty();
		this.cache.heal();
		assertThat(this.cache.peek(key)).isNull();
	}

	// the circuit breaker

	@Test
	void afterACacheFailureEveryOperationSkipsTheCacheUntilTheRetryInterval() {
		String key = existingSession("user", "alice");
		this.cache.fail(Operation.values());
		assertThat(engine().load(key)).containsExactly(Map.entry("user", "alice"));
		assertThat(this.cache.operations()).containsExactly("GET (failed)");
		this.cache.reset();
		save(key, data("user", "bob"), false);
		assertThat(engine().load(key)).containsExactly(Map.entry("user", "bob"));
		String other = create(data("user", "carol"));
		engine().delete(other);
		assertThat(engine().load(other)).isNull();
		advanceClock(CachedDbSessionEngine.DEFAULT_CACHE_RETRY_INTERVAL.minusMillis(1));
		assertThat(engine().load(key)).containsExactly(Map.entry("user", "bob"));
		assertThat(this.cache.operations()).isEmpty();
		assertThat(loggedErrors()).singleElement().asString().contains("read failed");
	}

	@Test
	void afterTheRetryIntervalOneRequestTriesTheCacheAndItIsUsedAgainOnceItWorks() {
		String key = existingSession("user", "alice");
		this.cache.fail(Operation.GET);
		engine().load(key);
		this.cache.heal();
		advanceClock(CachedDbSessionEngine.DEFAULT_CACHE_RETRY_INTERVAL);
		resetCounts();
		assertThat(engine().load(key)).containsExactly(Map.entry("user", "alice"));
		assertThat(engine().load(key)).containsExactly(Map.entry("user", "alice"));
		assertThat(this.cache.operations()).containsExactly("GET", "GET");
		assertThat(this.dataSource.getCount()).isZero();
	}

	@Test
	void retryThatFailsSkipsTheCacheForAnotherInterval() {
		String key = existingSession("user", "alice");
		this.cache.fail(Operation.GET);
		engine().load(key);
		advanceClock(CachedDbSessionEngine.DEFAULT_CACHE_RETRY_INTERVAL);
		this.cache.reset();
		assertThat(engine().load(key)).containsExactly(Map.entry("user", "alice"));
		assertThat(engine().load(key)).containsExactly(Map.entry("user", "alice"));
		assertThat(this.cache.operations()).containsExactly("GET (failed)");
	}

	@Test
	void retryIntervalCanBeChanged() {
		CachedDbSessionEngine engine = (CachedDbSessionEngine) engine();
		engine.setCacheRetryInterval(Duration.ofSeconds(5));
		String key = existingSession("user", "alice");
		this.cache.fail(Operation.GET);
		engine.load(key);
		this.cache.heal();
		advanceClock(Duration.ofSeconds(4));
		this.cache.reset();
		engine.load(key);
		assertThat(this.cache.operations()).isEmpty();
		advanceClock(Duration.ofSeconds(1));
		engine.load(key);
		assertThat(this.cache.operations()).containsExactly("GET");
		assertThatIllegalArgumentException().isThrownBy(() -> engine.setCacheRetryInterval(Duration.ZERO));
	}

	@Test
	void sessionsChangedWhileTheCacheIsSkippedAreNeverServedFromTheirOldCopies() {
		String updated = existingSession("user", "alice");
		String loggedOut = existingSession("user", "carol");
		this.cache.fail(Operation.GET);
		engine().load(updated);
		this.cache.heal();
		// the cache works again but is skipped: the old copies stay in it
		save(updated, data("user", "bob"), false);
		engine().delete(loggedOut);
		assertThat(this.cache.peek(updated)).isNotNull();
		assertThat(this.cache.peek(loggedOut)).isNotNull();
		advanceClock(CachedDbSessionEngine.DEFAULT_CACHE_RETRY_INTERVAL);
		this.cache.reset();
		assertThat(engine().load(loggedOut)).isNull();
		// the old copies were removed first, before the cache was read again
		assertThat(this.cache.operations().subList(0, 2)).containsExactlyInAnyOrder("DELETE", "DELETE");
		assertThat(this.cache.peek(loggedOut)).isNull();
		assertThat(engine().load(updated)).containsExactly(Map.entry("user", "bob"));
		assertThat(this.cache.peek(updated)).isEqualTo(storedData(updated));
	}

	@Test
	void staleCopiesAreRemovedAFewPerCacheCallAndTheCacheIsSkippedUntilAllAreGone() {
		// a miss makes two cache calls (a read, then a placeholder), each removing a few
		int stale = 2 * GuardedSessionCache.REMOVALS_PER_REQUEST + 10;
		List<String> keys = new ArrayList<>();
		for (int i = 0; i < stale; i++) {
			keys.add(create(data("user", "user" + i)));
		}
		this.cache.fail(Operation.values());
		keys.forEach(engine()::delete);
		this.cache.heal();
		advanceClock(CachedDbSessionEngine.DEFAULT_CACHE_RETRY_INTERVAL);
		this.cache.reset();
		assertThat(engine().load(SessionKeys.generate())).isNull();
		assertThat(this.cache.operations()).hasSize(2 * GuardedSessionCache.REMOVALS_PER_REQUEST)
			.containsOnly("DELETE");
		this.cache.reset();
		assertThat(engine().load(SessionKeys.generate())).isNull();
		List<String> expected = new ArrayList<>(Collections.nCopies(10, "DELETE"));
		expected.addAll(List.of("GET", "ADD", "DELETE"));
		assertThat(this.cache.operations()).containsExactlyElementsOf(expected);
	}

	@Test
	void unreadableCachedCopyFallsBackToTheDatabaseAndIsReplaced() {
		String key = existingSession("user", "alice");
		this.cache.set(key, "not a signed token", Duration.ofMinutes(5));
		resetCounts();
		assertThat(engine().load(key)).containsExactly(Map.entry("user", "alice"));
		assertThat(verbs()).containsExactly("SELECT");
		assertThat(this.cache.peek(key)).isEqualTo(storedData(key));
	}

	@Test
	void databaseOutageIsReportedAndLosesNothing() {
		OutageDataSource outage = new OutageDataSource(this.database);
		JdbcSessionEngine db = new JdbcSessionEngine(outage, this.codec, expiry(), JdbcSessionEngine.DEFAULT_TABLE);
		CachedDbSessionEngine engine = new CachedDbSessionEngine(this.cache, db, expiry());
		String key = engine.save(SessionKeys.generate(), data("user", "alice"), START.plus(COOKIE_AGE), true);
		String uncached = engine.save(SessionKeys.generate(), data("user", "carol"), START.plus(COOKIE_AGE), true);
		this.cache.delete(uncached);
		outage.down = true;
		assertThatExceptionOfType(SessionStoreUnavailableException.class)
			.isThrownBy(() -> engine.save(key, data("user", "bob"), START.plus(COOKIE_AGE), false));
		assertThatExceptionOfType(SessionStoreUnavailableException.class).isThrownBy(() -> engine.load(uncached));
		assertThatExceptionOfType(SessionStoreUnavailableException.class).isThrownBy(() -> engine.delete(uncached));
		outage.down = false;
		assertThat(engine.load(key)).containsExactly(Map.entry("user", "alice"));
		assertThat(engine.load(uncached)).containsExactly(Map.entry("user", "carol"));
	}

	/**
	 * A data source that fails every connection while {@link #down} is set.
	 */
	private static final class OutageDataSource extends DelegatingDataSource {

		volatile boolean down;

		OutageDataSource(DataSource target) {
			super(target);
		}

		@Override
		public Connection getConnection() throws SQLException {
			if (this.down) {
				throw new SQLException("Simulated database outage", "08001");
			}
			return super.getConnection();
		}

	}

}
