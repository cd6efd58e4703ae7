package io.sessionengines.demo.django;

import io.sessionengines.demo.django.SharedBrowser.Page;
import io.sessionengines.demo.django.SharedBrowser.Site;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Purges across the two applications, for the engines whose store keeps expired sessions
 * until they are purged ({@code db}, {@code file}): Django's {@code manage.py
 * clearsessions} removes the expired sessions the demo wrote, and the demo's purge (the
 * {@code sessionstore} actuator endpoint, as {@code java -jar demo-app.jar clearsessions}
 * does it) removes the expired sessions Django wrote; both keep the live ones.
 *
 * @author Session Engines contributors
 */
public interface DjangoPurgeChecks {

	SharedBrowser browser();

	Site django();

	Site ours();

	DjangoServer djangoServer();

	boolean djangoLoadsDateExpiry();

	/**
	 * Return whether the store holds a session, expired or not.
	 * @param key the session key
	 * @return whether its record is there
	 */
	boolean isStored(String key);

	@Test
	default void djangoClearSessionsRemovesOurExpiredSessionsAndKeepsLiveOnes() {
		String live = sessionOnOurs("[{\"op\": \"set\", \"key\": \"a\", \"value\": 1}]");
		String liveCustom = sessionOnOurs(
				"[{\"op\": \"set\", \"key\": \"a\", \"value\": 1}, {\"op\": \"expiry\", \"value\": 3600}]");
		String expired = sessionOnOurs(
				"[{\"op\": \"set\", \"key\": \"a\", \"value\": 1}, {\"op\": \"expiry\", \"value\": -10}]");
		// Django before 4.1 cannot load a file session whose expiry is a date
		String expiredDate = djangoLoadsDateExpiry() ? sessionOnOurs(
				"[{\"op\": \"set\", \"key\": \"a\", \"value\": 1}, {\"op\": \"expiry\", \"value\": \"2001-02-03T04:05:06Z\"}]")
				: expired;
		djangoServer().manage("clearsessions");
		assertThat(isStored(expired)).as("our session expired by seconds, after Django's clearsessions").isFalse();
		assertThat(isStored(expiredDate)).as("our session expired by date, after Django's clearsessions").isFalse();
		for (String key : new String[] { live, liveCustom }) {
			assertThat(isStored(key)).as("our live session, after Django's clearsessions").isTrue();
			browser().cookie(key);
			assertThat(ours().get("/api/session").json().get("a").intValue()).isOne();
		}
	}

	@Test
	default void ourPurgeRemovesDjangoExpiredSessionsAndKeepsLiveOnes() {
		String live = sessionOnDjango(null);
		String liveCustom = sessionOnDjango(3600);
		String expired = sessionOnDjango(-10);
		Page purge = ours().post("/actuator/sessionstore", "");
		assertThat(purge.json().get("removed").longValue()).as(purge.toString()).isPositive();
		assertThat(isStored(expired)).as("Django's expired session, after our purge").isFalse();
		for (String key : new String[] { live, liveCustom }) {
			assertThat(isStored(key)).as("Django's live session, after our purge").isTrue();
			browser().cookie(key);
			assertThat(django().get("/session").json().get("session").get("a").intValue()).isOne();
		}
	}

	private String sessionOnOurs(String operations) {
		browser().cookie(null);
		Page page = ours().post("/api/ops", operations);
		page.json();
		return stored(page.sessionCookie());
	}

	private String sessionOnDjango(@Nullable Integer expiry) {
		browser().cookie(null);
		django().post("/session", "{\"set\": {\"a\": 1}}").json();
		String key = browser().cookie();
		if (expiry != null) {
			django().post("/expiry", "{\"seconds\": " + expiry + "}").json();
		}
		return stored(key);
	}

	private String stored(@Nullable String key) {
		assertThat(key).as("session key").isNotNull();
		assertThat(isStored(key)).as("session %s stored", key).isTrue();
		return key;
	}

}
