package io.sessionengines.testsupport;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.sessionengines.serializer.JsonSessionSerializer;
import tools.jackson.databind.DefaultTyping;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;

/**
 * A JSON serializer with one allow-listed typed value, {@link Badge}, as the starter's
 * serializer has Spring Security's types: the engine tests run with it, so that every
 * engine is checked for telling typed values and plain maps apart.
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
public final class TypedTestValues {

	private TypedTestValues() {
	}

	/**
	 * Return a serializer that stores {@link Badge} values as typed JSON.
	 * @return the serializer
	 */
	public static JsonSessionSerializer serializer() {
		// as Spring Security's modules do: a value read as Object names its class
		JsonMapper mapper = JsonMapper.builder()
			.activateDefaultTypingAsProperty(
					BasicPolymorphicTypeValidator.builder().allowIfSubType(Badge.class).build(),
					DefaultTyping.NON_FINAL, JsonSessionSerializer.TYPE_PROPERTY)
			.build();
		return new JsonSessionSerializer(mapper, List.of(Badge.class));
	}

	/**
	 * A typed value, written with its class name in {@code @class}.
	 *
	 * @param name the badge's name
	 * @param level the badge's level
	 */
	@JsonTypeInfo(use = JsonTypeInfo.Id.CLASS, property = JsonSessionSerializer.TYPE_PROPERTY)
	public record Badge(String name, int level) {

	}

}
