package io.sessionengines.demo;

import java.io.File;
import java.time.Duration;
import java.util.Set;
import java.util.function.Function;

import io.sessionengines.testsupport.TestBackends;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The demo page in a real browser, Debian's headless Chromium driven through its
 * ChromeDriver: log in by form and by JSON, count visits, set a key, cycle the key, log
 * out, and check the session cookie the browser keeps. Skipped with a message on a
 * machine without {@code chromium} and {@code chromium-driver}, unless the test backends
 * are required ({@value TestBackends#REQUIRE_SERVICES}, as on CI).
 *
 * @author Session Engines contributors
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.datasource.url=jdbc:h2:mem:demo-page;DB_CLOSE_DELAY=-1")
class DemoPageBrowserIntegrationTests {

	private static final File CHROMIUM = new File("/usr/bin/chromium");

	private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

	@LocalServerPort
	private int port;

	private WebDriver browser;

	@BeforeEach
	void startBrowser() {
		boolean installed = CHROMIUM.canExecute() && CHROMEDRIVER.canExecute();
		if (!installed && TestBackends.servicesRequired()) {
			fail("Chromium is not installed: apt-get install chromium chromium-driver");
		}
		assumeThat(installed)
			.as("Chromium is not installed (apt-get install chromium chromium-driver): "
					+ "the demo page's browser test is skipped")
			.isTrue();
		ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM)
			.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
					"--disable-background-networking", "--disable-component-update", "--disable-sync",
					"--disable-dev-shm-usage");
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
			.usingAnyFreePort()
			.build();
		this.browser = new ChromeDriver(service, options);
	}

	@AfterEach
	void stopBrowser() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	void thePageDrivesTheSessionAsABrowserKeepsIt() {
		open("/");
		waitFor((page) -> text("engine").equals("db"));
		assertThat(text("cookie")).contains("sessionid").contains("HttpOnly").contains("SameSite=Lax");
		click("visit");
		waitFor((page) -> text("visits").equals("1"));
		click("visit");
		waitFor((page) -> text("visits").equals("2"));
		Cookie session = sessionCookie();
		assertThat(session.isHttpOnly()).isTrue();
		assertThat(session.getSameSite()).isEqualTo("Lax");
		this.browser.findElement(By.id("key")).sendKeys("color");
		this.browser.findElement(By.id("value")).sendKeys("\"blue\"");
		this.browser.findElement(By.cssSelector("#set-form button")).click();
		waitFor((page) -> text("contents").contains("\"color\": \"blue\""));
		click("cycle");
		waitFor((page) -> text("status").startsWith("Same data, new session key"));
		Cookie cycled = sessionCookie();
		assertThat(cycled.getValue()).isNotEqualTo(session.getValue());
		assertThat(text("contents")).contains("\"color\": \"blue\"");
		click("login-alice");
		waitFor((page) -> text("user").equals("Logged in as alice."));
		assertThat(sessionCookie().getValue()).as("the key changes at login").isNotEqualTo(cycled.getValue());
		assertThat(text("visits")).as("anonymous data is kept").isEqualTo("2");
		click("logout");
		waitFor((page) -> text("user").startsWith("Not logged in"));
		assertThat(this.browser.manage().getCookieNamed("sessionid")).as("logout deletes the cookie").isNull();
		assertNoServletSession();
	}

	@Test
	void formLoginLogsTheBrowserIn() {
		open("/login");
		this.browser.findElement(By.name("username")).sendKeys("alice");
		this.browser.findElement(By.name("password")).sendKeys("wonderland");
		this.browser.findElement(By.cssSelector("button[type=submit]")).click();
		waitFor((page) -> text("user").equals("Logged in as alice."));
		assertThat(sessionCookie().isHttpOnly()).isTrue();
		assertNoServletSession();
	}

	private void open(String path) {
		this.browser.get("http://localhost:" + this.port + path);
	}

	private void click(String id) {
		this.browser.findElement(By.id(id)).click();
	}

	private String text(String id) {
		return this.browser.findElement(By.id(id)).getText();
	}

	private void waitFor(Function<WebDriver, Boolean> condition) {
		new WebDriverWait(this.browser, Duration.ofSeconds(10)).until(condition);
	}

	private Cookie sessionCookie() {
		Cookie cookie = this.browser.manage().getCookieNamed("sessionid");
		assertThat(cookie).as("the browser keeps a sessionid cookie").isNotNull();
		return cookie;
	}

	private void assertNoServletSession() {
		Set<Cookie> cookies = this.browser.manage().getCookies();
		assertThat(cookies).extracting(Cookie::getName).doesNotContain("JSESSIONID");
	}

}
