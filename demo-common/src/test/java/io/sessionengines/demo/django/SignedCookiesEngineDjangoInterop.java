package io.sessionengines.demo.django;

/**
 * Sessions shared with Django on the {@code signed_cookies} engine: the cookie is the
 * session, signed with the shared secret key.
 * <p>
 * Django's signed cookies enforce no custom expiry, only the cookie age counted from the
 * signature (Django ticket #19201): Django still reads a session the demo has expired.
 *
 * @author Session Engines contributors
 */
public abstract class SignedCookiesEngineDjangoInterop extends DjangoInteropSuite {

	@Override
	String engine() {
		return "signed_cookies";
	}

	@Override
	boolean cookieIsTheData() {
		return true;
	}

	@Override
	boolean djangoEnforcesSecondsExpiry() {
		return false;
	}

	@Override
	boolean djangoEnforcesDateExpiry() {
		return false;
	}

}
