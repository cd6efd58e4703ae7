package io.sessionengines.demo.django;

/**
 * Sessions shared with Django on the {@code db} engine without the login bridge: the two
 * applications' logins are kept apart, and Django's login rule still holds across both,
 * so one session never names two users.
 *
 * @author Session Engines contributors
 */
public abstract class DbEngineWithoutLoginBridgeDjangoInterop extends DjangoInteropSuite {

	@Override
	String engine() {
		return "db";
	}

	@Override
	boolean sharesLogins() {
		return false;
	}

}
