package io.sessionengines.security;

import java.util.Comparator;
import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.security.core.session.ReactiveSessionInformation;
import org.springframework.security.web.server.authentication.MaximumSessionsContext;
import org.springframework.security.web.server.authentication.ServerMaximumSessionsExceededHandler;

/**
 * What a login past the limit does on the registry of each user's sessions: it ends the
 * user's least recently seen sessions, as many as keep the user within the limit with the
 * session logging in. Spring Security's own handler for this removes the sessions from a
 * {@code WebSessionStore}, which only its default {@code WebSessionManager} has; here
 * {@link ReactiveSessionInformation#invalidate()} ends a session by itself, on every
 * engine.
 *
 * @author Session Engines contributors
 * @since 0.4.0
 * @see EngineReactiveSessionRegistry
 */
public final class InvalidateLeastRecentlySeenSessionsHandler implements ServerMaximumSessionsExceededHandler {

	@Override
	public Mono<Void> handle(MaximumSessionsContext context) {
		List<ReactiveSessionInformation> sessions = context.getSessions();
		int excess = sessions.size() - context.getMaximumSessionsAllowed() + 1;
		return Flux.fromIterable(sessions)
			.sort(Comparator.comparing(ReactiveSessionInformation::getLastAccessTime))
			.take(Math.max(excess, 0))
			.concatMap(ReactiveSessionInformation::invalidate)
			.then();
	}

}
