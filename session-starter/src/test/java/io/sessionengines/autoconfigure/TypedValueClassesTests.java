package io.sessionengines.autoconfigure;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.sessionengines.serializer.SessionSerializer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for the typed values an application may keep in a session: {@code java.time} out
 * of the box, its own classes and packages through {@code session.typed-values}.
 *
 * @author Session Engines contributors
 */
class TypedValueClassesTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SessionEngineAutoConfiguration.class))
		.withPropertyValues("session.engine=signed_cookies",
				"session.secret-key=a-test-secret-key-that-is-long-enough-0123456789");

	@Test
	void javaTimeValuesWorkOutOfTheBox() {
		this.contextRunner.run((context) -> {
			SessionSerializer serializer = context.getBean(SessionSerializer.class);
			Map<String, @Nullable Object> data = new LinkedHashMap<>();
			data.put("day", LocalDate.of(2026, 12, 1));
			data.put("at", Instant.parse("2026-12-01T10:15:30Z"));
			data.put("zoned", ZonedDateTime.parse("2026-12-01T10:15:30+01:00[Europe/Paris]"));
			data.values().forEach(serializer::checkValue);
			assertThat(new String(serializer.serialize(data), java.nio.charset.StandardCharsets.US_ASCII))
				.as("Django-readable text")
				.contains("\"day\":\"2026-12-01\"");
			assertThat(serializer.deserialize(serializer.serialize(data))).isEqualTo(data);
		});
	}

	@Test
	void applicationClassesAndPackagesCanBeAllowed() {
		this.contextRunner.withPropertyValues("session.typed-values=" + CartItem.class.getName() + ",java.net.*")
			.run((context) -> {
				SessionSerializer serializer = context.getBean(SessionSerializer.class);
				Map<String, @Nullable Object> data = new LinkedHashMap<>();
				data.put("item", new CartItem("book", 2));
				data.put("home", java.net.URI.create("https://example.com/"));
				data.values().forEach(serializer::checkValue);
				assertThat(serializer.deserialize(serializer.serialize(data))).isEqualTo(data);
			});
	}

	@Test
	void otherJavaObjectsAreRefusedWhenSetWithTheThreeWaysOut() {
		this.contextRunner.run((context) -> {
			SessionSerializer serializer = context.getBean(SessionSerializer.class);
			assertThatIllegalArgumentException().isThrownBy(() -> serializer.checkValue(new CartItem("book", 1)))
				.withMessageContaining(CartItem.class.getName())
				.withMessageContaining("JSON value")
				.withMessageContaining("session.typed-values")
				.withMessageContaining("session.serializer=java");
			assertThatIllegalArgumentException()
				.isThrownBy(() -> serializer.checkValue(List.of(LocalDate.of(2026, 12, 1))))
				.as("typed values are top-level values only");
		});
	}

	@Test
	void unknownClassStopsTheApplicationWithAReport() {
		this.contextRunner.withPropertyValues("session.typed-values=com.example.Missing")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(SessionConfigurationException.class)
				.hasMessageContaining("com.example.Missing"));
	}

	/**
	 * An application's value type.
	 *
	 * @param name the item
	 * @param quantity how many
	 */
	public record CartItem(String name, int quantity) {

	}

}
