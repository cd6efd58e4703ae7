package io.sessionengines.security;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.web.authentication.session.ConcurrentSessionControlAuthenticationStrategy;

/**
 * Makes every {@link ConcurrentSessionControlAuthenticationStrategy} atomic when the
 * application's {@link SessionRegistry} is the {@link EngineSessionRegistry}: those that
 * are beans, and those Spring Security's {@code sessionManagement().maximumSessions(n)}
 * builds, which go through the bean post-processors too.
 *
 * @author Session Engines contributors
 * @since 0.3.0
 */
public final class ConcurrentSessionControlPostProcessor implements BeanPostProcessor {

	private final ObjectProvider<SessionRegistry> registry;

	/**
	 * Create the post-processor.
	 * @param registry the application's session registry, looked up when a strategy is
	 * met
	 */
	public ConcurrentSessionControlPostProcessor(ObjectProvider<SessionRegistry> registry) {
		this.registry = registry;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof ConcurrentSessionControlAuthenticationStrategy strategy
				&& !(bean instanceof AtomicConcurrentSessionControlStrategy)
				&& this.registry.getIfUnique() instanceof EngineSessionRegistry engineRegistry) {
			return new AtomicConcurrentSessionControlStrategy(strategy, engineRegistry);
		}
		return bean;
	}

}
