package io.sessionengines.serializer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PythonFloatFormat}, against what Python's {@code json.dumps} writes:
 * the vectors in {@code python/json-floats.txt}, written by {@code python/json_floats.py}
 * (which says how to regenerate them). Each group of vectors is one test: thousands of
 * one-vector tests would cost seconds of test reporting.
 *
 * @author Session Engines contributors
 */
class PythonFloatFormatTests {

	private final JsonSessionSerializer serializer = new JsonSessionSerializer();

	static List<Named<List<Vector>>> pythonVectors() throws IOException {
		List<Named<List<Vector>>> groups = new ArrayList<>();
		try (InputStream in = PythonFloatFormatTests.class.getResourceAsStream("/python/json-floats.txt")) {
			assertThat(in).as("the vector file").isNotNull();
			BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
			List<Vector> group = null;
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				if (line.startsWith("# ")) {
					group = new ArrayList<>();
					groups.add(Named.of(line.substring(2), group));
				}
				else if (!line.startsWith("##")) {
					assertThat(group).as("a group before " + line).isNotNull();
					group.add(Vector.parse(line));
				}
			}
		}
		return groups;
	}

	@Test
	void vectorsCoverEveryGroup() throws IOException {
		List<Named<List<Vector>>> groups = pythonVectors();
		assertThat(groups).hasSizeGreaterThan(10).allSatisfy((group) -> assertThat(group.getPayload()).isNotEmpty());
		assertThat(groups.stream().mapToInt((group) -> group.getPayload().size()).sum()).isGreaterThan(4000);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("pythonVectors")
	void writesFloatsAsPythonsJsonDumpsAndReadsThemBack(List<Vector> vectors) {
		// mismatches collected rather than soft assertions, which cost a second per
		// thousand vectors
		List<String> mismatches = new ArrayList<>();
		for (Vector vector : vectors) {
			String formatted = vector.format();
			String json = new String(this.serializer.serialize(vector.data()), StandardCharsets.US_ASCII);
			Object read = this.serializer.deserialize(json.getBytes(StandardCharsets.US_ASCII)).get("v");
			if (!formatted.equals(vector.python()) || !json.equals("{\"v\":" + vector.python() + "}")) {
				mismatches.add(vector + ": Python writes " + vector.python() + ", we write " + formatted
						+ " and serialize " + json);
			}
			if (!(read instanceof Double number)
					|| Double.doubleToRawLongBits(number) != Double.doubleToRawLongBits(vector.readByPython())) {
				mismatches.add(vector + ": " + vector.python() + " reads back as " + read);
			}
		}
		assertThat(mismatches).isEmpty();
	}

	/**
	 * A value and what Python's {@code json.dumps} writes for it.
	 *
	 * @param value a {@code Double} or a {@code Float}
	 * @param bits its bits in hexadecimal, as the vector file gives them
	 * @param python what Python writes
	 */
	record Vector(Number value, String bits, String python) {

		static Vector parse(String line) {
			String[] fields = line.split(" ");
			assertThat(fields).as(line).hasSize(3);
			Number value = switch (fields[0]) {
				case "d" -> Double.longBitsToDouble(Long.parseUnsignedLong(fields[1], 16));
				case "f" -> Float.intBitsToFloat(Integer.parseUnsignedInt(fields[1], 16));
				default -> throw new IllegalStateException("Unknown kind of vector: " + line);
			};
			return new Vector(value, fields[1], fields[2]);
		}

		String format() {
			return (this.value instanceof Float number) ? PythonFloatFormat.format(number.floatValue())
					: PythonFloatFormat.format(this.value.doubleValue());
		}

		Map<String, @Nullable Object> data() {
			Map<String, @Nullable Object> data = new LinkedHashMap<>();
			data.put("v", this.value);
			return data;
		}

		/**
		 * The double Python reads from what it wrote: the value itself, or for a float
		 * the double of its shortest digits.
		 */
		double readByPython() {
			return (this.value instanceof Float) ? Double.parseDouble(this.python) : this.value.doubleValue();
		}

		@Override
		public String toString() {
			return this.value.getClass().getSimpleName() + " " + this.bits + " (" + this.value + ")";
		}

	}

}
