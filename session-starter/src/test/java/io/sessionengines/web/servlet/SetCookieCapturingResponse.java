package io.sessionengines.web.servlet;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.mock.web.MockHttpServletResponse;

/**
 * A mock response that keeps the {@code Set-Cookie} headers exactly as written: the plain
 * mock parses them into cookies and renders them again in its own format.
 *
 * @author Session Engines contributors
 */
class SetCookieCapturingResponse extends MockHttpServletResponse {

	private final List<String> setCookies = new ArrayList<>();

	@Override
	public void addHeader(String name, @Nullable String value) {
		if ("Set-Cookie".equalsIgnoreCase(name)) {
			this.setCookies.add(value);
		}
		super.addHeader(name, value);
	}

	@Override
	public void reset() {
		super.reset();
		this.setCookies.clear();
	}

	List<String> setCookieHeaders() {
		return this.setCookies;
	}

	@Nullable String setCookieHeader() {
		return this.setCookies.isEmpty() ? null : this.setCookies.get(this.setCookies.size() - 1);
	}

}
