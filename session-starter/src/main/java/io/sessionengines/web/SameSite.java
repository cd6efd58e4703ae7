package io.sessionengines.web;

import org.jspecify.annotations.Nullable;

/**
 * The {@code SameSite} attribute of the session cookie, with the values Django's
 * {@code SESSION_COOKIE_SAMESITE} takes.
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
public enum SameSite {

	/**
	 * {@code SameSite=Lax}: sent on top-level navigations from other sites.
	 */
	LAX("Lax"),

	/**
	 * {@code SameSite=Strict}: never sent on requests from other sites.
	 */
	STRICT("Strict"),

	/**
	 * {@code SameSite=None}: sent on every request; the cookie is then always
	 * {@code Secure}, as browsers require.
	 */
	NONE("None"),

	/**
	 * No {@code SameSite} attribute, as Django's {@code False}.
	 */
	FALSE(null);

	private final @Nullable String attributeValue;

	SameSite(@Nullable String attributeValue) {
		this.attributeValue = attributeValue;
	}

	/**
	 * Return the attribute value.
	 * @return the value, or {@code null} for no attribute
	 */
	public @Nullable String attributeValue() {
		return this.attributeValue;
	}

}
