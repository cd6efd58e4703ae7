package io.sessionengines.demo;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The demo application. Run with the single argument {@code clearsessions} it purges the
 * expired sessions and exits, as Django's {@code manage.py clearsessions} does; otherwise
 * it serves the demo API and page.
 *
 * @author Session Engines contributors
 * @since 0.1.0
 */
@SpringBootApplication
public class DemoApplication {

	/**
	 * Start the application, or run {@code clearsessions} and exit.
	 * @param args the command-line arguments
	 */
	public static void main(String[] args) {
		if (ClearSessionsCommand.isRequested(args)) {
			System.exit(ClearSessionsCommand.run(DemoApplication.class, args, System.out));
		}
		SpringApplication.run(DemoApplication.class, args);
	}

}
