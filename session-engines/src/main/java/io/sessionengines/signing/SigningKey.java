package io.sessionengines.signing;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * One key of a {@link SigningKeyRing}: a secret under a short id, with the times it
 * starts to sign and stops to verify, or revoked. The secret never appears in
 * {@link #toString()}.
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
public final class SigningKey {

	/**
	 * What a key id may be: 1 to 32 letters, digits, {@code _} or {@code -}, so that it
	 * fits in a token, a cookie and a log line as it is.
	 */
	public static final Pattern ID_PATTERN = Pattern.compile("[A-Za-z0-9_-]{1,32}");

	private final String id;

	private final String secret;

	private final @Nullable Instant activeFrom;

	private final @Nullable Instant retiresAt;

	private final boolean revoked;

	/**
	 * Create a key.
	 * @param id the key's id, matching {@link #ID_PATTERN}
	 * @param secret the secret, as Django's {@code SECRET_KEY} is
	 * @param activeFrom when the key starts to sign new data, or {@code null} for always;
	 * it verifies from the start either way
	 * @param retiresAt when the key stops verifying, or {@code null} to let the ring
	 * decide from its retirement delay
	 * @param revoked whether the key neither signs nor verifies anything
	 */
	public SigningKey(String id, String secret, @Nullable Instant activeFrom, @Nullable Instant retiresAt,
			boolean revoked) {
		Assert.notNull(id, "'id' must not be null");
		Assert.isTrue(ID_PATTERN.matcher(id).matches(),
				() -> "Key id '" + id + "' must be 1 to 32 letters, digits, '_' or '-'");
		Assert.hasLength(secret, () -> "The secret of key '" + id + "' must not be empty");
		Assert.isTrue(activeFrom == null || retiresAt == null || retiresAt.isAfter(activeFrom),
				() -> "Key '" + id + "' must retire after it becomes active");
		this.id = id;
		this.secret = secret;
		this.activeFrom = activeFrom;
		this.retiresAt = retiresAt;
		this.revoked = revoked;
	}

	/**
	 * Create a key that is active from the start, until the ring retires it.
	 * @param id the key's id
	 * @param secret the secret
	 * @return the key
	 */
	public static SigningKey of(String id, String secret) {
		return new SigningKey(id, secret, null, null, false);
	}

	/**
	 * Return the key's id.
	 * @return the id
	 */
	public String getId() {
		return this.id;
	}

	/**
	 * Return the secret.
	 * @return the secret
	 */
	public String getSecret() {
		return this.secret;
	}

	/**
	 * Return when the key starts to sign new data.
	 * @return the time, or {@code null} when it always could
	 */
	public @Nullable Instant getActiveFrom() {
		return this.activeFrom;
	}

	/**
	 * Return when the key stops verifying, when set explicitly.
	 * @return the time, or {@code null}
	 */
	public @Nullable Instant getRetiresAt() {
		return this.retiresAt;
	}

	/**
	 * Return whether the key was revoked.
	 * @return whether it neither signs nor verifies
	 */
	public boolean isRevoked() {
		return this.revoked;
	}

	boolean isActiveAt(Instant instant) {
		return this.activeFrom == null || !this.activeFrom.isAfter(instant);
	}

	@Override
	public boolean equals(@Nullable Object other) {
		if (this == other) {
			return true;
		}
		if (!(other instanceof SigningKey key)) {
			return false;
		}
		return this.id.equals(key.id) && this.secret.equals(key.secret)
				&& Objects.equals(this.activeFrom, key.activeFrom) && Objects.equals(this.retiresAt, key.retiresAt)
				&& this.revoked == key.revoked;
	}

	@Override
	public int hashCode() {
		return this.id.hashCode();
	}

	@Override
	public String toString() {
		return "SigningKey[id=" + this.id + ", activeFrom=" + this.activeFrom + ", retiresAt=" + this.retiresAt
				+ ", revoked=" + this.revoked + "]";
	}

}
