package io.sessionengines.autoconfigure;

import javax.sql.DataSource;

import io.sessionengines.django.DjangoLoginBridge;
import io.sessionengines.django.DjangoPasswordEncoder;
import io.sessionengines.django.DjangoReactiveUserDetailsService;
import io.sessionengines.django.DjangoSecurityContextAttribute;
import io.sessionengines.django.DjangoSessionAuthHash;
import io.sessionengines.django.DjangoUserDetailsService;
import io.sessionengines.signing.SigningKeyRing;
import io.sessionengines.web.SessionLoginAttribute;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

/**
 * Keeps Spring Security's login consistent with a Django login on a shared session, and,
 * with {@code session.django.auth.enabled}, shares logins with Django through its user
 * table (on WebFlux too, where its users are a {@link ReactiveUserDetailsService} that
 * queries them off the event loop).
 *
 * @author Session Engines contributors
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(HttpSessionSecurityContextRepository.class)
class DjangoLoginConfiguration {

	@Bean
	@ConditionalOnMissingBean(SessionLoginAttribute.class)
	DjangoSecurityContextAttribute djangoSecurityContextAttribute(ObjectProvider<DjangoLoginBridge> bridge) {
		return new DjangoSecurityContextAttribute(bridge.getIfAvailable());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "session.django.auth.enabled", havingValue = "true")
	static class DjangoLoginBridgeConfiguration {

		@Bean
		@ConditionalOnMissingBean
		DjangoUserDetailsService djangoUserDetailsService(ObjectProvider<DataSource> dataSource,
				SessionEngineProperties properties) {
			DataSource source = dataSource.getIfUnique();
			if (source == null) {
				throw new SessionConfigurationException(
						"session.django.auth.enabled=true, but there is no single DataSource to read Django's users "
								+ "from.",
						"Configure the DataSource (spring.datasource.*) of the database that holds Django's "
								+ properties.getDjango().getAuth().getUserTable() + " table, or set "
								+ "session.django.auth.enabled=false.");
			}
			SessionEngineProperties.Django.Auth auth = properties.getDjango().getAuth();
			return new DjangoUserDetailsService(source, auth.getUserTable(), auth.getUsernameColumn());
		}

		@Bean
		@ConditionalOnMissingBean(PasswordEncoder.class)
		DjangoPasswordEncoder djangoPasswordEncoder() {
			return new DjangoPasswordEncoder();
		}

		@Bean
		@ConditionalOnMissingBean
		DjangoLoginBridge djangoLoginBridge(DjangoUserDetailsService users, SessionEngineProperties properties) {
			SigningKeyRing keys = SessionSigners.ring(properties,
					"the Django login bridge (session.django.auth.enabled) checks Django's session auth hashes "
							+ "with it",
					SessionEngineAutoConfiguration.CLOCK);
			if (properties.getDjango().getAuth().getBackends().isEmpty()) {
				throw new SessionConfigurationException("session.django.auth.backends is empty.",
						"List the Django authentication backends whose logins count here, as in Django's "
								+ "AUTHENTICATION_BACKENDS, or leave the property unset for ModelBackend.");
			}
			return new DjangoLoginBridge(users, new DjangoSessionAuthHash(keys, SessionEngineAutoConfiguration.CLOCK),
					properties.getDjango().getAuth().getBackends());
		}

		/**
		 * Django's users for a WebFlux application's authentication, unless the
		 * application has users of its own.
		 */
		@Configuration(proxyBeanMethods = false)
		@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
		@ConditionalOnClass({ ReactiveUserDetailsService.class, Mono.class })
		static class DjangoReactiveUsersConfiguration {

			@Bean
			@ConditionalOnMissingBean(ReactiveUserDetailsService.class)
			DjangoReactiveUserDetailsService djangoReactiveUserDetailsService(DjangoUserDetailsService users) {
				return new DjangoReactiveUserDetailsService(users);
			}

		}

	}

}
