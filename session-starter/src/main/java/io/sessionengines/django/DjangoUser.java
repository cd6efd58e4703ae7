package io.sessionengines.django;

import java.util.Collection;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.util.Assert;

/**
 * A user of a Django application: Spring Security's {@link User} with Django's primary
 * key and password hash.
 * <p>
 * The {@linkplain #getId() id} is the primary key as Django keeps it in a session's
 * {@code _auth_user_id}: its string form. The {@linkplain #getPasswordHash() password
 * hash} is what Django's session auth hash is computed from; unlike the
 * {@linkplain #getPassword() password}, which Spring Security erases after
 * authentication, it stays with the object, but it is never serialized: a session that
 * holds this user (a signed cookie, say) never holds the hash, and a deserialized user
 * has none. Users are equal when their usernames are, as {@link User}s are.
 *
 * @author Session Engines contributors
 * @since 0.3.0
 */
public final class DjangoUser extends User {

	private static final long serialVersionUID = 1L;

	private final String id;

	private final transient @Nullable String passwordHash;

	/**
	 * Create a user.
	 * @param id the primary key's string form
	 * @param username the username (Django's {@code USERNAME_FIELD})
	 * @param passwordHash the password hash (Django's {@code password} column)
	 * @param active whether the user is active ({@code is_active}); an inactive user is
	 * disabled
	 * @param authorities the authorities
	 */
	public DjangoUser(String id, String username, String passwordHash, boolean active,
			Collection<? extends GrantedAuthority> authorities) {
		super(username, passwordHash, active, true, true, true, authorities);
		Assert.hasLength(id, "'id' must not be empty");
		this.id = id;
		this.passwordHash = passwordHash;
	}

	/**
	 * Return Django's primary key of the user, as a session's {@code _auth_user_id} holds
	 * it.
	 * @return the primary key's string form
	 */
	public String getId() {
		return this.id;
	}

	/**
	 * Return the user's password hash as it was loaded, for Django's session auth hash.
	 * @return the password hash, or {@code null} if this user was deserialized
	 */
	public @Nullable String getPasswordHash() {
		return this.passwordHash;
	}

}
