package io.sessionengines.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.sessionengines.engine.SessionCodec;
import io.sessionengines.engine.SessionExpiry;
import io.sessionengines.engine.SessionKeyHash;
import io.sessionengines.engine.SessionRow;
import io.sessionengines.engine.db.JdbcSessionEngine;
import io.sessionengines.serializer.JsonSessionSerializer;
import io.sessionengines.serializer.SessionSerializationException;
import io.sessionengines.session.Session;
import io.sessionengines.session.SessionFactory;
import io.sessionengines.session.SessionKeys;
import io.sessionengines.signing.TimestampSigner;
import org.h2.jdbcx.JdbcDataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
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
@ExtendWith(OutputCaptureExtension.class)
class SpringSecurityTypedValuesTests {

	private final JsonSessionSerializer serializer = SpringSecurityTypedValues.serializer(getClass().getClassLoader(),
			TypedValueClasses.of(List.of(), getClass().getClassLoader()));

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
	void plainMapShapedLikeASecurityContextIsNeverALogin() {
		// the attack: a client stores, as a plain JSON value, exactly what a real login
		// stores
		User mallory = new User("mallory", "", List.of(new SimpleGrantedAuthority("ROLE_ADMIN")));
		SecurityContextImpl context = new SecurityContextImpl(
				UsernamePasswordAuthenticationToken.authenticated(mallory, null, mallory.getAuthorities()));
		String realJson = new String(this.serializer.serialize(Map.of("SPRING_SECURITY_CONTEXT", context)),
				StandardCharsets.US_ASCII);
		Object shaped = JsonMapper.shared().readValue(realJson, Map.class).get("SPRING_SECURITY_CONTEXT");
		assertThat(shaped).as("precondition: a plain map naming the context class")
			.asString()
			.contains(SecurityContextImpl.class.getName());
		Map<String, @Nullable Object> data = roundTrip(Map.of("SPRING_SECURITY_CONTEXT", shaped));
		assertThat(data.get("SPRING_SECURITY_CONTEXT")).isEqualTo(shaped).isInstanceOf(Map.class);
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
	void reactiveCsrfTokenSurvivesARoundTrip() {
		Map<String, @Nullable Object> data = roundTrip(Map.of("csrf",
				new org.springframework.security.web.server.csrf.DefaultCsrfToken("X-CSRF-TOKEN", "_csrf", "t0ken")));
		assertThat(data.get("csrf"))
			.isInstanceOfSatisfying(org.springframework.security.web.server.csrf.DefaultCsrfToken.class, (token) -> {
				assertThat(token.getToken()).isEqualTo("t0ken");
				assertThat(token.getHeaderName()).isEqualTo("X-CSRF-TOKEN");
				assertThat(token.getParameterName()).isEqualTo("_csrf");
			});
	}

	@Test
	void loginFailureIsStoredAsItsTypeAndMessageOnly() {
		BadCredentialsException failure = thrownDeep(200,
				new BadCredentialsException("Bad credentials", new IllegalStateException("the cause")));
		assertThat(failure.getStackTrace()).as("precondition: a deep stack").hasSizeGreaterThan(200);
		byte[] stored = this.serializer.serialize(Map.of("SPRING_SECURITY_LAST_EXCEPTION", failure));
		String json = new String(stored, StandardCharsets.US_ASCII);
		assertThat(stored.length).as(json).isLessThan(1024);
		assertThat(json).doesNotContain("stackTrace").doesNotContain("the cause").doesNotContain("suppressed");
		Object read = this.serializer.deserialize(stored).get("SPRING_SECURITY_LAST_EXCEPTION");
		assertThat(read).isInstanceOfSatisfying(BadCredentialsException.class,
				(ex) -> assertThat(ex.getMessage()).isEqualTo("Bad credentials"));
	}

	@Test
	void everyKindOfLoginFailureCanBeStored() {
		// a locked or disabled account is a login failure too, stored by the failure
		// handler
		Map<String, @Nullable Object> data = roundTrip(Map.of("locked", new LockedException("User account is locked"),
				"disabled", new DisabledException("User is disabled")));
		assertThat(data.get("locked")).isInstanceOfSatisfying(LockedException.class,
				(ex) -> assertThat(ex.getMessage()).isEqualTo("User account is locked"));
		assertThat(data.get("disabled")).isInstanceOf(DisabledException.class);
	}

	private static BadCredentialsException thrownDeep(int depth, BadCredentialsException failure) {
		if (depth > 0) {
			return thrownDeep(depth - 1, failure);
		}
		failure.fillInStackTrace();
		return failure;
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
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.serializer.checkValue(java.net.URI.create("https://example.com/")))
			.withMessageContaining("java.net.URI")
			.withMessageContaining(SecurityContextImpl.class.getName());
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.serializer.checkValue(List.of(new SecurityContextImpl())));
	}

	@Test
	void storedClassOffTheAllowListIsNotDeserialized() {
		// signed data listing x as typed: only the key holder can write it, and even then
		// the allow-list applies
		byte[] forged = ("{\"x\":{\"@class\":\"java.net.URL\",\"protocol\":\"http\",\"host\":\"example.com\"},"
				+ "\"_session_typed\":{\"x\":\"java.net.URL\"}}")
			.getBytes(StandardCharsets.US_ASCII);
		assertThatExceptionOfType(SessionSerializationException.class)
			.isThrownBy(() -> this.serializer.deserialize(forged));
	}

	@Test
	void renamedClassIsUnreadableDataNotACrash() {
		byte[] stale = ("{\"SPRING_SECURITY_CONTEXT\":{\"@class\":\"com.example.RenamedContext\"},"
				+ "\"_session_typed\":{\"SPRING_SECURITY_CONTEXT\":\"com.example.RenamedContext\"}}")
			.getBytes(StandardCharsets.US_ASCII);
		assertThatExceptionOfType(SessionSerializationException.class)
			.isThrownBy(() -> this.serializer.deserialize(stale));
	}

	@Test
	void sessionWithAValueThatCanNoLongerBeReadIsEmptyAndLoggedByKeyHash(CapturedOutput output) {
		JdbcDataSource dataSource = new JdbcDataSource();
		dataSource.setURL("jdbc:h2:mem:typed-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		Clock clock = Clock.systemUTC();
		TimestampSigner signer = new TimestampSigner("a-test-secret-key-that-is-long-enough-0123456789", List.of(),
				SessionCodec.STORED_DATA_SALT, clock);
		SessionExpiry expiry = new SessionExpiry(Duration.ofSeconds(1209600), false, clock);
		JdbcSessionEngine engine = new JdbcSessionEngine(dataSource, new SessionCodec(this.serializer, signer), expiry,
				JdbcSessionEngine.DEFAULT_TABLE);
		engine.createTableIfMissing();
		// written by an older deploy whose context class has since been renamed
		String stale = signer
			.sign(("{\"user\":\"alice\",\"SPRING_SECURITY_CONTEXT\":{\"@class\":\"com.example.OldContext\"},"
					+ "\"_session_typed\":{\"SPRING_SECURITY_CONTEXT\":\"com.example.OldContext\"}}")
				.getBytes(StandardCharsets.US_ASCII));
		String key = SessionKeys.generate();
		engine.saveRow(key, new SessionRow(stale, clock.instant().plusSeconds(3600)), true);
		SessionFactory factory = new SessionFactory(engine, expiry, this.serializer);
		Session session = factory.open(key);
		assertThat(session.keys()).isEmpty();
		assertThat(session.getSessionKey()).isNull();
		assertThat(output).contains("Session data corrupted (session " + SessionKeyHash.of(key) + ")")
			.doesNotContain(key);
	}

	private Map<String, @Nullable Object> roundTrip(Map<String, ?> values) {
		values.values().forEach(this.serializer::checkValue);
		Map<String, @Nullable Object> data = new LinkedHashMap<>(values);
		return this.serializer.deserialize(this.serializer.serialize(data));
	}

}
