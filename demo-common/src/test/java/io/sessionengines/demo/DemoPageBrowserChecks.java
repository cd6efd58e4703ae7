package io.sessionengines.demo;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import io.sessionengines.testsupport.TestBackends;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The demo page in a real browser, on both demos: Debian's headless Chromium driven
 * through its ChromeDriver logs in by form and by JSON, counts visits, sets a key, cycles
 * the key, logs out, and checks the session cookie the browser keeps; it lists alice's
 * sessions, with a second device logged in through the JSON API, and ends them from the
 * page. Skipped with a message on a machine without {@code chromium} and
 * {@code chromium-driver}, unless the test backends are required
 * ({@value TestBackends#REQUIRE_SERVICES}, as on CI).
 * <p>
 * The browser test class of each demo extends this class and starts its demo application
 * on a random port with the {@code db} engine on an in-memory H2 database of its own
 * ({@code @SpringBootTest(classes = ..., webEnvironment = RANDOM_PORT)}).
 *
 * @author Session Engines contributors
 */
public abstract class DemoPageBrowserChecks {

	private static final File CHROMIUM = new File("/usr/bin/chromium");

	private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

	private static final String FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

	private static final String ALICE = "{\"username\":\"alice\",\"password\":\"wonderland\"}";

	private static final HttpClient client = HttpClient.newBuilder()
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	/**
	 * One browser per test class: starting Chromium costs seconds, more than a test.
	 */
	private static @Nullable WebDriver browser;

	@LocalServerPort
	private int port;

	private DemoHttp http;

	@BeforeAll
	static void startBrowser() {
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
		browser = new ChromeDriver(service, options);
	}

	@AfterAll
	static void stopBrowser() {
		if (browser != null) {
			browser.quit();
			browser = null;
		}
	}

	/**
	 * Start each test as a new visitor: no cookie of the test before, on a blank page.
	 */
	@BeforeEach
	void forgetTheTestBefore() {
		this.http = new DemoHttp(this.port);
		open("/api/me");
		browser().manage().deleteAllCookies();
		assertThat(browser().manage().getCookies()).isEmpty();
		browser().get("about:blank");
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
		browser().findElement(By.id("key")).sendKeys("color");
		browser().findElement(By.id("value")).sendKeys("\"blue\"");
		browser().findElement(By.cssSelector("#set-form button")).click();
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
		assertThat(browser().manage().getCookieNamed("sessionid")).as("logout deletes the cookie").isNull();
		assertNoServletSession();
	}

	@Test
	void formLoginLogsTheBrowserIn() {
		open("/login");
		browser().findElement(By.name("username")).sendKeys("alice");
		browser().findElement(By.name("password")).sendKeys("wonderland");
		browser().findElement(By.cssSelector("button[type=submit]")).click();
		waitFor((page) -> text("user").equals("Logged in as alice."));
		assertThat(sessionCookie().isHttpOnly()).isTrue();
		assertNoServletSession();
	}

	@Test
	void theSessionsPanelListsAnotherDeviceAndEndsIt() {
		endEverySessionOfAlice();
		open("/");
		waitFor((page) -> text("user").startsWith("Not logged in"));
		assertThat(displayed("sessions-body")).as("the panel is hidden when anonymous").isFalse();
		assertThat(displayed("sessions-note")).isTrue();
		click("login-alice");
		waitFor((page) -> sessionRows().size() == 1);
		assertThat(displayed("sessions-note")).isFalse();
		String pageCookie = sessionCookie().getValue();
		String laptop = logInElsewhere(FIREFOX);
		open("/");
		waitFor((page) -> sessionRows().size() == 2);
		List<WebElement> rows = sessionRows();
		assertThat(rows).filteredOn(DemoPageBrowserChecks::isThisDevice).hasSize(1);
		WebElement mine = rows.stream().filter(DemoPageBrowserChecks::isThisDevice).findFirst().get();
		assertThat(cells(mine).get(0).getText()).isEqualTo("Chrome on Linux this device");
		assertThat(mine.findElements(By.className("end"))).as("no End button on this device").isEmpty();
		WebElement other = rows.stream().filter((row) -> !isThisDevice(row)).findFirst().get();
		List<WebElement> cells = cells(other);
		assertThat(cells.get(0).getText()).isEqualTo("Firefox on Linux");
		assertThat(cells.get(0).getDomAttribute("title")).isEqualTo(FIREFOX);
		assertThat(cells.get(1).getText()).isEqualTo("127.0.0.1");
		assertThat(cells.get(2).getText()).isEqualTo("just now");
		assertThat(Instant.parse(cells.get(2).getDomAttribute("title"))).isBefore(Instant.now().plusSeconds(5));
		other.findElement(By.className("end")).click();
		waitFor((page) -> text("status").equals("Session ended: that device is logged out."));
		assertThat(sessionRows()).singleElement().satisfies((row) -> assertThat(isThisDevice(row)).isTrue());
		assertThat(this.http.get("/api/me", laptop).status()).as("the ended device is anonymous").isEqualTo(401);
		assertThat(this.http.get("/api/me", pageCookie).status()).as("the page is still logged in").isEqualTo(200);
		assertThat(text("user")).isEqualTo("Logged in as alice.");
		assertNoServletSession();
	}

	@Test
	void logOutOtherSessionsEndsEveryOtherDevice() {
		endEverySessionOfAlice();
		open("/");
		click("login-alice");
		waitFor((page) -> sessionRows().size() == 1);
		String laptop = logInElsewhere(FIREFOX);
		String phone = logInElsewhere("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 "
				+ "(KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36");
		open("/");
		waitFor((page) -> sessionRows().size() == 3);
		assertThat(sessionRows()).extracting((row) -> cells(row).get(0).getText())
			.containsExactlyInAnyOrder("Chrome on Linux this device", "Firefox on Linux", "Chrome on Android");
		click("revoke-others");
		waitFor((page) -> text("status").equals("Logged out 2 other sessions."));
		assertThat(sessionRows()).singleElement().satisfies((row) -> assertThat(isThisDevice(row)).isTrue());
		assertThat(this.http.get("/api/me", laptop).status()).isEqualTo(401);
		assertThat(this.http.get("/api/me", phone).status()).isEqualTo(401);
		assertThat(text("user")).isEqualTo("Logged in as alice.");
		assertNoServletSession();
	}

	@Test
	void logOutEverywhereLogsThePageAndEveryOtherDeviceOut() {
		endEverySessionOfAlice();
		open("/");
		click("login-alice");
		waitFor((page) -> sessionRows().size() == 1);
		String pageCookie = sessionCookie().getValue();
		String laptop = logInElsewhere(FIREFOX);
		open("/");
		waitFor((page) -> sessionRows().size() == 2);
		click("logout-everywhere");
		waitFor((page) -> text("status").equals("Logged out everywhere: every session of yours has ended."));
		assertThat(text("user")).startsWith("Not logged in");
		assertThat(displayed("sessions-body")).isFalse();
		assertThat(displayed("sessions-note")).isTrue();
		assertThat(sessionRows()).isEmpty();
		assertThat(this.http.get("/api/me", laptop).status()).as("the other device").isEqualTo(401);
		assertThat(this.http.get("/api/me", pageCookie).status()).as("the page's cookie, replayed").isEqualTo(401);
		String fresh = this.http.post("/api/login", ALICE, null).newSessionCookie();
		assertThat(this.http.get("/api/sessions", fresh).json()).as("alice's sessions after a new login").hasSize(1);
		assertNoServletSession();
	}

	@Test
	void aHostileUserAgentIsShownAsText() {
		endEverySessionOfAlice();
		String hostile = "<img src=x onerror=alert(1)>";
		logInElsewhere(hostile);
		open("/");
		click("login-alice");
		waitFor((page) -> sessionRows().size() == 2);
		assertThat(sessionRows()).extracting((row) -> cells(row).get(0).getText()).contains(hostile);
		assertThat(browser().findElements(By.cssSelector("#sessions-panel img"))).isEmpty();
	}

	/**
	 * Give alice no live session, whatever the tests before left: the tests of her
	 * sessions count them.
	 */
	private void endEverySessionOfAlice() {
		String cookie = this.http.post("/api/login", ALICE, null).newSessionCookie();
		assertThat(this.http.postAs("/api/logout?everywhere=true", "", null, cookie).status()).isEqualTo(204);
	}

	/**
	 * Log alice in through the JSON API as another device would.
	 * @param userAgent the device's {@code User-Agent}
	 * @return the device's session cookie
	 */
	private String logInElsewhere(String userAgent) {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/api/login"))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.header("User-Agent", userAgent)
			.POST(BodyPublishers.ofString(ALICE))
			.build();
		try {
			Reply reply = new Reply(client.send(request, BodyHandlers.ofString())).assertNoServletSession();
			assertThat(reply.status()).as("login of %s", userAgent).isEqualTo(200);
			return reply.newSessionCookie();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private List<WebElement> sessionRows() {
		return browser().findElements(By.cssSelector("#sessions tr"));
	}

	private static List<WebElement> cells(WebElement row) {
		return row.findElements(By.tagName("td"));
	}

	private static boolean isThisDevice(WebElement row) {
		return !row.findElements(By.className("this-device")).isEmpty();
	}

	private boolean displayed(String id) {
		return browser().findElement(By.id(id)).isDisplayed();
	}

	private void open(String path) {
		browser().get("http://localhost:" + this.port + path);
	}

	private void click(String id) {
		browser().findElement(By.id(id)).click();
	}

	private String text(String id) {
		return browser().findElement(By.id(id)).getText();
	}

	private void waitFor(Function<WebDriver, Boolean> condition) {
		new WebDriverWait(browser(), Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
			.until(condition);
	}

	private Cookie sessionCookie() {
		Cookie cookie = browser().manage().getCookieNamed("sessionid");
		assertThat(cookie).as("the browser keeps a sessionid cookie").isNotNull();
		return cookie;
	}

	private static WebDriver browser() {
		assertThat(browser).as("the browser").isNotNull();
		return browser;
	}

	private void assertNoServletSession() {
		Set<Cookie> cookies = browser().manage().getCookies();
		assertThat(cookies).extracting(Cookie::getName).doesNotContain("JSESSIONID");
	}

}
