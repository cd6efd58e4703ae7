package io.sessionengines.serializer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link JavaSessionSerializer}.
 *
 * @author Session Engines contributors
 */
class JavaSessionSerializerTests {

	private final JavaSessionSerializer serializer = new JavaSessionSerializer();

	@Test
	void serializableValuesSurviveARoundTripInOrder() {
		Map<String, @Nullable Object> data = new LinkedHashMap<>();
		data.put("date", LocalDate.of(2026, 11, 21));
		data.put("count", 3);
		data.put("nothing", null);
		assertThat(this.serializer.deserialize(this.serializer.serialize(data))).containsExactlyEntriesOf(data);
	}

	@Test
	void onlySerializableValuesCanBeSet() {
		assertThatNoException().isThrownBy(() -> this.serializer.checkValue(LocalDate.of(2026, 1, 1)));
		assertThatNoException().isThrownBy(() -> this.serializer.checkValue(null));
		assertThatIllegalArgumentException().isThrownBy(() -> this.serializer.checkValue(new Object()))
			.withMessageContaining("java.lang.Object");
	}

	@Test
	void bytesThatAreNotASerializedMapAreUnreadableData() throws IOException {
		assertThatExceptionOfType(SessionSerializationException.class)
			.isThrownBy(() -> this.serializer.deserialize(new byte[] { 1, 2, 3 }));
		ByteArrayOutputStream notAMap = new ByteArrayOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(notAMap)) {
			out.writeObject("a string");
		}
		assertThatExceptionOfType(SessionSerializationException.class)
			.isThrownBy(() -> this.serializer.deserialize(notAMap.toByteArray()))
			.withMessageContaining("not a map");
	}

}
