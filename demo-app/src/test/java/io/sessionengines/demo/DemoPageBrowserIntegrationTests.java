package io.sessionengines.demo;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The servlet demo's page in a real browser ({@link DemoPageBrowserChecks}).
 *
 * @author Session Engines contributors
 */
@SpringBootTest(classes = DemoApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.datasource.url=jdbc:h2:mem:demo-page;DB_CLOSE_DELAY=-1")
class DemoPageBrowserIntegrationTests extends DemoPageBrowserChecks {

}
