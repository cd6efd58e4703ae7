package io.sessionengines.session;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SessionKeys}.
 *
 * @author Session Engines contributors
 */
class SessionKeysTests {

	@Test
	void generatedKeyIs32LowerCaseLettersAndDigits() {
		for (int i = 0; i < 100; i++) {
			assertThat(SessionKeys.generate()).matches("[a-z0-9]{32}");
		}
	}

	@Test
	void generatedKeysDiffer() {
		Set<String> keys = new HashSet<>();
		for (int i = 0; i < 10_000; i++) {
			keys.add(SessionKeys.generate());
		}
		assertThat(keys).hasSize(10_000);
	}

	@Test
	void generatedKeysUseEveryCharacter() {
		Set<Character> seen = new HashSet<>();
		for (int i = 0; i < 1_000; i++) {
			for (char c : SessionKeys.generate().toCharArray()) {
				seen.add(c);
			}
		}
		assertThat(seen).hasSize(36);
	}

	@Test
	void valueCountsAsAKeyFromEightCharacters() {
		assertThat(SessionKeys.isKey(null)).isFalse();
		assertThat(SessionKeys.isKey("")).isFalse();
		assertThat(SessionKeys.isKey("1234567")).isFalse();
		assertThat(SessionKeys.isKey("12345678")).isTrue();
		assertThat(SessionKeys.isKey("not a generated key, but long enough")).isTrue();
	}

}
