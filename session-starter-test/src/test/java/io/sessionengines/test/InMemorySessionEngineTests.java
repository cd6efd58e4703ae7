package io.sessionengines.test;

import java.time.Duration;
import java.util.Map;

import io.sessionengines.engine.AbstractSessionEngineTests;
import io.sessionengines.engine.MutableClock;
import io.sessionengines.engine.SessionEngine;
import io.sessionengines.engine.SessionExpiry;
import io.sessionengines.testsupport.TypedTestValues;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link InMemorySessionEngine}: the engine contract of the kit, and its
 * inspection methods.
 *
 * @author Session Engines contributors
 */
class InMemorySessionEngineTests extends AbstractSessionEngineTests {

	@Override
	protected SessionEngine createEngine(MutableClock clock, SessionExpiry expiry) {
		return new InMemorySessionEngine(TypedTestValues.serializer(), expiry);
	}

	@Test
	void listsTheLiveSessions() {
		String first = create(Map.of("user", "ada"));
		String second = create(Map.of("user", "grace"));
		assertThat(inMemory().getSessionKeys()).containsExactlyInAnyOrder(first, second);
		assertThat(inMemory().size()).isEqualTo(2);
	}

	@Test
	void doesNotListExpiredSessions() {
		create(Map.of("user", "ada"));
		advanceClock(COOKIE_AGE.plus(Duration.ofSeconds(1)));
		assertThat(inMemory().getSessionKeys()).isEmpty();
		assertThat(inMemory().size()).isZero();
	}

	@Test
	void clearRemovesEverySession() {
		String key = create(Map.of("user", "ada"));
		inMemory().clear();
		assertThat(inMemory().size()).isZero();
		assertThat(engine().load(key)).isNull();
	}

	@Test
	void loadedDataIsACopy() {
		String key = create(Map.of("user", "ada"));
		Map<String, Object> loaded = engine().load(key);
		assertThat(loaded).isNotNull();
		loaded.put("user", "mallory");
		assertThat(engine().load(key)).containsEntry("user", "ada");
	}

	private InMemorySessionEngine inMemory() {
		return (InMemorySessionEngine) engine();
	}

}
