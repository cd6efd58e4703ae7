package io.sessionengines.serializer;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * Writes {@code Double} and {@code Float} values as Python's {@code json.dumps} writes a
 * {@code float} ({@link PythonFloatFormat}), where Jackson would write {@code 1.0E300}
 * and a quoted {@code "NaN"}.
 *
 * @author Session Engines contributors
 */
final class PythonFloatSerializer extends StdSerializer<Number> {

	private PythonFloatSerializer() {
		super(Number.class);
	}

	/**
	 * Return a module that writes every {@code double} and {@code float} with this
	 * serializer.
	 * @return the module
	 */
	static SimpleModule module() {
		PythonFloatSerializer serializer = new PythonFloatSerializer();
		return new SimpleModule("python-floats").addSerializer(Double.class, serializer)
			.addSerializer(Double.TYPE, serializer)
			.addSerializer(Float.class, serializer)
			.addSerializer(Float.TYPE, serializer);
	}

	@Override
	public void serialize(Number value, JsonGenerator generator, SerializationContext context) {
		generator.writeNumber((value instanceof Float number) ? PythonFloatFormat.format(number.floatValue())
				: PythonFloatFormat.format(value.doubleValue()));
	}

}
