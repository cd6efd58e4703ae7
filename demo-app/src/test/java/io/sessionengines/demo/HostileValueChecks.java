package io.sessionengines.demo;

import java.util.List;
import java.util.Map;

import io.sessionengines.serializer.SessionSerializer;
import io.sessionengines.testsupport.HostileValues;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.core.userdetails.User;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile values through {@code POST /api/ops}, for every engine: a client can neither
 * write the keys the frameworks own nor turn a plain value into a typed one, the session
 * size is bounded, and no value answers {@code 5xx}.
 *
 * @author Session Engines contributors
 */
interface HostileValueChecks extends DemoApiChecks {

	JsonMapper JSON = JsonMapper.shared();

	/**
	 * Return the application's session serializer.
	 * @return the serializer
	 */
	SessionSerializer serializer();

	@ParameterizedTest
	@ValueSource(
			strings = { "SPRING_SECURITY_CONTEXT", "SPRING_SECURITY_SAVED_REQUEST", "SPRING_SECURITY_LAST_EXCEPTION",
					"org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository.CSRF_TOKEN", "_auth_user_id",
					"_auth_user_backend", "_auth_user_hash", "_session_typed", "_session_created", "_flash_maps",
					"_session_registry_id", "_session_registry_principal" })
	default void keysTheFrameworksOwnCannotBeWritten(String key) {
		String cookie = newSession();
		for (String op : List.of("set", "setdefault", "pop")) {
			Reply reply = ops(json(List.of(Map.of("op", op, "key", key, "value", "x"))), cookie);
			assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
			assertThat(reply.json().get("error").stringValue()).contains(key);
			assertThat(reply.setCookies()).as(reply.toString()).isEmpty();
		}
		assertThat(get("/api/session", cookie).json()).isEqualTo(JSON.readTree("{\"visits\":1}"));
	}

	@Test
	default void theExactLoginAttackIsRefused() {
		String cookie = newSession();
		Reply reply = ops(json(List
			.of(Map.of("op", "set", "key", "SPRING_SECURITY_CONTEXT", "value", securityContextShapedMap("mallory")))),
				cookie);
		assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
		assertThat(get("/api/me", cookie).status()).isEqualTo(401);
	}

	@Test
	default void plainValueShapedLikeALoginStaysPlainAndLogsNobodyIn() {
		Map<String, Object> shaped = securityContextShapedMap("mallory");
		Reply set = ops(json(List.of(Map.of("op", "set", "key", "profile", "value", shaped))), null);
		assertThat(set.status()).as(set.toString()).isEqualTo(200);
		String cookie = set.newSessionCookie();
		assertThat(get("/api/session", cookie).json().get("profile")).isEqualTo(JSON.valueToTree(shaped));
		assertThat(get("/api/me", cookie).status()).isEqualTo(401);
	}

	@Test
	default void fuzzedHostileValuesComeBackAsSentAndNeverAnswer5xx() {
		HostileValues hostile = new HostileValues(11);
		for (int round = 0; round < 25; round++) {
			Map<String, @Nullable Object> value = hostile.nextMap();
			Reply set = ops(json(List.of(Map.of("op", "set", "key", "k" + round, "value", value))), null);
			assertThat(set.status()).as("round %d: %s", round, set).isEqualTo(200);
			String cookie = set.newSessionCookie();
			Reply read = get("/api/session", cookie);
			assertThat(read.status()).as(read.toString()).isEqualTo(200);
			assertThat(read.json().get("k" + round)).as("round %d", round).isEqualTo(JSON.valueToTree(value));
			assertThat(get("/api/me", cookie).status()).isEqualTo(401);
		}
	}

	@Test
	default void deeplyNestedValueIsRefusedWithoutA5xx() {
		String deep = "[".repeat(5000) + "]".repeat(5000);
		Reply reply = ops("[{\"op\":\"set\",\"key\":\"deep\",\"value\":" + deep + "}]", null);
		assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
	}

	@Test
	default void valueThatWouldMakeTheSessionTooLargeAnswers413AndChangesNothing() {
		String cookie = newSession();
		String large = "a".repeat(1100 * 1024);
		Reply reply = ops(json(List.of(Map.of("op", "set", "key", "big", "value", large))), cookie);
		assertThat(reply.status()).as(reply.toString()).isEqualTo(413);
		assertThat(reply.json().get("error").stringValue()).contains("session.max-data-size");
		assertThat(reply.setCookies()).as(reply.toString()).isEmpty();
		assertThat(get("/api/session", cookie).json()).isEqualTo(JSON.readTree("{\"visits\":1}"));
	}

	/**
	 * Return, as a plain map, exactly what a real login stores for the user.
	 */
	private Map<String, Object> securityContextShapedMap(String user) {
		User principal = new User(user, "", List.of(new SimpleGrantedAuthority("ROLE_USER")));
		SecurityContextImpl context = new SecurityContextImpl(
				UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities()));
		JsonNode stored = JSON.readTree(serializer().serialize(Map.of("SPRING_SECURITY_CONTEXT", context)));
		@SuppressWarnings("unchecked")
		Map<String, Object> shaped = JSON.treeToValue(stored.get("SPRING_SECURITY_CONTEXT"), Map.class);
		assertThat(shaped).as("precondition: the stored form names its class").containsKey("@class");
		return shaped;
	}

	private static String json(Object value) {
		return JSON.writeValueAsString(value);
	}

}
