package io.sessionengines.web.reactive;

import io.sessionengines.session.Session;
import reactor.core.publisher.Mono;

import org.springframework.core.MethodParameter;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.server.ServerWebExchange;

/**
 * Resolves WebFlux controller method parameters of type {@link Session} to the exchange's
 * session, its data read off the event loop ({@link ExchangeSession}).
 *
 * @author Session Engines contributors
 * @since 0.4.0
 */
public class SessionArgumentResolver implements HandlerMethodArgumentResolver {

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return Session.class.equals(parameter.getParameterType());
	}

	@Override
	public Mono<Object> resolveArgument(MethodParameter parameter, BindingContext bindingContext,
			ServerWebExchange exchange) {
		return ExchangeSession.get(exchange).cast(Object.class);
	}

}
