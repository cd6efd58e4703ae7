package io.sessionengines.autoconfigure;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Registers, at build time, the reflection a native image needs to read and write the
 * application's typed values: the classes that {@code session.typed-values} names, with
 * the types of their properties, as Jackson binds them. A package ({@code com.example.*})
 * cannot be listed ahead of time: name its classes instead.
 *
 * @author Session Engines contributors
 */
final class TypedValuesAotProcessor implements BeanFactoryInitializationAotProcessor {

	private static final String PROPERTY = "session.typed-values";

	@Override
	public @Nullable BeanFactoryInitializationAotContribution processAheadOfTime(
			ConfigurableListableBeanFactory beanFactory) {
		if (beanFactory.getBeanNamesForType(Environment.class, false, false).length == 0) {
			return null;
		}
		Environment environment = beanFactory.getBean(Environment.class);
		ClassLoader classLoader = beanFactory.getBeanClassLoader();
		Class<?>[] types = Binder.get(environment)
			.bind(PROPERTY, Bindable.listOf(String.class))
			.orElse(List.of())
			.stream()
			.filter((name) -> !name.endsWith(".*") && ClassUtils.isPresent(name, classLoader))
			.map((name) -> ClassUtils.resolveClassName(name, classLoader))
			.toArray(Class<?>[]::new);
		if (types.length == 0) {
			return null;
		}
		return (generationContext, code) -> new BindingReflectionHintsRegistrar()
			.registerReflectionHints(generationContext.getRuntimeHints().reflection(), types);
	}

}
