package io.sessionengines.demo;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

import io.sessionengines.engine.SessionEngine;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The {@code clearsessions} command (Django's {@code manage.py clearsessions}): starts
 * the application without a web server, asks the configured {@link SessionEngine} to
 * remove the expired sessions, prints how many it removed, and stops.
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
public final class ClearSessionsCommand {

	/**
	 * The argument that asks for the command.
	 */
	public static final String NAME = "clearsessions";

	private static final String DEFAULT_ENGINE = "db";

	private ClearSessionsCommand() {
	}

	/**
	 * Return whether the arguments ask for the command: {@value #NAME} is the only
	 * argument that is not a {@code --name=value} setting.
	 * @param args the command-line arguments
	 * @return whether to run the command
	 */
	public static boolean isRequested(String[] args) {
		List<String> commands = Arrays.stream(args).filter((arg) -> !arg.startsWith("--")).toList();
		return commands.equals(List.of(NAME));
	}

	/**
	 * Run the command.
	 * @param applicationClass the demo's application class, whose configuration gives the
	 * session engine
	 * @param args the command-line arguments, settings included
	 * @param out where to print the result
	 * @return the exit code
	 */
	public static int run(Class<?> applicationClass, String[] args, PrintStream out) {
		SpringApplication application = new SpringApplication(applicationClass);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setBannerMode(Banner.Mode.OFF);
		ConfigurableApplicationContext context = application.run(args);
		try {
			clearExpired(context, out);
		}
		catch (RuntimeException ex) {
			SpringApplication.exit(context);
			throw ex;
		}
		return SpringApplication.exit(context);
	}

	private static void clearExpired(ConfigurableApplicationContext context, PrintStream out) {
		OptionalLong removed = context.getBean(SessionEngine.class).clearExpired();
		if (removed.isPresent()) {
			out.println("Removed " + removed.getAsLong() + " expired session(s).");
		}
		else {
			String engine = context.getEnvironment().getProperty("session.engine", DEFAULT_ENGINE);
			out.println("The '" + engine + "' session engine expires sessions by itself; nothing to do.");
		}
		out.flush();
	}

}
