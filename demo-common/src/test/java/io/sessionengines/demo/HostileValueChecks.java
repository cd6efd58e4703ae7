package io.sessionengines.demo;

import java.util.LinkedHashMap;
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
 * size is bounded, and no value answers {@code 5xx}. Both demos' abstract test classes
 * implement this interface.
 *
 * @author Session Engines contributors
 */
public interface HostileValueChecks extends DemoApiChecks {

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

	/**
	 * A value that would make the session larger than {@code session.max-data-size} (1 MB
	 * by default, what a cookie holds for {@code signed_cookies}) is refused. The session
	 * grows by values of 200 KB, each in a body that both demos read (the reactive demo
	 * refuses a body over 256 KB before the session sees it), until one would take it
	 * past the bound.
	 */
	@Test
	default void valueThatWouldMakeTheSessionTooLargeAnswers413AndChangesNothing() {
		String cookie = newSession();
		String value = "a".repeat(200 * 1024);
		Map<String, Object> stored = new LinkedHashMap<>(Map.of("visits", 1));
		Reply reply = ops(json(List.of(Map.of("op", "set", "key", "big0", "value", value))), cookie);
		while (reply.status() == 200 && stored.size() < 8) {
			stored.put("big" + (stored.size() - 1), value);
			cookie = reply.newSessionCookie();
			reply = ops(json(List.of(Map.of("op", "set", "key", "big" + (stored.size() - 1), "value", value))), cookie);
		}
		assertThat(reply.status()).as(reply.toString()).isEqualTo(413);
		assertThat(reply.json().get("error").stringValue()).contains("session.max-data-size");
		assertThat(reply.setCookies()).as(reply.toString()).isEmpty();
		assertThat(get("/api/session", cookie).json()).isEqualTo(JSON.valueToTree(stored));
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
