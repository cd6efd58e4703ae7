package io.sessionengines.autoconfigure;

import javax.sql.DataSource;

import io.sessionengines.django.DjangoLoginBridge;
import io.sessionengines.django.DjangoPrincipalResolver;
import io.sessionengines.engine.SessionEngine;
import io.sessionengines.engine.SessionExpiry;
import io.sessionengines.engine.db.SchemaScript;
import io.sessionengines.registry.JdbcSessionRegistryStore;
import io.sessionengines.registry.RevocationList;
import io.sessionengines.registry.SessionEndListener;
import io.sessionengines.registry.SessionRegistryStore;
import io.sessionengines.registry.SessionTracker;
import io.sessionengines.registry.UserSessions;
import io.sessionengines.security.ConcurrentSessionControlPostProcessor;
import io.sessionengines.security.EngineReactiveSessionRegistry;
import io.sessionengines.security.EngineSessionRegistry;
import io.sessionengines.security.SecurityContextPrincipalResolver;
import io.sessionengines.web.SessionPrincipalResolver;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.session.ReactiveSessionRegistry;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.web.authentication.session.ConcurrentSessionControlAuthenticationStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.server.authentication.ServerMaximumSessionsExceededHandler;

/**
 * The registry of each user's sessions ({@code session.registry.*}): its store, the API
 * ({@link UserSessions}), the tracker that keeps it in step with the sessions, and, with
 * Spring Security, a {@code SessionRegistry} (a {@code ReactiveSessionRegistry} in a
 * reactive application) and the user read from a session's security context.
 *
 * @author Session Engines contributors
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "session.registry.enabled", matchIfMissing = true)
@ConditionalOnBean(SessionEngine.class)
@Import({ SessionRegistryConfiguration.JdbcRegistrySchemaConfiguration.class,
		SessionRegistryConfiguration.SpringSecurityConfiguration.class,
		SessionRegistryConfiguration.ReactiveSpringSecurityConfiguration.class })
class SessionRegistryConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SessionRegistryStore sessionRegistryStore(SessionEngineProperties properties, ListableBeanFactory beanFactory) {
		return SessionRegistryStores.create(properties, beanFactory);
	}

	@Bean
	@ConditionalOnMissingBean
	RevocationList sessionRevocationList(SessionRegistryStore store) {
		return new RevocationList(store, SessionEngineAutoConfiguration.CLOCK);
	}

	@Bean
	@ConditionalOnMissingBean
	UserSessions userSessions(SessionRegistryStore store, SessionEngine engine, SessionExpiry expiry,
			RevocationList revocations, ObjectProvider<SessionEndListener> endListener) {
		UserSessions userSessions = new UserSessions(store, engine, expiry, revocations);
		endListener.ifUnique(userSessions::setEndListener);
		return userSessions;
	}

	@Bean
	@ConditionalOnMissingBean
	SessionTracker sessionTracker(SessionRegistryStore store, UserSessions userSessions, SessionEngine engine,
			SessionExpiry expiry, RevocationList revocations) {
		return new SessionTracker(store, userSessions, engine, expiry, revocations);
	}

	@Bean
	SessionRegistryMaintenance sessionRegistryMaintenance(SessionRegistryStore store, UserSessions userSessions,
			RevocationList revocations, SessionEngine engine, SessionEngineProperties properties) {
		SessionEngineProperties.Registry registry = properties.getRegistry();
		boolean sharedRevocations = engine.isKeyPayload() && !store.isInProcess();
		return new SessionRegistryMaintenance(store, userSessions, revocations,
				sharedRevocations ? registry.getRevocationRefresh() : null, registry.getPurgeInterval());
	}

	/**
	 * The registry's tables, when its store is the database: created at start-up by
	 * Spring Boot's database initialization as {@code session.db.initialize-schema} says,
	 * or checked, before the store is created.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ JdbcTemplate.class, DataSourceScriptDatabaseInitializer.class })
	@ConditionalOnSingleCandidate(DataSource.class)
	@ConditionalOnMissingBean(SessionRegistryStore.class)
	@Conditional(OnJdbcRegistryStoreCondition.class)
	@Import(DatabaseInitializationDependencyConfigurer.class)
	static class JdbcRegistrySchemaConfiguration {

		@Bean
		SessionSchemaInitializer sessionRegistrySchemaInitializer(DataSource dataSource,
				SessionEngineProperties properties) {
			SchemaScript script = SchemaScript.registryTables(JdbcSessionRegistryStore.DEFAULT_TABLE_PREFIX);
			return new SessionSchemaInitializer(dataSource, script, script.getLocation(),
					properties.getDb().getInitializeSchema(), "session registry's tables " + script.getTables());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ SessionRegistry.class, ConcurrentSessionControlAuthenticationStrategy.class,
			HttpSessionSecurityContextRepository.class })
	static class SpringSecurityConfiguration {

		@Bean
		@ConditionalOnMissingBean(SessionRegistry.class)
		EngineSessionRegistry engineSessionRegistry(UserSessions userSessions) {
			return new EngineSessionRegistry(userSessions);
		}

		@Bean
		static ConcurrentSessionControlPostProcessor concurrentSessionControlPostProcessor(
				ObjectProvider<SessionRegistry> registry) {
			return new ConcurrentSessionControlPostProcessor(registry);
		}

		@Bean
		@ConditionalOnMissingBean
		SessionPrincipalResolver sessionPrincipalResolver(ObjectProvider<DjangoLoginBridge> bridge) {
			return new DjangoPrincipalResolver(new SecurityContextPrincipalResolver(), bridge.getIfAvailable());
		}

	}

	/**
	 * Spring Security WebFlux's concurrent-session control on the registry, atomic: its
	 * {@code ReactiveSessionRegistry}, which {@code ServerHttpSecurity} takes from the
	 * context.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	@ConditionalOnClass({ ReactiveSessionRegistry.class, ServerMaximumSessionsExceededHandler.class })
	static class ReactiveSpringSecurityConfiguration {

		@Bean
		@ConditionalOnMissingBean(ReactiveSessionRegistry.class)
		EngineReactiveSessionRegistry engineReactiveSessionRegistry(UserSessions userSessions,
				ObjectProvider<SessionPrincipalResolver> principalResolver) {
			return new EngineReactiveSessionRegistry(userSessions,
					principalResolver.getIfUnique(SecurityContextPrincipalResolver::new), Schedulers.boundedElastic());
		}

	}

}
