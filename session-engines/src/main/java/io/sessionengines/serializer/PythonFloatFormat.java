package io.sessionengines.serializer;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * Formats a {@code double} as Python's {@code json.dumps} writes a {@code float}, so that
 * session data this library writes is byte for byte what Django would write for the same
 * values: {@code NaN}, {@code Infinity} and {@code -Infinity} unquoted, and a finite
 * value as {@code float.__repr__} writes it.
 * <p>
 * {@code repr} writes the shortest digits that read back as the same value (the closest
 * to it when several are as short), in fixed notation when that takes at most 16 digits
 * before the point or at most 3 zeros after it ({@code 1000000000000000.0},
 * {@code 0.0001}), always with a fractional part, and otherwise in exponent notation with
 * a signed exponent of at least two digits ({@code 1e+16}, {@code 1e-05},
 * {@code 1.5e-07}). Java's {@code Double.toString} does neither: it switches to exponent
 * notation at other bounds ({@code 1.0E7}), and before Java 19 (JDK-4511638) it sometimes
 * writes more digits than needed ({@code 2.82879384806159008E17} for Python's
 * {@code 2.82879384806159e+17}), or not the closest ones.
 *
 * @author Session Engines contributors
 */
final class PythonFloatFormat {

	/**
	 * The digits that always suffice for a {@code double} to read back as itself.
	 */
	private static final int MAX_DOUBLE_DIGITS = 17;

	/**
	 * The digits that always suffice for a {@code float} to read back as itself.
	 */
	private static final int MAX_FLOAT_DIGITS = 9;

	/**
	 * The most digits a decimal can have and be the only one of that many digits that
	 * reads as its {@code double}, for normal (not subnormal) values ({@code DBL_DIG}).
	 */
	private static final int UNIQUE_DOUBLE_DIGITS = 15;

	/**
	 * The most digits a decimal can have and be the only one of that many digits that
	 * reads as its {@code float}, for normal (not subnormal) values ({@code FLT_DIG}).
	 */
	private static final int UNIQUE_FLOAT_DIGITS = 6;

	/**
	 * Whole numbers below this are written in fixed notation.
	 */
	private static final double FIXED_NOTATION_LIMIT = 1e16;

	private PythonFloatFormat() {
	}

	/**
	 * Format a {@code double} as Python's {@code json.dumps} does.
	 * @param value the value
	 * @return the JSON text
	 */
	static String format(double value) {
		if (Double.isNaN(value)) {
			return "NaN";
		}
		if (Double.isInfinite(value)) {
			return (value > 0) ? "Infinity" : "-Infinity";
		}
		if (value == Math.rint(value) && Math.abs(value) < FIXED_NOTATION_LIMIT) {
			// the common whole numbers: exact as a long, and their own shortest digits
			return (value == 0 && 1 / value < 0) ? "-0.0" : (long) value + ".0";
		}
		if (Math.abs(value) >= Double.MIN_NORMAL) {
			BigDecimal digits = new BigDecimal(Double.toString(value));
			if (digits.precision() <= UNIQUE_DOUBLE_DIGITS) {
				// the common short decimals: Java's digits read back, and no other
				// decimal as short does, so they are the shortest
				return layout(digits);
			}
		}
		return layout(
				shortestDigits(new BigDecimal(value), MAX_DOUBLE_DIGITS, (digits) -> digits.doubleValue() == value));
	}

	/**
	 * Format a {@code float} as the {@code double} that Python reads from the float's
	 * shortest digits: {@code 0.1f} as {@code 0.1}, not as the double it widens to
	 * ({@code 0.10000000149011612}).
	 * @param value the value
	 * @return the JSON text
	 */
	static String format(float value) {
		if (Float.isNaN(value) || Float.isInfinite(value) || value == 0) {
			return format((double) value);
		}
		BigDecimal digits = new BigDecimal(Float.toString(value));
		if (Math.abs(value) < Float.MIN_NORMAL || digits.precision() > UNIQUE_FLOAT_DIGITS) {
			digits = shortestDigits(new BigDecimal(value), MAX_FLOAT_DIGITS,
					(decimal) -> decimal.floatValue() == value);
		}
		return format(digits.doubleValue());
	}

	/**
	 * Return the shortest decimal that reads back as the value, the closest one when two
	 * are as short. Whether some decimal of {@code n} digits reads back grows with
	 * {@code n} (one of {@code n} digits is one of {@code n + 1} digits too), so the
	 * shortest length is found by bisection; at that length the value rounded to the
	 * nearest such decimal reads back, or else the one on its other side.
	 * @param exact the exact value
	 * @param maxDigits the digits that always suffice
	 * @param readsBack whether a decimal reads back as the value
	 */
	private static BigDecimal shortestDigits(BigDecimal exact, int maxDigits, Predicate<BigDecimal> readsBack) {
		BigDecimal value = shortened(exact, maxDigits + 1);
		int shortest = maxDigits;
		int tooShort = 0;
		while (shortest - tooShort > 1) {
			int digits = (shortest + tooShort) >>> 1;
			if (closestOf(value, digits, readsBack) != null) {
				shortest = digits;
			}
			else {
				tooShort = digits;
			}
		}
		BigDecimal closest = closestOf(value, shortest, readsBack);
		return (closest != null) ? closest : value.round(new MathContext(maxDigits, RoundingMode.HALF_EVEN));
	}

	/**
	 * Shorten an exact value to the given digits, rounding toward zero, and mark any
	 * digits dropped with one more digit, a 1: the result then lies strictly between the
	 * same decimals of fewer digits, and their midpoints, as the exact value, so it
	 * rounds to fewer digits as the exact value does, at a fraction of the cost (the
	 * exact value of a double near {@code 1e-300} has over 700 digits).
	 */
	private static BigDecimal shortened(BigDecimal exact, int digits) {
		if (exact.precision() <= digits) {
			return exact;
		}
		BigDecimal truncated = exact.round(new MathContext(digits, RoundingMode.DOWN));
		BigDecimal dropped = BigDecimal.valueOf(exact.signum(), truncated.scale() + 1);
		return truncated.add(dropped);
	}

	private static @Nullable BigDecimal closestOf(BigDecimal exact, int digits, Predicate<BigDecimal> readsBack) {
		BigDecimal nearest = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
		if (readsBack.test(nearest)) {
			return nearest;
		}
		RoundingMode otherSide = (nearest.compareTo(exact) > 0) ? RoundingMode.FLOOR : RoundingMode.CEILING;
		BigDecimal other = exact.round(new MathContext(digits, otherSide));
		return readsBack.test(other) ? other : null;
	}

	/**
	 * Lay out digits as CPython's {@code repr} does (its {@code format_float_short}):
	 * with the value written as {@code 0.d1d2...dn} times ten to the power of
	 * {@code point}, fixed notation when {@code -4 < point <= 16}, exponent notation
	 * otherwise.
	 */
	private static String layout(BigDecimal decimal) {
		BigDecimal stripped = decimal.stripTrailingZeros();
		String digits = stripped.unscaledValue().abs().toString();
		int point = digits.length() - stripped.scale();
		StringBuilder text = new StringBuilder(24);
		if (stripped.signum() < 0) {
			text.append('-');
		}
		if (point <= -4 || point > 16) {
			text.append(digits.charAt(0));
			if (digits.length() > 1) {
				text.append('.').append(digits, 1, digits.length());
			}
			int exponent = point - 1;
			text.append((exponent < 0) ? "e-" : "e+");
			if (Math.abs(exponent) < 10) {
				text.append('0');
			}
			return text.append(Math.abs(exponent)).toString();
		}
		if (point <= 0) {
			return text.append("0.").append("0".repeat(-point)).append(digits).toString();
		}
		if (point < digits.length()) {
			return text.append(digits, 0, point).append('.').append(digits, point, digits.length()).toString();
		}
		return text.append(digits).append("0".repeat(point - digits.length())).append(".0").toString();
	}

}
