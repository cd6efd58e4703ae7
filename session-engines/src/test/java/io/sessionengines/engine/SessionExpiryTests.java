package io.sessionengines.engine;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.sessionengines.testsupport.PythonIsoformat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link SessionExpiry}.
 *
 * @author Session Engines contributors
 */
class SessionExpiryTests {

	private static final Duration COOKIE_AGE = Duration.ofDays(14);

	private static final long COOKIE_AGE_SECONDS = 1_209_600L;

	/**
	 * The latest date every store can hold.
	 */
	private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

	/**
	 * 2023-11-14T22:13:20Z.
	 */
	private static final Instant MODIFICATION = Instant.ofEpochSecond(1_700_000_000L);

	private final SessionExpiry expiry = expiry(false);

	private static SessionExpiry expiry(boolean expireAtBrowserClose) {
		return new SessionExpiry(COOKIE_AGE, expireAtBrowserClose, Clock.fixed(MODIFICATION, ZoneOffset.UTC));
	}

	@Test
	void nowIsTheClocksTime() {
		assertThat(this.expiry.now()).isEqualTo(MODIFICATION);
		assertThat(this.expiry.getCookieAge()).isEqualTo(COOKIE_AGE);
	}

	@Test
	void cookieAgeMustBePositive() {
		Clock clock = Clock.systemUTC();
		assertThatIllegalArgumentException().isThrownBy(() -> new SessionExpiry(Duration.ZERO, false, clock));
		assertThatIllegalArgumentException().isThrownBy(() -> new SessionExpiry(Duration.ofSeconds(-1), false, clock));
	}

	// age

	@Test
	void ageOfANumberIsTheNumberItself() {
		assertThat(this.expiry.age(10, MODIFICATION)).isEqualTo(10);
		assertThat(this.expiry.age(10L, MODIFICATION)).isEqualTo(10);
		assertThat(this.expiry.age(10L, MODIFICATION.plusSeconds(1000))).isEqualTo(10);
		assertThat(this.expiry.age(3600.0, MODIFICATION)).isEqualTo(3600);
	}

	@Test
	void ageOfANegativeNumberIsNegative() {
		assertThat(this.expiry.age(-10, MODIFICATION)).isEqualTo(-10);
	}

	@Test
	void ageOfZeroIsTheCookieAge() {
		assertThat(this.expiry.age(0, MODIFICATION)).isEqualTo(COOKIE_AGE_SECONDS);
		assertThat(this.expiry.age(0L, MODIFICATION)).isEqualTo(COOKIE_AGE_SECONDS);
		assertThat(this.expiry.age(0.0, MODIFICATION)).isEqualTo(COOKIE_AGE_SECONDS);
		assertThat(this.expiry.age(BigDecimal.ZERO, MODIFICATION)).isEqualTo(COOKIE_AGE_SECONDS);
	}

	@Test
	void ageWithoutACustomExpiryIsTheCookieAge() {
		assertThat(this.expiry.age(null, MODIFICATION)).isEqualTo(COOKIE_AGE_SECONDS);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "garbage", "2023-13-45T00:00:00+00:00", "tomorrow", "1700000100",
			"2023-11-14T22:15:00+25:00" })
	void ageOfAnUnparsableStringIsTheCookieAge(String value) {
		assertThat(this.expiry.age(value, MODIFICATION)).isEqualTo(COOKIE_AGE_SECONDS);
	}

	@ParameterizedTest
	@ValueSource(strings = { "2023-11-14T22:15:00+00:00", "2023-11-14T22:15:00Z", "2023-11-14T22:15:00",
			"2023-11-14 22:15:00+00:00", "2023-11-14 22:15:00", "2023-11-14T23:15:00+01:00",
			"2023-11-14T17:15:00-05:00", "2023-11-14T22:15:00.000000+00:00", "2023-11-14T22:15:00.5+00:00",
			"2023-11-14T22:15:00.999999+00:00", "2023-11-14 22:15:00.250000Z" })
	void ageOfAnIsoDateIsTheWholeSecondsUntilIt(String value) {
		assertThat(this.expiry.age(value, MODIFICATION)).isEqualTo(100);
	}

	@Test
	void ageOfAnIsoDateIsFloored() {
		// set_expiry(timedelta(seconds=120)) read a moment later gives 119, as in Django
		String inTwoMinutes = SessionExpiry.format(MODIFICATION.plusSeconds(120));
		assertThat(this.expiry.age(inTwoMinutes, MODIFICATION)).isEqualTo(120);
		assertThat(this.expiry.age(inTwoMinutes, MODIFICATION.plusMillis(3))).isEqualTo(119);
		assertThat(this.expiry.age(inTwoMinutes, MODIFICATION.plusNanos(1_000))).isEqualTo(119);
	}

	@Test
	void ageOfAPastIsoDateIsNegativeAndFloored() {
		// Django: days * 86400 + seconds of timedelta(seconds=-0.5) == -1
		assertThat(this.expiry.age("2023-11-14T22:13:19.500000+00:00", MODIFICATION)).isEqualTo(-1);
		assertThat(this.expiry.age("2023-11-14T22:13:10+00:00", MODIFICATION)).isEqualTo(-10);
		assertThat(this.expiry.age("2000-01-01T00:00:00+00:00", MODIFICATION)).isEqualTo(946_684_800L - 1_700_000_000L);
	}

	// date

	@Test
	void dateOfANumberIsThatManySecondsAfterTheModification() {
		assertThat(this.expiry.date(10, MODIFICATION)).isEqualTo(MODIFICATION.plusSeconds(10));
		assertThat(this.expiry.date(10L, MODIFICATION)).isEqualTo(MODIFICATION.plusSeconds(10));
		assertThat(this.expiry.date(1.5, MODIFICATION)).isEqualTo(MODIFICATION.plusMillis(1500));
	}

	@Test
	void dateOfANegativeNumberIsInThePast() {
		assertThat(this.expiry.date(-10, MODIFICATION)).isEqualTo(MODIFICATION.minusSeconds(10));
	}

	@Test
	void dateOfZeroOrNothingIsTheCookieAgeAfterTheModification() {
		assertThat(this.expiry.date(0, MODIFICATION)).isEqualTo(MODIFICATION.plus(COOKIE_AGE));
		assertThat(this.expiry.date(0.0, MODIFICATION)).isEqualTo(MODIFICATION.plus(COOKIE_AGE));
		assertThat(this.expiry.date(null, MODIFICATION)).isEqualTo(MODIFICATION.plus(COOKIE_AGE));
	}

	@Test
	void dateOfAnUnparsableStringIsTheCookieAgeAfterTheModification() {
		assertThat(this.expiry.date("garbage", MODIFICATION)).isEqualTo(MODIFICATION.plus(COOKIE_AGE));
		assertThat(this.expiry.date("", MODIFICATION)).isEqualTo(MODIFICATION.plus(COOKIE_AGE));
	}

	@ParameterizedTest
	@CsvSource({ "2026-11-21T00:30:09.369000+00:00, 2026-11-21T00:30:09.369Z",
			"2026-11-21T00:30:09+00:00, 2026-11-21T00:30:09Z", "2026-11-21T00:30:09Z, 2026-11-21T00:30:09Z",
			"2026-11-21T00:30:09, 2026-11-21T00:30:09Z",
			"2026-11-21 00:30:09.000001+00:00, 2026-11-21T00:30:09.000001Z",
			"2026-11-21T02:30:09+02:00, 2026-11-21T00:30:09Z", "2026-11-20T19:30:09.5-05:00, 2026-11-21T00:30:09.5Z" })
	void dateOfAnIsoStringIsThatDate(String value, Instant expected) {
		assertThat(this.expiry.date(value, MODIFICATION)).isEqualTo(expected);
		assertThat(SessionExpiry.parse(value)).isEqualTo(expected);
	}

	// expire at browser close

	@ParameterizedTest(name = "setting {0}")
	@ValueSource(booleans = { false, true })
	void expiresAtBrowserCloseFollowsTheSettingWithoutACustomExpiry(boolean setting) {
		assertThat(expiry(setting).expiresAtBrowserClose(null)).isEqualTo(setting);
	}

	@ParameterizedTest(name = "setting {0}")
	@ValueSource(booleans = { false, true })
	void expiresAtBrowserCloseOnlyForZero(boolean setting) {
		SessionExpiry expiry = expiry(setting);
		assertThat(expiry.expiresAtBrowserClose(0)).isTrue();
		assertThat(expiry.expiresAtBrowserClose(0L)).isTrue();
		assertThat(expiry.expiresAtBrowserClose(0.0)).isTrue();
		assertThat(expiry.expiresAtBrowserClose(10)).isFalse();
		assertThat(expiry.expiresAtBrowserClose(-10)).isFalse();
		assertThat(expiry.expiresAtBrowserClose("2026-11-21T00:30:09+00:00")).isFalse();
		assertThat(expiry.expiresAtBrowserClose("garbage")).isFalse();
		assertThat(expiry.expiresAtBrowserClose("")).isFalse();
	}

	// format and parse

	@ParameterizedTest
	@CsvSource({ "2026-11-21T00:30:09.369Z, 2026-11-21T00:30:09.369000+00:00",
			"2026-11-20T23:52:24.460752Z, 2026-11-20T23:52:24.460752+00:00",
			"2026-11-21T00:30:09Z, 2026-11-21T00:30:09+00:00",
			"2026-11-21T00:30:09.000001Z, 2026-11-21T00:30:09.000001+00:00",
			"2026-11-21T00:30:09.123456789Z, 2026-11-21T00:30:09.123456+00:00",
			"2026-11-21T00:30:09.000000999Z, 2026-11-21T00:30:09+00:00",
			"1970-01-01T00:00:00Z, 1970-01-01T00:00:00+00:00", "0999-01-02T03:04:05Z, 0999-01-02T03:04:05+00:00" })
	void formatMatchesPythonsIsoformat(Instant date, String expected) {
		assertThat(SessionExpiry.format(date)).isEqualTo(expected);
	}

	@Test
	void formatWritesWhatPythonsIsoformatWritesNeverAZ() {
		List<PythonIsoformat> vectors = PythonIsoformat.vectors();
		assertThat(vectors).hasSizeGreaterThan(40);
		for (PythonIsoformat vector : vectors) {
			assertThat(SessionExpiry.format(vector.instant())).isEqualTo(vector.python()).endsWith("+00:00");
			// nanoseconds Python cannot hold are dropped
			assertThat(SessionExpiry.format(vector.instant().plusNanos(999))).isEqualTo(vector.python());
			assertThat(SessionExpiry.parse(vector.python())).isEqualTo(vector.instant());
		}
	}

	@Test
	void formatThenParseKeepsTheMicroseconds() {
		Instant date = Instant.parse("2026-11-21T00:30:09.123456789Z");
		assertThat(SessionExpiry.parse(SessionExpiry.format(date)))
			.isEqualTo(Instant.parse("2026-11-21T00:30:09.123456Z"));
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "", "garbage", "2026-11-21T25:00:00", "2026/11/21 00:30:09", "2026-11-21T00:30:09+00:00 " })
	void parseOfSomethingElseIsNull(String value) {
		assertThat(SessionExpiry.parse(value)).isNull();
	}

	@Test
	void storedValuesOfOtherTypesCountAsNoCustomExpiry() {
		Object[] values = { true, List.of(10), Map.of("seconds", 10) };
		for (Object value : values) {
			assertThat(this.expiry.age(value, MODIFICATION)).isEqualTo(COOKIE_AGE_SECONDS);
			assertThat(this.expiry.date(value, MODIFICATION)).isEqualTo(MODIFICATION.plus(COOKIE_AGE));
		}
	}

	@Test
	void hugeExpiriesAreClampedToDatesEveryStoreCanHold() {
		assertThat(this.expiry.date(Long.MAX_VALUE, MODIFICATION)).isEqualTo(Instant.parse("9999-12-31T23:59:59Z"));
		assertThat(this.expiry.date(Long.MIN_VALUE, MODIFICATION)).isEqualTo(Instant.EPOCH);
		assertThat(this.expiry.date(1e300, MODIFICATION)).isEqualTo(Instant.parse("9999-12-31T23:59:59Z"));
		assertThat(this.expiry.date("+12026-01-01T00:00:00Z", MODIFICATION))
			.isEqualTo(Instant.parse("9999-12-31T23:59:59Z"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "+999999999-12-31T23:59:59+00:00", "+12026-01-01T00:00:00Z",
			"9999-12-31T23:59:59.999999+00:00", "-999999999-01-01T00:00:00+00:00", "0001-01-01T00:00:00+00:00",
			"1700-01-01T00:00:00+00:00", "2400-01-01T00:00:00" })
	void farAwayDatesNeverOverflowAndAgeAgreesWithTheClampedDate(String value) {
		Instant date = this.expiry.date(value, MODIFICATION);
		assertThat(date).isBetween(Instant.EPOCH, LATEST);
		assertThat(this.expiry.age(value, MODIFICATION))
			.isEqualTo(date.getEpochSecond() - MODIFICATION.getEpochSecond());
	}

	@Test
	void datesBeforeTheEpochAreClampedToIt() {
		assertThat(this.expiry.date("1700-01-01T00:00:00+00:00", MODIFICATION)).isEqualTo(Instant.EPOCH);
		assertThat(this.expiry.date("-999999999-01-01T00:00:00+00:00", MODIFICATION)).isEqualTo(Instant.EPOCH);
		assertThat(this.expiry.age("1700-01-01T00:00:00+00:00", MODIFICATION)).isEqualTo(-1_700_000_000L);
	}

	@Test
	void hugeNumbersGiveAnAgeThatAgreesWithTheClampedDate() {
		long untilLatest = LATEST.getEpochSecond() - MODIFICATION.getEpochSecond();
		Object[] huge = { Long.MAX_VALUE, 1e300, Double.POSITIVE_INFINITY, new BigInteger("18446744073709551616"),
				new BigInteger("9223372036854775808"), new BigDecimal("1e400"), 999_999_999_999L };
		for (Object value : huge) {
			assertThat(this.expiry.age(value, MODIFICATION)).as("%s", value).isEqualTo(untilLatest);
			assertThat(this.expiry.date(value, MODIFICATION)).as("%s", value).isEqualTo(LATEST);
		}
		Object[] hugeNegative = { Long.MIN_VALUE, -1e300, Double.NEGATIVE_INFINITY,
				new BigInteger("-18446744073709551616") };
		for (Object value : hugeNegative) {
			assertThat(this.expiry.age(value, MODIFICATION)).as("%s", value).isEqualTo(-1_700_000_000L);
			assertThat(this.expiry.date(value, MODIFICATION)).as("%s", value).isEqualTo(Instant.EPOCH);
		}
	}

	@Test
	void notANumberExpiresTheSessionAtOnce() {
		assertThat(this.expiry.age(Double.NaN, MODIFICATION)).isZero();
		assertThat(this.expiry.date(Double.NaN, MODIFICATION)).isEqualTo(MODIFICATION);
		assertThat(this.expiry.expiresAtBrowserClose(Double.NaN)).isFalse();
	}

	@Test
	@Timeout(value = 2, threadMode = ThreadMode.SEPARATE_THREAD)
	void hugeExponentsCostNoTime() {
		BigDecimal huge = new BigDecimal("1e999999999");
		BigDecimal hugeNegative = new BigDecimal("-1e999999999");
		assertThat(this.expiry.age(huge, MODIFICATION))
			.isEqualTo(LATEST.getEpochSecond() - MODIFICATION.getEpochSecond());
		assertThat(this.expiry.age(hugeNegative, MODIFICATION)).isEqualTo(-1_700_000_000L);
		assertThat(this.expiry.date(huge, MODIFICATION)).isEqualTo(LATEST);
		assertThat(this.expiry.expiresAtBrowserClose(new BigDecimal("1e-999999999"))).isTrue();
	}

	@Test
	void modificationsFarInTheFutureNeverOverflow() {
		// a forged signed cookie can claim to be signed at any time
		Instant farFuture = Instant.ofEpochSecond(13_537_086_546_263_551L);
		for (Object value : new Object[] { null, 0, 300, Long.MAX_VALUE, -1e300, "2026-11-21T00:30:09+00:00" }) {
			assertThat(this.expiry.date(value, farFuture)).as("%s", value).isBetween(Instant.EPOCH, LATEST);
			assertThat(this.expiry.age(value, farFuture)).as("%s", value)
				.isBetween(-LATEST.getEpochSecond(), LATEST.getEpochSecond());
		}
		assertThat(this.expiry.date(null, Instant.MAX)).isEqualTo(LATEST);
		assertThat(this.expiry.date(300, Instant.MIN)).isEqualTo(Instant.EPOCH.plusSeconds(300));
	}

	@Test
	void clampKeepsDatesWithinWhatStoresHold() {
		assertThat(SessionExpiry.clamp(Instant.MAX)).isEqualTo(LATEST);
		assertThat(SessionExpiry.clamp(Instant.MIN)).isEqualTo(Instant.EPOCH);
		assertThat(SessionExpiry.clamp(MODIFICATION)).isEqualTo(MODIFICATION);
	}

	@Test
	void plusSaturatesInsteadOfOverflowing() {
		assertThat(SessionExpiry.plus(MODIFICATION, Duration.ofSeconds(Long.MAX_VALUE))).isEqualTo(LATEST);
		assertThat(SessionExpiry.plus(MODIFICATION, Duration.ofSeconds(Long.MIN_VALUE))).isEqualTo(Instant.EPOCH);
		assertThat(SessionExpiry.plus(Instant.MAX, Duration.ofDays(1))).isEqualTo(LATEST);
		assertThat(SessionExpiry.plus(MODIFICATION, Duration.ofSeconds(10))).isEqualTo(MODIFICATION.plusSeconds(10));
		assertThat(SessionExpiry.plus(MODIFICATION, Duration.ofSeconds(-10))).isEqualTo(MODIFICATION.minusSeconds(10));
	}

}
