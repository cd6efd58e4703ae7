package io.sessionengines.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.sessionengines.serializer.JsonSessionSerializer;
import io.sessionengines.serializer.SessionSerializationException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.web.csrf.DefaultCsrfToken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link SpringSecurityTypedValues}: Spring Security's session values stored as
 * typed JSON values next to plain, Django-readable ones.
 *
 * @author Session Engines contributors
 */
class SpringSecurityTypedValuesTests {

	private final JsonSessionSerializer serializer = SpringSecurityTypedValues.serializer(getClass().getClassLoader());

	@Test
	void securityContextSurvivesARoundTrip() {
		User alice = new User("alice", "", List.of(new SimpleGrantedAuthority("ROLE_USER")));
		SecurityContextImpl context = new SecurityContextImpl(
				UsernamePasswordAuthenticationToken.authenticated(alice, null, alice.getAuthorities()));
		Map<String, @Nullable Object> data = roundTrip(Map.of("SPRING_SECURITY_CONTEXT", context));
		assertThat(data.get("SPRING_SECURITY_CONTEXT")).isInstanceOfSatisfying(SecurityContextImpl.class, (read) -> {
			assertThat(read.getAuthentication().getName()).isEqualTo("alice");
			assertThat(read.getAuthentication().isAuthenticated()).isTrue();
			assertThat(read.getAuthentication().getAuthorities()).extracting(Object::toString)
				.containsExactly("ROLE_USER");
		});
	}

	@Test
	void csrfTokenAndLoginFailureSurviveARoundTrip() {
		Map<String, @Nullable Object> data = roundTrip(
				Map.of("csrf", new DefaultCsrfToken("X-CSRF-TOKEN", "_csrf", "t0ken"), "failure",
						new BadCredentialsException("Bad credentials")));
		assertThat(data.get("csrf")).isInstanceOfSatisfying(DefaultCsrfToken.class,
				(token) -> assertThat(token.getToken()).isEqualTo("t0ken"));
		assertThat(data.get("failure")).isInstanceOf(BadCredentialsException.class);
	}

	@Test
	void plainValuesStayPlainJsonThatDjangoReads() {
		Map<String, @Nullable Object> data = new LinkedHashMap<>();
		data.put("visits", 3);
		data.put("tags", List.of("a", "b"));
		data.put("prefs", Map.of("theme", "dark"));
		assertThat(new String(this.serializer.serialize(data), StandardCharsets.US_ASCII))
			.isEqualTo("{\"visits\":3,\"tags\":[\"a\",\"b\"],\"prefs\":{\"theme\":\"dark\"}}");
		assertThat(this.serializer.deserialize(this.serializer.serialize(data))).isEqualTo(data);
	}

	@Test
	void typedValueNamesItsClass() {
		String json = new String(this.serializer.serialize(Map.of("csrf", new DefaultCsrfToken("h", "p", "t"))),
				StandardCharsets.US_ASCII);
		assertThat(json).contains("\"@class\":\"org.springframework.security.web.csrf.DefaultCsrfToken\"");
	}

	@Test
	void valueOfATypeOffTheAllowListIsRefusedWhenSet() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.serializer.checkValue(LocalDate.of(2026, 1, 1)))
			.withMessageContaining("java.time.LocalDate")
			.withMessageContaining(SecurityContextImpl.class.getName());
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.serializer.checkValue(List.of(new SecurityContextImpl())));
	}

	@Test
	void storedClassOffTheAllowListIsNotDeserialized() {
		byte[] forged = "{\"x\":{\"@class\":\"java.net.URL\",\"protocol\":\"http\",\"host\":\"example.com\"}}"
			.getBytes(StandardCharsets.US_ASCII);
		assertThatExceptionOfType(SessionSerializationException.class)
			.isThrownBy(() -> this.serializer.deserialize(forged));
	}

	@Test
	void renamedClassIsUnreadableDataNotACrash() {
		byte[] stale = "{\"SPRING_SECURITY_CONTEXT\":{\"@class\":\"com.example.RenamedContext\"}}"
			.getBytes(StandardCharsets.US_ASCII);
		assertThatExceptionOfType(SessionSerializationException.class)
			.isThrownBy(() -> this.serializer.deserialize(stale));
	}

	private Map<String, @Nullable Object> roundTrip(Map<String, ?> values) {
		values.values().forEach(this.serializer::checkValue);
		Map<String, @Nullable Object> data = new LinkedHashMap<>(values);
		return this.serializer.deserialize(this.serializer.serialize(data));
	}

}
