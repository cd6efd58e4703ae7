package io.sessionengines.engine.db;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DjangoIndexNames}, against the names Django 3.2's schema editor gives:
 * the vectors in {@code python/django-index-names.txt}, written by
 * {@code python/django_index_names.py} (which says how to regenerate them).
 *
 * @author Session Engines contributors
 */
class DjangoIndexNamesTests {

	static List<Arguments> djangoNames() throws IOException {
		try (InputStream in = DjangoIndexNamesTests.class.getResourceAsStream("/python/django-index-names.txt")) {
			assertThat(in).as("the vector file").isNotNull();
			BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
			return reader.lines().map((line) -> line.split(" ")).map((fields) -> {
				assertThat(fields).hasSize(5);
				// Django's "schema"."table" is our schema.table
				String table = fields[0].replace("\"", "");
				String suffix = fields[2].equals("-") ? "" : fields[2];
				return Arguments.of(table, fields[1], suffix, Integer.parseInt(fields[3]), fields[4]);
			}).toList();
		}
	}

	@ParameterizedTest(name = "{0} {1}{2}, at most {3}: {4}")
	@MethodSource("djangoNames")
	void namesAnIndexAsDjangosSchemaEditorDoes(String table, String column, String suffix, int maxLength,
			String django) {
		assertThat(DjangoIndexNames.indexName(table, column, suffix, maxLength)).isEqualTo(django);
	}

}
