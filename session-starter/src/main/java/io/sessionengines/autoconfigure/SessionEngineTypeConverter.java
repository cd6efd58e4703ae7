package io.sessionengines.autoconfigure;

import org.springframework.core.convert.converter.Converter;

/**
 * Binds {@code session.engine} with {@link SessionEngineType#fromName}, so that Django's
 * module names are accepted and an unknown name fails with the list of valid ones.
 *
 * @author Session Engines contributors
 */
class SessionEngineTypeConverter implements Converter<String, SessionEngineType> {

	@Override
	public SessionEngineType convert(String source) {
		return SessionEngineType.fromName(source);
	}

}
