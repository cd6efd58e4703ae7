package io.sessionengines.django;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.util.Assert;

/**
 * Django's users for Spring Security on WebFlux: a {@link DjangoUserDetailsService} whose
 * blocking JDBC query runs on a scheduler for blocking work, never on an event loop. A
 * username that names no user (or that Spring Security does not take) is an empty result,
 * as a {@link ReactiveUserDetailsService} answers it; any other failure, such as several
 * users with the username, is an error.
 *
 * @author Session Engines contributors
 * @since 0.4.0
 */
public final class DjangoReactiveUserDetailsService implements ReactiveUserDetailsService {

	private final DjangoUserDetailsService users;

	private final Scheduler scheduler;

	/**
	 * Create a service that queries Django's users on Reactor's scheduler for blocking
	 * work ({@link Schedulers#boundedElastic()}).
	 * @param users the users of Django's user table
	 */
	public DjangoReactiveUserDetailsService(DjangoUserDetailsService users) {
		this(users, Schedulers.boundedElastic());
	}

	/**
	 * Create a service.
	 * @param users the users of Django's user table
	 * @param scheduler where the blocking query runs
	 */
	public DjangoReactiveUserDetailsService(DjangoUserDetailsService users, Scheduler scheduler) {
		Assert.notNull(users, "'users' must not be null");
		Assert.notNull(scheduler, "'scheduler' must not be null");
		this.users = users;
		this.scheduler = scheduler;
	}

	@Override
	public Mono<UserDetails> findByUsername(String username) {
		return Mono.<UserDetails>fromCallable(() -> this.users.loadUserByUsername(username))
			.onErrorResume(UsernameNotFoundException.class, (ex) -> Mono.empty())
			.subscribeOn(this.scheduler);
	}

}
