package io.sessionengines.session;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
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
	void everyCharacterIsEquallyLikely() {
		int keys = 20_000;
		Map<Character, Integer> counts = new HashMap<>();
		for (int i = 0; i < keys; i++) {
			for (char c : SessionKeys.generate().toCharArray()) {
				counts.merge(c, 1, Integer::sum);
			}
		}
		double expected = (double) keys * SessionKeys.KEY_LENGTH / SessionKeys.KEY_CHARACTERS.length();
		// about 7 standard deviations; a byte taken modulo 36 without discarding the
		// top four values would make 'a' to 'd' 14 % more likely
		assertThat(counts).hasSize(36)
			.allSatisfy((character, count) -> assertThat(count).as("%s", character)
				.isBetween((int) (expected * 0.95), (int) (expected * 1.05)));
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
