package io.sessionengines.autoconfigure;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Tests that each misconfiguration stops the application with Spring Boot's "APPLICATION
 * FAILED TO START" report, saying what is wrong and what to do.
 *
 * @author Session Engines contributors
 */
class FailureReportTests {

	private static final String SECRET = "--session.secret-key=k3y-0f-f0rty-tw0-ch4racters-f0r-th3-t3sts";

	@Test
	void unknownEngineListsTheValidOnes() {
		String report = failureReport(WithDataSource.class, SECRET, "--session.engine=postgres");
		assertThat(report).contains("session.engine")
			.contains("Unknown session engine 'postgres'")
			.contains("db, file, cache, cached_db, signed_cookies");
	}

	@Test
	void missingSecretKeySaysHowToSetOne() {
		String report = failureReport(WithDataSource.class);
		assertThat(report).contains("Description:")
			.contains("No secret key is configured, but the 'db' session engine signs session data.")
			.contains("Action:")
			.contains("Set session.secret-key (environment variable SESSION_SECRET_KEY)");
	}

	@Test
	void shortSecretKeySaysHowLongItMustBe() {
		String report = failureReport(WithDataSource.class, "--session.secret-key=short");
		assertThat(report).contains("has 5 characters").contains("needs at least 32");
	}

	@Test
	void unresolvedPlaceholderAsTheKeyIsRefused() {
		// what session.secret-key=${SESSION_SECRET_KEY} gives when the variable is unset
		String report = failureReport(WithDataSource.class,
				"--session.secret-key=${SESSION_SECRET_KEY_OF_THIS_APPLICATION_IN_PRODUCTION}");
		assertThat(report).contains("session.secret-key contains an unresolved placeholder")
			.contains("SESSION_SECRET_KEY environment variable");
	}

	@Test
	void theDemosPublishedKeyIsRefusedOutsideTheDemo() {
		String report = failureReport(WithDataSource.class, "--session.secret-key=" + SessionSigners.DEMO_SECRET_KEY);
		assertThat(report).contains("session.secret-key is the development key published with the demo")
			.doesNotContain(SessionSigners.DEMO_SECRET_KEY);
	}

	@Test
	void theDemosPublishedKeyAsAFallbackIsRefusedToo() {
		String report = failureReport(WithDataSource.class, SECRET,
				"--session.secret-key-fallbacks=" + SessionSigners.DEMO_SECRET_KEY);
		assertThat(report).contains("One of session.secret-key-fallbacks is the development key published");
	}

	@Test
	void theDemoMayUseItsPublishedKey() {
		new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(SessionEngineAutoConfiguration.class))
			.withPropertyValues("session.secret-key=" + SessionSigners.DEMO_SECRET_KEY,
					"session.allow-demo-secret-key=true", "session.engine=signed_cookies")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void keyOfVeryFewDistinctCharactersIsRefused() {
		String report = failureReport(WithDataSource.class, "--session.secret-key=" + "ab".repeat(30));
		assertThat(report).contains("fewer than 5 distinct characters");
	}

	@Test
	void dbWithoutDataSourceNamesTheDependency() {
		String report = failureReport(WithoutDataSource.class, SECRET);
		assertThat(report).contains("The 'db' session engine needs spring-jdbc and a single (or @Primary) DataSource")
			.contains("Add spring-boot-starter-jdbc and a JDBC driver");
	}

	@Test
	void redisCacheWithoutRedisNamesTheStarter() {
		String report = failureReport(WithoutDataSource.class, SECRET, "--session.engine=cache",
				"--session.cache-alias=redis");
		assertThat(report).contains("uses the 'redis' session cache, which is not available")
			.contains("Add spring-boot-starter-data-redis");
	}

	@Test
	void unwritableFilePathSaysWhichDirectory(@TempDir Path directory) {
		Path missing = directory.resolve("missing");
		String report = failureReport(WithoutDataSource.class, SECRET, "--session.engine=file",
				"--session.file.path=" + missing);
		assertThat(report).contains(missing.toString())
			.contains("not a writable directory")
			.contains("set session.file.path (SESSION_FILE_PATH)");
	}

	@Test
	void hostPrefixedCookieMustBeSecureWithRootPathAndNoDomain() {
		new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(SessionEngineAutoConfiguration.class))
			.withPropertyValues(SECRET.substring(2), "session.engine=signed_cookies",
					"session.cookie.name=__Host-session")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new SessionConfigurationFailureAnalyzer()
					.analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).contains("has the __Host- prefix")
					.contains("session.cookie.secure=false");
				assertThat(analysis.getAction()).contains("Set session.cookie.secure=true");
			});
	}

	@Test
	void hostPrefixedCookieThatBrowsersAcceptStarts() {
		new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(SessionEngineAutoConfiguration.class))
			.withPropertyValues(SECRET.substring(2), "session.engine=signed_cookies",
					"session.cookie.name=__Host-session", "session.cookie.secure=true")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	/**
	 * Run the application and return its failure report, as printed: the output is kept
	 * from the console, so that a green build shows no failure banners.
	 */
	private static String failureReport(Class<?> configuration, String... args) {
		SpringApplication application = new SpringApplication(configuration);
		application.setWebApplicationType(WebApplicationType.NONE);
		String[] arguments = new String[args.length + 1];
		System.arraycopy(args, 0, arguments, 0, args.length);
		arguments[args.length] = "--spring.main.banner-mode=off";
		ByteArrayOutputStream captured = new ByteArrayOutputStream();
		PrintStream out = System.out;
		PrintStream err = System.err;
		try (PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
			System.setOut(capture);
			System.setErr(capture);
			assertThatException().isThrownBy(() -> application.run(arguments).close());
		}
		finally {
			System.setOut(out);
			System.setErr(err);
		}
		String all = captured.toString(StandardCharsets.UTF_8);
		int start = all.lastIndexOf("APPLICATION FAILED TO START");
		assertThat(start).as("a failure report in the output").isNotNegative();
		return all.substring(start);
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ SessionEngineAutoConfiguration.class, DataSourceAutoConfiguration.class })
	static class WithDataSource {

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(SessionEngineAutoConfiguration.class)
	static class WithoutDataSource {

	}

}
