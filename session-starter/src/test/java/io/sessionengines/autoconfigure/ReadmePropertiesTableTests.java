package io.sessionengines.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that the README's properties table matches the configuration metadata generated
 * from {@link SessionEngineProperties}.
 *
 * @author Session Engines contributors
 */
class ReadmePropertiesTableTests {

	private static final Pattern ROW = Pattern.compile("^\\| `(session\\.[a-z.-]+)` \\|[^|]*\\| ([^|]*) \\|");

	private static final Pattern FIRST_CODE = Pattern.compile("`([^`]*)`");

	@Test
	void readmeDocumentsEveryPropertyAndNoOther() throws IOException {
		assertThat(readmeDefaults().keySet()).containsExactlyInAnyOrderElementsOf(metadataDefaults().keySet());
	}

	@Test
	void readmeDefaultsMatchTheCode() throws IOException {
		Map<String, String> readme = readmeDefaults();
		metadataDefaults().forEach((name, value) -> {
			String documented = readme.get(name);
			if (value.isEmpty()) {
				assertThat(documented).as(name).doesNotStartWith("`");
			}
			else {
				Matcher code = FIRST_CODE.matcher(documented);
				assertThat(code.find()).as("%s documents its default %s", name, value).isTrue();
				assertThat(code.group(1)).as(name).isEqualTo(value);
			}
		});
	}

	private static Map<String, String> readmeDefaults() throws IOException {
		Map<String, String> defaults = new LinkedHashMap<>();
		for (String line : Files.readAllLines(Path.of("..", "README.md"))) {
			Matcher row = ROW.matcher(line);
			if (row.find()) {
				defaults.put(row.group(1), row.group(2).trim());
			}
		}
		return defaults;
	}

	private static Map<String, String> metadataDefaults() throws IOException {
		Map<String, String> defaults = new LinkedHashMap<>();
		try (InputStream metadata = ReadmePropertiesTableTests.class
			.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			for (JsonNode property : JsonMapper.shared().readTree(metadata).get("properties")) {
				String name = property.get("name").asString();
				JsonNode value = property.get("defaultValue");
				if (name.startsWith("session.")) {
					defaults.put(name, (value != null) ? readable(value) : "");
				}
			}
		}
		return defaults;
	}

	private static String readable(JsonNode value) {
		String text = value.asString();
		// durations are documented in seconds, as Django's settings are
		return text.matches("\\d+s") ? text.substring(0, text.length() - 1) : text;
	}

}
