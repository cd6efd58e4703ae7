package io.sessionengines.autoconfigure;

import org.springframework.core.convert.converter.Converter;

/**
 * Binds {@code session.serializer} with {@link SessionSerializerType#fromName}, so that
 * Django's class names are accepted.
 *
 * @author Session Engines contributors
 */
class SessionSerializerTypeConverter implements Converter<String, SessionSerializerType> {

	@Override
	public SessionSerializerType convert(String source) {
		return SessionSerializerType.fromName(source);
	}

}
