package io.sessionengines.engine.cache;

import java.time.Duration;

import io.sessionengines.engine.AbstractSessionEngineTests;
import io.sessionengines.engine.MutableClock;
import io.sessionengines.engine.SessionCodec;
import io.sessionengines.engine.SessionEngine;
import io.sessionengines.engine.SessionExpiry;
import io.sessionengines.session.Session;
import io.sessionengines.session.SessionKeys;
import io.sessionengines.testsupport.TypedTestValues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * Tests for {@link CacheSessionEngine} with {@link DjangoCacheFormat} on
 * {@link CaffeineSessionCacheStore}: the engine contract holds with Django's unsigned
 * JSON entries, entries that are not session data are no sessions, and entries as Django
 * writes them are read and updated.
 *
 * @author Session Engines contributors
 */
class DjangoCaffeineCacheSessionEngineTests extends AbstractSessionEngineTests {

	private static final String HOSTILE_ENTRIES = "io.sessionengines.engine.cache.DjangoCacheFormatTests#hostileEntries";

	private CaffeineSessionCacheStore store;

	@Override
	protected SessionEngine createEngine(MutableClock clock, SessionExpiry expiry) {
		this.store = new CaffeineSessionCacheStore(1000, CaffeineCacheSessionEngineTests.ticker(clock));
		return new CacheSessionEngine(this.store,
				new DjangoCacheFormat(TypedTestValues.serializer(), SessionCodec.DEFAULT_MAX_DATA_SIZE), expiry);
	}

	@Override
	protected boolean purgesExpiredSessions() {
		// entries expire by themselves
		return false;
	}

	@Test
	void entryIsTheSessionDataAsCompactJson() {
		String key = create(data("user", "alice", "n", 1));
		assertThat(this.store.get(key)).isEqualTo("{\"user\":\"alice\",\"n\":1}");
	}

	@Test
	void entryDjangoWroteIsReadAndUpdatedWithoutAConflict() {
		String key = SessionKeys.generate();
		// json.dumps({"user": "alice", "n": 1}), as django-redis's JSONSerializer writes
		// it
		this.store.set(key, "{\"user\": \"alice\", \"n\": 1}", COOKIE_AGE);
		Session session = sessions().open(key);
		assertThat(session.get("user")).isEqualTo("alice");
		session.set("n", 2);
		session.save();
		assertThat(sessions().getSaveConflicts()).isZero();
		assertThat(this.store.get(key)).isEqualTo("{\"user\":\"alice\",\"n\":2}");
	}

	@ParameterizedTest
	@MethodSource(HOSTILE_ENTRIES)
	void entryThatIsNotSessionDataIsNoSessionAndASaveMakesANewOne(String hostile) {
		String key = SessionKeys.generate();
		this.store.set(key, hostile, Duration.ofMinutes(5));
		assertThat(engine().load(key)).isNull();
		Session session = sessions().open(key);
		assertThat(session.items()).isEmpty();
		assertThat(session.getSessionKey()).isNull();
		session.set("user", "alice");
		session.save();
		assertThat(session.getSessionKey()).isNotNull().isNotEqualTo(key);
		assertThat(engine().load(session.getSessionKey())).containsExactly(entry("user", "alice"));
		assertThat(this.store.get(key)).as("left alone").isEqualTo(hostile);
	}

	@ParameterizedTest
	@MethodSource(HOSTILE_ENTRIES)
	void saveThatMeetsAnEntryThatIsNotSessionDataAppliesItsChangesToAnEmptySession(String hostile) {
		String key = create(data("user", "alice"));
		Session session = sessions().open(key);
		session.ensureLoaded();
		this.store.set(key, hostile, Duration.ofMinutes(5));
		session.set("visits", 2);
		session.save();
		assertThat(sessions().getSaveConflicts()).isOne();
		assertThat(engine().load(key)).containsExactly(entry("visits", 2));
	}

}
