package io.sessionengines.django;

import java.util.List;
import java.util.Objects;

import io.sessionengines.engine.SessionStoreUnavailableException;
import io.sessionengines.session.Session;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.util.Assert;

/**
 * Shares logins with a Django application through the session, as Django's
 * {@code django.contrib.auth} keeps them:
 * <ul>
 * <li>a session Django logged in is logged in here as that user, read from Django's user
 * table on every request (as Django does), and only while the user is active, the
 * session's backend is one of Django's and its session auth hash matches the user's
 * current password hash; a hash that does not match flushes the session, so a password
 * change logs the user out everywhere, as in Django;</li>
 * <li>a login here of a {@link DjangoUser} is written as Django's login (the user's
 * primary key, the backend and the session auth hash), so Django sees the same user, and
 * Spring Security's context is not stored: both applications read the one login.</li>
 * </ul>
 *
 * @author Session Engines contributors
 * @since 0.4.0
 */
public final class DjangoLoginBridge {

	private static final Log logger = LogFactory.getLog(DjangoLoginBridge.class);

	private final DjangoUserDetailsService users;

	private final DjangoSessionAuthHash authHash;

	private final List<String> backends;

	/**
	 * Create a bridge.
	 * @param users reads Django's users
	 * @param authHash computes and verifies Django's session auth hash with Django's
	 * secret key
	 * @param backends the dotted paths of the Django authentication backends whose logins
	 * count here (Django's {@code AUTHENTICATION_BACKENDS}); the first is written with a
	 * login here
	 */
	public DjangoLoginBridge(DjangoUserDetailsService users, DjangoSessionAuthHash authHash, List<String> backends) {
		Assert.notNull(users, "'users' must not be null");
		Assert.notNull(authHash, "'authHash' must not be null");
		Assert.notEmpty(backends, "'backends' must not be empty");
		this.users = users;
		this.authHash = authHash;
		this.backends = List.copyOf(backends);
	}

	/**
	 * Return the security context of the Django login a session holds, as Django's
	 * {@code get_user} checks it: {@code null} when the session holds no login of an
	 * active user by one of the backends; when its auth hash matches neither the current
	 * secret key nor a fallback, the session is flushed; when it matches a fallback, the
	 * key is cycled and the current hash stored, as Django does after a secret key
	 * rotation.
	 * @param session the session
	 * @return the context, or {@code null} when the session is not logged in
	 */
	public @Nullable SecurityContext contextOf(Session session) {
		DjangoUser user = loggedInUser(session);
		if (user == null) {
			return null;
		}
		String passwordHash = passwordHashOf(user);
		switch (this.authHash.verify(hashOf(session), passwordHash)) {
			case CURRENT_KEY -> {
			}
			case FALLBACK_KEY -> {
				session.cycleKey();
				session.set(DjangoSecurityContextAttribute.HASH_KEY, this.authHash.hash(passwordHash));
			}
			case MISMATCH -> {
				if (logger.isDebugEnabled()) {
					logger.debug("Flushing session " + DjangoSecurityContextAttribute.hashedKey(session)
							+ ": its Django login was made with another password");
				}
				session.flush();
				return null;
			}
		}
		return new SecurityContextImpl(
				UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
	}

	/**
	 * Return the name of the user a session's Django login is valid for, without changing
	 * the session.
	 * @param session the session
	 * @return the username, or {@code null}
	 */
	public @Nullable String principalOf(Session session) {
		DjangoUser user = loggedInUser(session);
		return (user != null && this.authHash.verify(hashOf(session), passwordHashOf(user)).isMatch())
				? user.getUsername() : null;
	}

	/**
	 * Return a user of a login here as Django's table holds it. A user whose credentials
	 * Spring Security erased after authentication (as a servlet login does) is read
	 * again, since the password may have changed since it was read. One that still has
	 * its password was read for this login (WebFlux's authentication keeps it): its
	 * password hash is the table's, and reading it again would block a login stored on a
	 * non-blocking thread. Were it stale all the same, the login's auth hash would not
	 * match the table's on the next read, which logs the session out.
	 * @param user the user logged in, or {@code null} when the login is not a Django
	 * user's
	 * @return the user as the table holds it, or {@code null} when there is none
	 */
	@Nullable DjangoUser current(@Nullable DjangoUser user) {
		if (user == null) {
			return null;
		}
		return (user.getPassword() != null && user.getPasswordHash() != null) ? user : findById(user.getId());
	}

	/**
	 * Return whether a session is logged in to Django as the given user, with a valid
	 * auth hash: a login as that user keeps the session's data.
	 * @param session the session
	 * @param user the user, as {@link #current} read it
	 * @return whether the session's Django login is this user's
	 */
	boolean isLoggedInAs(Session session, DjangoUser user) {
		return user.getId().equals(idOf(session))
				&& this.authHash.verify(hashOf(session), passwordHashOf(user)).isMatch();
	}

	/**
	 * Write a login as Django does: the user's primary key, the backend and the session
	 * auth hash of the user's password hash.
	 * @param session the session
	 * @param user the user logged in, as {@link #current} read it
	 */
	void login(Session session, DjangoUser user) {
		setIfChanged(session, DjangoSecurityContextAttribute.USER_ID_KEY, user.getId());
		setIfChanged(session, DjangoSecurityContextAttribute.BACKEND_KEY, this.backends.get(0));
		setIfChanged(session, DjangoSecurityContextAttribute.HASH_KEY, this.authHash.hash(passwordHashOf(user)));
	}

	private @Nullable DjangoUser loggedInUser(Session session) {
		String id = idOf(session);
		if (id == null || !(session.get(DjangoSecurityContextAttribute.BACKEND_KEY) instanceof String backend)
				|| !this.backends.contains(backend)) {
			return null;
		}
		DjangoUser user = findById(id);
		// Django's ModelBackend does not log an inactive user in
		return (user != null && user.isEnabled()) ? user : null;
	}

	/**
	 * Read a user, an unreachable database being an unavailable store: the request is
	 * answered {@code 503}, as when the session store is down, rather than logged out.
	 */
	private @Nullable DjangoUser findById(String id) {
		try {
			return this.users.findById(id);
		}
		catch (DataAccessResourceFailureException | TransientDataAccessException ex) {
			throw new SessionStoreUnavailableException("Django's user table is unavailable: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Return the password hash of a user just read from Django's table.
	 */
	private static String passwordHashOf(DjangoUser user) {
		String passwordHash = user.getPasswordHash();
		Assert.state(passwordHash != null, "A user read from Django's table has its password hash");
		return passwordHash;
	}

	private static @Nullable String idOf(Session session) {
		Object id = session.get(DjangoSecurityContextAttribute.USER_ID_KEY);
		// Django stores the primary key as a string; a number is read as one
		return (id instanceof String || id instanceof Number) ? id.toString() : null;
	}

	private static @Nullable String hashOf(Session session) {
		return (session.get(DjangoSecurityContextAttribute.HASH_KEY) instanceof String hash) ? hash : null;
	}

	private static void setIfChanged(Session session, String key, String value) {
		if (!Objects.equals(session.get(key), value)) {
			session.set(key, value);
		}
	}

}
