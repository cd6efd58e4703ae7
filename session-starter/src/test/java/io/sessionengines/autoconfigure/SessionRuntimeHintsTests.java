package io.sessionengines.autoconfigure;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.aot.AotServices;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.javapoet.ClassName;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.csrf.DefaultCsrfToken;
import org.springframework.security.web.savedrequest.DefaultSavedRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * Tests for the reflection hints a native image of an application with the starter gets:
 * {@link SessionRuntimeHints} and {@link TypedValuesAotProcessor}, found through
 * {@code META-INF/spring/aot.factories} as the AOT engine finds them.
 *
 * @author Session Engines contributors
 */
class SessionRuntimeHintsTests {

	private final RuntimeHints hints = new RuntimeHints();

	@Test
	void registrarIsFoundThroughAotFactories() {
		assertThat(AotServices.factories().load(RuntimeHintsRegistrar.class))
			.hasAtLeastOneElementOfType(SessionRuntimeHints.class);
		assertThat(AotServices.factories().load(BeanFactoryInitializationAotProcessor.class))
			.hasAtLeastOneElementOfType(TypedValuesAotProcessor.class);
	}

	@Test
	void configurationPropertiesCanBeBound() {
		registerHints();
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(SessionEngineProperties.class, "setEngine"))
			.accepts(this.hints);
		assertThat(
				RuntimeHintsPredicates.reflection().onMethodInvocation(SessionEngineProperties.Cookie.class, "setAge"))
			.accepts(this.hints);
	}

	@Test
	void schemaScriptsCanBeRead() {
		registerHints();
		for (String platform : List.of("h2", "postgresql", "mysql", "mariadb")) {
			assertThat(RuntimeHintsPredicates.resource()
				.forResource("io/sessionengines/engine/db/schema-" + platform + ".sql")).accepts(this.hints);
			assertThat(RuntimeHintsPredicates.resource()
				.forResource("io/sessionengines/registry/schema-registry-" + platform + ".sql")).accepts(this.hints);
		}
	}

	@Test
	void javaTimeValuesCanBeLoadedByName() {
		registerHints();
		assertThat(RuntimeHintsPredicates.reflection().onType(LocalDate.class)).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(ZonedDateTime.class)).accepts(this.hints);
		// the class a session names for ZoneId.of("Europe/Paris")
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(TypeReference.of(ZoneId.of("Europe/Paris").getClass().getName()))).accepts(this.hints);
	}

	@Test
	void springSecurityTypedValuesCanBeBound() {
		registerHints();
		assertThat(RuntimeHintsPredicates.reflection().onType(SecurityContextImpl.class)).accepts(this.hints);
		assertThat(
				RuntimeHintsPredicates.reflection().onMethodInvocation(SecurityContextImpl.class, "getAuthentication"))
			.accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(DefaultSavedRequest.class)).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(DefaultCsrfToken.class)).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(TypeReference.of("org.springframework.security.jackson.CoreJacksonModule"))
			.withMemberCategory(MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS)).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onMethodInvocation(SpringSecurityTypedValues.LoginFailureMixin.class, "getMessage")).accepts(this.hints);
	}

	@Test
	void classesCheckedByNameAreRegistered() {
		registerHints();
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(TypeReference.of("org.springframework.security.jackson.SecurityJacksonModules")))
			.accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(TypeReference.of("org.springframework.jdbc.core.JdbcTemplate"))).accepts(this.hints);
	}

	@Test
	void applicationTypedValuesAreBoundWithTheTypesOfTheirProperties() {
		MockEnvironment environment = new MockEnvironment().withProperty("session.typed-values",
				Basket.class.getName() + ",com.example.*");
		applyTypedValuesProcessor(environment);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Basket.class, "items")).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Item.class, "quantity"))
			.as("a property's type, found by following the typed value's properties")
			.accepts(this.hints);
	}

	@Test
	void noTypedValuesContributeNothing() {
		DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
		beanFactory.registerSingleton("environment", new MockEnvironment());
		assertThat(new TypedValuesAotProcessor().processAheadOfTime(beanFactory)).isNull();
	}

	private void registerHints() {
		new SessionRuntimeHints().registerHints(this.hints, getClass().getClassLoader());
	}

	private void applyTypedValuesProcessor(MockEnvironment environment) {
		DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
		beanFactory.registerSingleton("environment", environment);
		BeanFactoryInitializationAotContribution contribution = new TypedValuesAotProcessor()
			.processAheadOfTime(beanFactory);
		assertThat(contribution).isNotNull();
		DefaultGenerationContext generationContext = new DefaultGenerationContext(
				new ClassNameGenerator(ClassName.get("com.example", "Application")), new InMemoryGeneratedFiles(),
				this.hints);
		contribution.applyTo(generationContext, mock());
	}

	record Basket(String owner, List<Item> items) {
	}

	record Item(String name, int quantity) {
	}

}
