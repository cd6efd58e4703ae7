package io.sessionengines.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that the generated configuration metadata gives IDEs the values of every property
 * that has a fixed set of them.
 *
 * @author Session Engines contributors
 */
class SessionConfigurationHintsTests {

	@Test
	void engineNamesAreHinted() throws IOException {
		assertThat(hintedValues("session.engine")).containsExactly("db", "file", "cache", "cached_db",
				"signed_cookies");
	}

	@Test
	void cacheAliasesAreHintedAndStoreBeansOffered() throws IOException {
		assertThat(hintedValues("session.cache-alias")).containsExactly("memory", "redis");
		assertThat(hint("session.cache-alias").get("providers").get(0).get("parameters").get("target").asString())
			.isEqualTo("io.sessionengines.engine.cache.SessionCacheStore");
	}

	@Test
	void serializersAreHinted() throws IOException {
		assertThat(hintedValues("session.serializer")).containsExactly("json", "java");
	}

	@Test
	void sameSiteValuesAreHinted() throws IOException {
		assertThat(hintedValues("session.cookie.same-site")).containsExactly("lax", "strict", "none", "false");
	}

	@Test
	void everyHintedValueIsDescribedAndEveryHintIsAProperty() throws IOException {
		JsonNode metadata = metadata();
		List<String> properties = new ArrayList<>();
		metadata.get("properties").forEach((property) -> properties.add(property.get("name").asString()));
		for (JsonNode hint : metadata.get("hints")) {
			assertThat(properties).contains(hint.get("name").asString());
			hint.get("values")
				.forEach((value) -> assertThat(value.get("description").asString()).as(value.toString()).isNotBlank());
		}
	}

	private static List<String> hintedValues(String property) throws IOException {
		List<String> values = new ArrayList<>();
		hint(property).get("values").forEach((value) -> values.add(value.get("value").asString()));
		return values;
	}

	private static JsonNode hint(String property) throws IOException {
		for (JsonNode hint : metadata().get("hints")) {
			if (hint.get("name").asString().equals(property)) {
				return hint;
			}
		}
		throw new AssertionError("No hint for " + property);
	}

	private static JsonNode metadata() throws IOException {
		try (InputStream json = SessionConfigurationHintsTests.class
			.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			return JsonMapper.shared().readTree(json);
		}
	}

}
