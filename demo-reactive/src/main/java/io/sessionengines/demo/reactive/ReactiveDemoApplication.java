package io.sessionengines.demo.reactive;

import io.sessionengines.demo.ClearSessionsCommand;
import io.sessionengines.demo.HelloController;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The demo application on Spring WebFlux. Run with the single argument
 * {@code clearsessions} it purges the expired sessions and exits, as Django's
 * {@code manage.py clearsessions} does; otherwise it serves the demo API and page.
 * <p>
 * It scans {@code io.sessionengines.demo} so that the controllers that only use the
 * session, shared with the servlet demo, serve this one too.
 *
 * @author Session Engines contributors
 * @since 0.4.0
 */
@SpringBootApplication(scanBasePackageClasses = HelloController.class)
public class ReactiveDemoApplication {

	/**
	 * Start the application, or run {@code clearsessions} and exit.
	 * @param args the command-line arguments
	 */
	public static void main(String[] args) {
		if (ClearSessionsCommand.isRequested(args)) {
			System.exit(ClearSessionsCommand.run(ReactiveDemoApplication.class, args, System.out));
		}
		SpringApplication.run(ReactiveDemoApplication.class, args);
	}

}
