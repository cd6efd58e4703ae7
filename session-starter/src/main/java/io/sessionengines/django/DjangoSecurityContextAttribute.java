package io.sessionengines.django;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.sessionengines.engine.SessionKeyHash;
import io.sessionengines.registry.UserSessions;
import io.sessionengines.session.Session;
import io.sessionengines.web.SessionLoginAttribute;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

/**
 * Spring Security's context in a session that a Django application shares, kept
 * consistent with Django's login ({@value #USER_ID_KEY}, {@value #BACKEND_KEY},
 * {@value #HASH_KEY}), so that both applications never see two different users on one
 * session:
 * <ul>
 * <li>Django's login rule holds across both: a login here on a session that Django logged
 * in as someone else starts from an empty session (Django's {@code flush}). Without a
 * {@link DjangoLoginBridge bridge} nobody here can tell who Django's user is, so any
 * Django login counts as someone else's.</li>
 * <li>A session that holds both a Spring Security context and a Django login, which
 * happens only when Django logged in after this application did, is not logged in here,
 * and that is logged with the session key hashed.</li>
 * <li>With a bridge, a Django login is this application's login too, and a login here of
 * a Django user is written as Django's login (see {@link DjangoLoginBridge}).</li>
 * </ul>
 *
 * @author Session Engines contributors
 * @since 0.4.0
 */
public final class DjangoSecurityContextAttribute implements SessionLoginAttribute {

	/**
	 * The session key of the primary key of the user Django logged in, as a string.
	 */
	public static final String USER_ID_KEY = "_auth_user_id";

	/**
	 * The session key of the dotted path of the Django authentication backend that logged
	 * the user in.
	 */
	public static final String BACKEND_KEY = "_auth_user_backend";

	/**
	 * The session key of Django's session auth hash, an HMAC of the user's password hash.
	 */
	public static final String HASH_KEY = "_auth_user_hash";

	private static final Log logger = LogFactory.getLog(DjangoSecurityContextAttribute.class);

	private final String name;

	private final @Nullable DjangoLoginBridge bridge;

	/**
	 * Create the attribute under Spring Security's default name.
	 * @param bridge shares logins with Django, or {@code null} to keep them apart
	 */
	public DjangoSecurityContextAttribute(@Nullable DjangoLoginBridge bridge) {
		this(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY, bridge);
	}

	/**
	 * Create the attribute.
	 * @param name the attribute that holds Spring Security's context
	 * @param bridge shares logins with Django, or {@code null} to keep them apart
	 */
	public DjangoSecurityContextAttribute(String name, @Nullable DjangoLoginBridge bridge) {
		this.name = name;
		this.bridge = bridge;
	}

	@Override
	public String getName() {
		return this.name;
	}

	@Override
	public @Nullable Object get(Session session) {
		Object stored = session.get(this.name);
		if (session.get(USER_ID_KEY) == null) {
			return stored;
		}
		if (stored != null) {
			if (logger.isWarnEnabled()) {
				logger.warn("Session " + hashedKey(session) + " holds a Spring Security login and a Django login "
						+ "made after it; it is not logged in here until a new login");
			}
			return null;
		}
		return (this.bridge != null) ? this.bridge.contextOf(session) : null;
	}

	@Override
	public void set(Session session, Object value) {
		DjangoLoginBridge bridge = this.bridge;
		DjangoUser user = (bridge != null) ? bridge.current(djangoUser(value)) : null;
		if (session.get(USER_ID_KEY) != null
				&& (bridge == null || user == null || !bridge.isLoggedInAs(session, user))) {
			// Django's rule: a login as another user starts from an empty session
			if (logger.isDebugEnabled()) {
				logger.debug("Flushing session " + hashedKey(session) + ": it was logged in to Django as another user");
			}
			startAfresh(session);
		}
		if (bridge != null && user != null) {
			bridge.login(session, user);
			session.pop(this.name);
		}
		else {
			session.set(this.name, value);
		}
	}

	@Override
	public @Nullable Object remove(Session session) {
		if (this.bridge != null) {
			// a logout here is a logout from Django too
			session.pop(USER_ID_KEY);
			session.pop(BACKEND_KEY);
			session.pop(HASH_KEY);
		}
		return session.pop(this.name);
	}

	/**
	 * Empty the session under a new key, as Django's {@code flush} does, but for the
	 * registration a concurrent-session control made for this login earlier in the
	 * request: it moves to the new key with the session instead of ending with the old.
	 * The old session is deleted when the response commits, not here: on WebFlux a login
	 * may be stored on a non-blocking thread (one whose authentication ended after a
	 * {@code WebClient} call), which must not wait for the store.
	 */
	private static void startAfresh(Session session) {
		Map<String, @Nullable Object> registration = new LinkedHashMap<>();
		for (String key : List.of(UserSessions.ID_KEY, UserSessions.PRINCIPAL_KEY)) {
			if (session.isChanged(key) && session.get(key) != null) {
				registration.put(key, session.get(key));
			}
		}
		if (registration.isEmpty()) {
			session.flushLater();
			return;
		}
		session.clear();
		session.update(registration);
		session.cycleKeyLater();
	}

	private static @Nullable DjangoUser djangoUser(Object value) {
		Authentication authentication = (value instanceof SecurityContext context) ? context.getAuthentication() : null;
		return (authentication != null && authentication.isAuthenticated()
				&& authentication.getPrincipal() instanceof DjangoUser user) ? user : null;
	}

	static String hashedKey(Session session) {
		String key = session.getSessionKey();
		return (key != null) ? SessionKeyHash.of(key) : "(new)";
	}

}
