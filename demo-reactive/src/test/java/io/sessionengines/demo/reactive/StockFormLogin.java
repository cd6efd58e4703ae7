package io.sessionengines.demo.reactive;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.sessionengines.demo.DemoHttp;
import io.sessionengines.demo.Reply;
import io.sessionengines.demo.SetCookie;
import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Security WebFlux's stock login page and form, as a browser uses them: the page
 * stores its CSRF token in a session, and the form posts it back with the credentials.
 *
 * @author Session Engines contributors
 */
final class StockFormLogin {

	private static final Pattern CSRF_VALUE = Pattern.compile(
			"<input[^>]*\\bname=\"_csrf\"[^>]*\\bvalue=\"([^\"]+)\"|<input[^>]*\\bvalue=\"([^\"]+)\"[^>]*\\bname=\"_csrf\"");

	private StockFormLogin() {
	}

	/**
	 * Return the login page.
	 * @param http the application
	 * @param cookie the session cookie's value, or {@code null}
	 * @return the page
	 */
	static Reply page(DemoHttp http, @Nullable String cookie) {
		Reply page = http.get("/login", cookie);
		assertThat(page.status()).as(page.toString()).isEqualTo(200);
		return page;
	}

	/**
	 * Post the login form of a page with the session the page was served with.
	 * @param http the application
	 * @param page the login page
	 * @param cookie the session cookie's value the page was asked with, or {@code null}
	 * @param username the username
	 * @param password the password
	 * @return the reply
	 */
	static Reply post(DemoHttp http, Reply page, @Nullable String cookie, String username, String password) {
		SetCookie pageCookie = page.sessionCookie();
		String session = (pageCookie != null) ? pageCookie.value() : cookie;
		return http.postForm("/login",
				DemoHttp.form("username", username, "password", password, "_csrf", csrfToken(page)), session);
	}

	/**
	 * Log in through the page and the form, and return the session cookie of the login.
	 * @param http the application
	 * @param cookie the session cookie's value to log in with, or {@code null}
	 * @param username the username
	 * @param password the password
	 * @return the session cookie's value after the login
	 */
	static String logIn(DemoHttp http, @Nullable String cookie, String username, String password) {
		Reply login = post(http, page(http, cookie), cookie, username, password);
		assertThat(login.status()).as(login.toString()).isEqualTo(302);
		assertThat(login.location()).as(login.toString()).doesNotContain("error");
		assertThat(login.sessionCookie()).as(login.toString()).isNotNull();
		return login.newSessionCookie();
	}

	/**
	 * Return the CSRF token of a page's form.
	 * @param page the page
	 * @return the token
	 */
	static String csrfToken(Reply page) {
		Matcher csrf = CSRF_VALUE.matcher(page.body());
		assertThat(csrf.find()).as("a _csrf input in %s", page.body()).isTrue();
		return (csrf.group(1) != null) ? csrf.group(1) : csrf.group(2);
	}

}
