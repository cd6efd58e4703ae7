package io.sessionengines.signing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The keys that sign and verify data, and which of them do so at a given time: a key
 * signs from its activation time, and a key that a newer one replaced verifies until it
 * retires.
 * <p>
 * At any time the <em>signing key</em> is the newest key that is active (its
 * {@link SigningKey#getActiveFrom() active-from} time has come or it has none), not
 * revoked and not retired; of keys equally new, the one listed first. A key verifies from
 * the moment it is configured, even before it becomes active, so that servers whose
 * clocks run a little behind read what servers that already switched to it wrote. A key
 * retires at its {@link SigningKey#getRetiresAt() retires-at} time, or else, once a newer
 * key replaced it, the ring's retirement delay after that key became active. A revoked
 * key neither signs nor verifies. Verification tries the signing key first, then the
 * others newest first, as Django tries {@code SECRET_KEY} and then
 * {@code SECRET_KEY_FALLBACKS}: a ring of keys without times is exactly Django's
 * {@code SECRET_KEY} (the first key) and its fallbacks (the others).
 * <p>
 * Data that a key other than the signing key verified is saved again, under the signing
 * key, by the request that reads it ("upgrade on read"), so that a key can retire without
 * logging out the sessions in use. A ring of Django's keys ({@link #of}) keeps Django's
 * behaviour instead: such data is signed anew only when the session is next saved for
 * another reason, and a read-only request sets no cookie.
 * <p>
 * Which keys sign and verify when is worked out once, so looking it up costs a search
 * among the few times at which it changes. Instances are immutable and thread-safe.
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
public final class SigningKeyRing {

	private static final Comparator<@Nullable Instant> OLDEST_FIRST = Comparator
		.nullsFirst(Comparator.<Instant>naturalOrder());

	private final List<SigningKey> keys;

	private final Instant[] periodStarts;

	private final Keys[] periodKeys;

	private final boolean upgradeOnRead;

	/**
	 * Create a ring whose data is upgraded on read.
	 * @param keys the keys, at least one, with distinct ids
	 * @param retireAfter how long after a newer key becomes active a key it replaced
	 * keeps verifying, unless the key says when it retires
	 */
	public SigningKeyRing(List<SigningKey> keys, Duration retireAfter) {
		this(keys, retireAfter, true);
	}

	private SigningKeyRing(List<SigningKey> keys, Duration retireAfter, boolean upgradeOnRead) {
		Assert.notEmpty(keys, "'keys' must not be empty");
		Assert.noNullElements(keys, "'keys' must not contain null elements");
		Assert.notNull(retireAfter, "'retireAfter' must not be null");
		Assert.isTrue(!retireAfter.isNegative(), "'retireAfter' must not be negative");
		Set<String> ids = new HashSet<>();
		for (SigningKey key : keys) {
			Assert.isTrue(ids.add(key.getId()), () -> "Key id '" + key.getId() + "' is used more than once");
		}
		this.keys = List.copyOf(keys);
		List<@Nullable Instant> retirements = new ArrayList<>();
		TreeSet<Instant> changes = new TreeSet<>();
		for (SigningKey key : this.keys) {
			Instant retirement = retirement(key, retireAfter);
			retirements.add(retirement);
			if (key.getActiveFrom() != null) {
				changes.add(key.getActiveFrom());
			}
			if (retirement != null) {
				changes.add(retirement);
			}
		}
		changes.add(Instant.MIN);
		this.periodStarts = changes.toArray(Instant[]::new);
		this.periodKeys = new Keys[this.periodStarts.length];
		for (int i = 0; i < this.periodStarts.length; i++) {
			this.periodKeys[i] = keysAt(this.periodStarts[i], retirements);
		}
		this.upgradeOnRead = upgradeOnRead;
	}

	/**
	 * Return a ring of Django's keys: the secret key signs, and it and the fallback keys
	 * verify, for ever, and data is not upgraded on read. Their ids are
	 * {@code secret-key} and {@code fallback-1}, {@code fallback-2} and so on.
	 * @param secretKey the secret key, Django's {@code SECRET_KEY}
	 * @param fallbackKeys the fallback keys, Django's {@code SECRET_KEY_FALLBACKS}, in
	 * order
	 * @return the ring
	 */
	public static SigningKeyRing of(String secretKey, List<String> fallbackKeys) {
		Assert.notNull(fallbackKeys, "'fallbackKeys' must not be null");
		List<SigningKey> keys = new ArrayList<>();
		keys.add(SigningKey.of("secret-key", secretKey));
		for (int i = 0; i < fallbackKeys.size(); i++) {
			keys.add(SigningKey.of("fallback-" + (i + 1), fallbackKeys.get(i)));
		}
		return new SigningKeyRing(keys, Duration.ZERO, false);
	}

	/**
	 * Return whether data that a key other than the signing key verified is saved again
	 * by the request that reads it.
	 * @return {@code true} for a ring created with its constructor, {@code false} for
	 * Django's keys ({@link #of})
	 */
	public boolean isUpgradeOnRead() {
		return this.upgradeOnRead;
	}

	/**
	 * Return the keys as configured.
	 * @return the keys
	 */
	public List<SigningKey> getKeys() {
		return this.keys;
	}

	/**
	 * Return the keys that sign and verify at a time.
	 * @param instant the time
	 * @return the keys
	 */
	public Keys keysAt(Instant instant) {
		Assert.notNull(instant, "'instant' must not be null");
		return this.periodKeys[periodAt(instant)];
	}

	/**
	 * Return the first time, from the given one on, at which no key can sign, so that a
	 * ring that would stop signing while the application runs is refused when it starts
	 * instead of failing every save from then on.
	 * @param instant the time to look from
	 * @return the given time when no key can sign then, the later time at which none can,
	 * or {@code null} when a key can sign from then on for ever
	 */
	public @Nullable Instant firstTimeWithoutSigningKey(Instant instant) {
		Assert.notNull(instant, "'instant' must not be null");
		int first = periodAt(instant);
		for (int period = first; period < this.periodKeys.length; period++) {
			if (this.periodKeys[period].signingKey() == null) {
				return (period == first) ? instant : this.periodStarts[period];
			}
		}
		return null;
	}

	private int periodAt(Instant instant) {
		int period = this.periodStarts.length - 1;
		while (this.periodStarts[period].isAfter(instant)) {
			period--;
		}
		return period;
	}

	/**
	 * Return when a key retires: explicitly, or the retirement delay after the next key
	 * to become active after it (revoked keys replace nothing).
	 */
	private @Nullable Instant retirement(SigningKey key, Duration retireAfter) {
		if (key.isRevoked() || key.getRetiresAt() != null) {
			return key.getRetiresAt();
		}
		Instant replacedAt = null;
		for (SigningKey other : this.keys) {
			Instant activeFrom = other.getActiveFrom();
			if (!other.isRevoked() && activeFrom != null && OLDEST_FIRST.compare(activeFrom, key.getActiveFrom()) > 0
					&& (replacedAt == null || activeFrom.isBefore(replacedAt))) {
				replacedAt = activeFrom;
			}
		}
		return (replacedAt != null) ? replacedAt.plus(retireAfter) : null;
	}

	private Keys keysAt(Instant instant, List<@Nullable Instant> retirements) {
		List<SigningKey> verifying = new ArrayList<>();
		for (int i = 0; i < this.keys.size(); i++) {
			SigningKey key = this.keys.get(i);
			Instant retirement = retirements.get(i);
			if (!key.isRevoked() && (retirement == null || instant.isBefore(retirement))) {
				verifying.add(key);
			}
		}
		// newest first; a stable sort keeps keys equally new in the order listed
		verifying.sort(Comparator.comparing(SigningKey::getActiveFrom, OLDEST_FIRST.reversed()));
		SigningKey signing = null;
		for (SigningKey key : verifying) {
			if (key.isActiveAt(instant)) {
				signing = key;
				break;
			}
		}
		if (signing != null) {
			verifying.remove(signing);
			verifying.add(0, signing);
		}
		return new Keys(signing, verifying);
	}

	/**
	 * The keys that sign and verify at some time.
	 *
	 * @param signingKey the key that signs new data, or {@code null} when no key is
	 * usable
	 * @param verificationKeys the keys that verify, the signing key first
	 */
	public record Keys(@Nullable SigningKey signingKey, List<SigningKey> verificationKeys) {

		/**
		 * Create the keys of a time.
		 * @param signingKey the signing key, or {@code null}
		 * @param verificationKeys the verifying keys
		 */
		public Keys {
			verificationKeys = List.copyOf(verificationKeys);
		}

		/**
		 * Return the key that signs new data.
		 * @return the signing key
		 * @throws IllegalStateException if no key is usable: all are revoked, retired or
		 * not yet active
		 */
		public SigningKey requireSigningKey() {
			if (this.signingKey == null) {
				throw new IllegalStateException("No signing key is usable now: every key of the ring is revoked, "
						+ "retired or not yet active");
			}
			return this.signingKey;
		}

		/**
		 * Return the verifying key with an id.
		 * @param id the id
		 * @return the key, or {@code null} when no verifying key has it
		 */
		public @Nullable SigningKey verificationKey(String id) {
			for (SigningKey key : this.verificationKeys) {
				if (key.getId().equals(id)) {
					return key;
				}
			}
			return null;
		}

	}

}
