package io.sessionengines.registry;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import io.sessionengines.engine.MutableClock;
import io.sessionengines.engine.SessionEngine;
import io.sessionengines.engine.SessionExpiry;
import io.sessionengines.session.SessionFactory;
import io.sessionengines.testsupport.TypedTestValues;

/**
 * What the registry's contract on an engine runs against: the engine, its clock and
 * expiry, and the registry's store as two instances of an application see it.
 *
 * @param engine the engine
 * @param expiry its expiry rules
 * @param clock its clock
 * @param store the registry's store
 * @param secondStore the registry's store as a second instance sees it (the same object
 * for a store that lives in one process)
 * @param advance moves the time of the engine's storage and of the clock
 * @author Session Engines contributors
 */
public record RegistryFixture(SessionEngine engine, SessionExpiry expiry, MutableClock clock,
		SessionRegistryStore store, SessionRegistryStore secondStore, Consumer<Duration> advance) {

	/**
	 * Start an instance of an application on the registry's first store.
	 * @return the instance
	 */
	public Instance first() {
		return new Instance(this.store);
	}

	/**
	 * Start a second instance of an application, on the registry's second store.
	 * @return the instance
	 */
	public Instance second() {
		return new Instance(this.secondStore);
	}

	/**
	 * One instance of an application: its sessions, registry and revocation list.
	 */
	public final class Instance {

		/**
		 * The instance's list of revoked sessions.
		 */
		public final RevocationList revocations;

		/**
		 * The instance's view of each user's sessions.
		 */
		public final UserSessions userSessions;

		/**
		 * Records the instance's session changes in the registry.
		 */
		public final SessionTracker tracker;

		/**
		 * Opens the instance's sessions.
		 */
		public final SessionFactory sessions;

		/**
		 * The registry store the instances share.
		 */
		public final SessionRegistryStore store;

		Instance(SessionRegistryStore store) {
			this.store = store;
			this.revocations = new RevocationList(store, RegistryFixture.this.clock);
			this.userSessions = new UserSessions(store, RegistryFixture.this.engine, RegistryFixture.this.expiry,
					this.revocations);
			this.tracker = new SessionTracker(store, this.userSessions, RegistryFixture.this.engine,
					RegistryFixture.this.expiry, this.revocations);
			this.sessions = new SessionFactory(RegistryFixture.this.engine, RegistryFixture.this.expiry,
					TypedTestValues.serializer());
			this.sessions.setListeners(List.of(this.tracker));
		}

	}

}
