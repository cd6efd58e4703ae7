package io.sessionengines.autoconfigure;

import io.sessionengines.events.HttpSessionListenerBridge;
import io.sessionengines.events.SessionEventPublisher;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpSessionListener;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.ServletListenerRegistrationBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Session events: the publisher of the created and destroyed events, and, in a servlet
 * web application, the bridge that tells the application's {@code HttpSessionListener}s.
 *
 * @author Session Engines contributors
 */
@Configuration(proxyBeanMethods = false)
class SessionEventsConfiguration {

	@Bean
	SessionEventPublisher sessionEventPublisher(ApplicationEventPublisher publisher) {
		return new SessionEventPublisher(publisher);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass(ServletListenerRegistrationBean.class)
	static class HttpSessionListenerConfiguration {

		@Bean
		HttpSessionListenerBridge httpSessionListenerBridge(ObjectProvider<HttpSessionListener> listeners,
				ObjectProvider<ServletListenerRegistrationBean<?>> registrations,
				ObjectProvider<ServletContext> servletContext) {
			return new HttpSessionListenerBridge(listeners, registrations, servletContext.getIfAvailable());
		}

	}

}
