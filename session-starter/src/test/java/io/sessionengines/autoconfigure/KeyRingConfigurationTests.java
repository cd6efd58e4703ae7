package io.sessionengines.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import javax.sql.DataSource;

import io.sessionengines.django.DjangoLoginBridge;
import io.sessionengines.engine.cache.SessionCacheStore;
import io.sessionengines.engine.db.JdbcSessionEngine;
import io.sessionengines.engine.signedcookies.SignedCookieSessionEngine;
import io.sessionengines.session.Session;
import io.sessionengines.session.SessionFactory;
import io.sessionengines.signing.BadSignatureException;
import io.sessionengines.signing.TimestampSigner;
import io.sessionengines.signing.TokenCipher;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the key ring ({@code session.key-ring.*}) and encryption at rest
 * ({@code session.encryption.enabled}) in {@link SessionEngineAutoConfiguration}.
 *
 * @author Session Engines contributors
 */
class KeyRingConfigurationTests {

	private static final String OLD_SECRET = "0ld-k3y-0f-f0rty-tw0-ch4racters-f0r-t3sts";

	private static final String NEW_SECRET = "n3w-k3y-0f-f0rty-tw0-ch4racters-f0r-t3sts";

	private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

	private static final Instant NEW_ACTIVE = NOW.minus(Duration.ofDays(1));

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(SessionEngineAutoConfiguration.class, DataSourceAutoConfiguration.class))
		.withPropertyValues("spring.datasource.generate-unique-name=true", "session.key-ring.keys[0].id=old",
				"session.key-ring.keys[0].secret=" + OLD_SECRET, "session.key-ring.keys[1].id=new",
				"session.key-ring.keys[1].secret=" + NEW_SECRET, "session.key-ring.keys[1].active-from=" + NEW_ACTIVE);

	@TempDir
	Path directory;

	@Test
	void ringBinds() {
		this.contextRunner.withPropertyValues("session.key-ring.retire-after=3600",
				"session.key-ring.keys[0].retires-at=2099-01-01T00:00:00Z", "session.key-ring.keys[2].id=spare",
				"session.key-ring.keys[2].secret=" + OLD_SECRET.toUpperCase(), "session.key-ring.keys[2].revoked=true")
			.run((context) -> {
				SessionEngineProperties.KeyRing ring = context.getBean(SessionEngineProperties.class).getKeyRing();
				assertThat(ring.getRetireAfter()).isEqualTo(Duration.ofHours(1));
				assertThat(ring.getKeys()).hasSize(3);
				assertThat(ring.getKeys().get(0).getRetiresAt()).isEqualTo(Instant.parse("2099-01-01T00:00:00Z"));
				assertThat(ring.getKeys().get(1).getActiveFrom()).isEqualTo(NEW_ACTIVE);
				assertThat(ring.getKeys().get(2).isRevoked()).isTrue();
				assertThat(ring.getKeys().get(1).toString()).doesNotContain(NEW_SECRET);
			});
	}

	@Test
	void newestActiveKeySignsAndTheTokenIsDjangos() {
		this.contextRunner.withPropertyValues("session.engine=signed_cookies").run((context) -> {
			String cookie = saveSession(context);
			assertThat(cookie).doesNotStartWith(TokenCipher.PREFIX);
			assertThat(djangoSigner(NEW_SECRET).unsign(cookie, 4096).data()).isNotEmpty();
			assertThatExceptionOfType(BadSignatureException.class)
				.isThrownBy(() -> djangoSigner(OLD_SECRET).unsign(cookie, 4096));
		});
	}

	@Test
	void replacedKeyVerifiesForTheCookieAgeByDefault() {
		String oldCookie = djangoSigner(OLD_SECRET).sign("{\"user\":\"alice\"}".getBytes(StandardCharsets.UTF_8));
		this.contextRunner.withPropertyValues("session.engine=signed_cookies", "session.cookie.age=172800")
			.run((context) -> {
				Session session = context.getBean(SessionFactory.class).open(oldCookie);
				assertThat(session.get("user")).isEqualTo("alice");
				assertThat(session.isModified()).as("upgraded on read").isTrue();
			});
		this.contextRunner
			.withPropertyValues("session.engine=signed_cookies", "session.cookie.age=172800",
					"session.key-ring.retire-after=3600")
			.run((context) -> assertThat(context.getBean(SessionFactory.class).open(oldCookie).get("user")).isNull());
	}

	@Test
	void revokedKeysSessionsAreEmpty() {
		String oldCookie = djangoSigner(OLD_SECRET).sign("{\"user\":\"alice\"}".getBytes(StandardCharsets.UTF_8));
		String newCookie = djangoSigner(NEW_SECRET).sign("{\"user\":\"bob\"}".getBytes(StandardCharsets.UTF_8));
		this.contextRunner.withPropertyValues("session.engine=signed_cookies", "session.key-ring.keys[0].revoked=true")
			.run((context) -> {
				SessionFactory sessions = context.getBean(SessionFactory.class);
				assertThat(sessions.open(oldCookie).get("user")).isNull();
				assertThat(sessions.open(newCookie).get("user")).isEqualTo("bob");
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "db", "file", "cache", "cached_db", "signed_cookies" })
	void encryptionEncryptsEachEnginesData(String engine) {
		this.contextRunner
			.withPropertyValues("session.engine=" + engine, "session.encryption.enabled=true",
					"session.file.path=" + this.directory)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				String key = saveSession(context);
				assertThat(stored(context, engine, key)).startsWith(TokenCipher.PREFIX + "new~")
					.doesNotContain("alice");
				assertThat(context.getBean(SessionFactory.class).open(key).get("user")).isEqualTo("alice");
			});
	}

	@Test
	void encryptionWorksWithTheSecretKeyToo() {
		new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(SessionEngineAutoConfiguration.class))
			.withPropertyValues("session.engine=signed_cookies", "session.secret-key=" + NEW_SECRET,
					"session.encryption.enabled=true")
			.run((context) -> assertThat(saveSession(context)).startsWith(TokenCipher.PREFIX + "secret-key~"));
	}

	@Test
	void encryptionIsOffByDefault() {
		this.contextRunner.run((context) -> {
			String key = saveSession(context);
			assertThat(stored(context, "db", key)).doesNotStartWith(TokenCipher.PREFIX).contains(":");
		});
	}

	@Test
	void encryptedCookieStillReadsOnceEncryptionIsTurnedOff() {
		WebApplicationContextRunner signedCookies = this.contextRunner
			.withPropertyValues("session.engine=signed_cookies");
		String[] encrypted = new String[1];
		signedCookies.withPropertyValues("session.encryption.enabled=true")
			.run((context) -> encrypted[0] = saveSession(context));
		assertThat(encrypted[0]).startsWith(TokenCipher.PREFIX);
		signedCookies.run((context) -> assertThat(context.getBean(SessionFactory.class).open(encrypted[0]).get("user"))
			.isEqualTo("alice"));
	}

	@Test
	void ringAndSecretKeyTogetherFail() {
		this.contextRunner.withPropertyValues("session.secret-key=" + NEW_SECRET).run((context) -> {
			SessionConfigurationException failure = failure(context);
			assertThat(failure).hasMessageContaining("session.key-ring.keys and session.secret-key");
			assertThat(failure.getAction()).contains("remove session.secret-key");
		});
		this.contextRunner.withPropertyValues("session.secret-key-fallbacks=" + NEW_SECRET)
			.run((context) -> assertThat(failure(context)).hasMessageContaining("session.secret-key-fallbacks"));
	}

	@Test
	void ringWithAnEmptiedSecretKeyStarts() {
		// a deployment that adds a ring empties a key its application.properties sets
		this.contextRunner.withPropertyValues("session.secret-key=")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(JdbcSessionEngine.class));
	}

	@ParameterizedTest
	@ValueSource(strings = { "session.key-ring.keys[1].id=old", "session.key-ring.keys[1].id=has space",
			"session.key-ring.keys[1].id=" })
	void invalidOrDuplicateIdFails(String property) {
		this.contextRunner.withPropertyValues(property)
			.run((context) -> assertThat(failure(context)).hasMessageContaining("id")
				.hasMessageNotContaining(NEW_SECRET));
	}

	@Test
	void weakSecretsFailAsTheSecretKeyWould() {
		this.contextRunner.withPropertyValues("session.key-ring.keys[1].secret=" + "k".repeat(31))
			.run((context) -> assertThat(failure(context)).hasMessageContaining("key 'new'")
				.hasMessageContaining("31 characters")
				.hasMessageNotContaining("k".repeat(31)));
		this.contextRunner.withPropertyValues("session.key-ring.keys[1].secret=" + "ab".repeat(20))
			.run((context) -> assertThat(failure(context)).hasMessageContaining("distinct characters"));
		this.contextRunner.withPropertyValues("session.key-ring.keys[1].secret=" + SessionSigners.DEMO_SECRET_KEY)
			.run((context) -> assertThat(failure(context)).hasMessageContaining("development key"));
		this.contextRunner.withPropertyValues("session.key-ring.keys[1].secret=")
			.run((context) -> assertThat(failure(context)).hasMessageContaining("key 'new'")
				.hasMessageContaining("missing"));
	}

	@Test
	void ringWithoutAUsableKeyFails() {
		this.contextRunner
			.withPropertyValues("session.key-ring.keys[0].revoked=true",
					"session.key-ring.keys[1].active-from=" + NOW.plus(Duration.ofDays(1)))
			.run((context) -> assertThat(failure(context)).hasMessageContaining("No key of the key ring")
				.hasMessageContaining("can sign now"));
	}

	@Test
	void ringThatWouldStopSigningWhileRunningFails() {
		Instant retirement = NOW.plus(Duration.ofDays(30));
		this.contextRunner.withPropertyValues("session.key-ring.keys[1].retires-at=" + retirement)
			.run((context) -> assertThat(failure(context)).hasMessageContaining("From " + retirement)
				.hasMessageContaining("retires-at"));
	}

	@Test
	void encryptionWithDjangosCacheFormatFails() {
		this.contextRunner
			.withPropertyValues("session.engine=cache", "session.cache-alias=redis",
					"session.django.cache.enabled=true", "session.encryption.enabled=true")
			.run((context) -> assertThat(failure(context)).hasMessageContaining("session.encryption.enabled")
				.hasMessageContaining("Django"));
	}

	@Test
	void djangoLoginBridgeUsesTheRing() {
		this.contextRunner.withPropertyValues("session.django.auth.enabled=true")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(DjangoLoginBridge.class));
		this.contextRunner.withPropertyValues("session.django.auth.enabled=true", "session.secret-key=" + NEW_SECRET)
			.run((context) -> assertThat(failure(context)).hasMessageContaining("session.key-ring.keys"));
	}

	private static TimestampSigner djangoSigner(String secret) {
		return new TimestampSigner(secret, List.of(), SignedCookieSessionEngine.SALT, Clock.systemUTC());
	}

	private static String saveSession(AssertableWebApplicationContext context) {
		Session session = context.getBean(SessionFactory.class).open(null);
		session.set("user", "alice");
		session.save();
		return session.getSessionKey();
	}

	private @Nullable String stored(AssertableWebApplicationContext context, String engine, String key)
			throws Exception {
		return switch (engine) {
			case "db", "cached_db" -> new JdbcTemplate(context.getBean(DataSource.class))
				.queryForObject("SELECT session_data FROM django_session WHERE session_key = ?", String.class, key);
			case "file" -> Files.readString(this.directory.resolve("sessionid" + key));
			case "cache" -> context.getBean(SessionCacheStore.class).get(key);
			default -> key;
		};
	}

	private static SessionConfigurationException failure(AssertableWebApplicationContext context) {
		Throwable failure = context.getStartupFailure();
		assertThat(failure).as("start-up failure").isNotNull();
		for (Throwable candidate = failure; candidate != null; candidate = candidate.getCause()) {
			if (candidate instanceof SessionConfigurationException sessionFailure) {
				return sessionFailure;
			}
		}
		throw new AssertionError("No SessionConfigurationException in the cause chain of " + failure, failure);
	}

}
