package io.sessionengines.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a {@link SessionConfigurationException} into Spring Boot's "APPLICATION FAILED TO
 * START" report.
 *
 * @author Session Engines contributors
 */
class SessionConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<SessionConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, SessionConfigurationException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.getAction(), cause);
	}

}
