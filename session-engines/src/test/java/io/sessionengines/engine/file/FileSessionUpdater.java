package io.sessionengines.engine.file;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.sessionengines.engine.SessionExpiry;
import io.sessionengines.engine.SessionUpdateException;

/**
 * A second process on a session directory, for the test that an update in one process
 * never brings back a session another process deleted: it updates each given session in a
 * loop until the update fails because the session was deleted, then goes on with the next
 * one. It prints {@code updating N} when it starts on the N-th key, and {@code deleted N}
 * when that session's update failed.
 *
 * @author Session Engines contributors
 */
public final class FileSessionUpdater {

	private static final Duration GIVE_UP = Duration.ofSeconds(30);

	private FileSessionUpdater() {
	}

	/**
	 * Update sessions until each is deleted.
	 * @param arguments the session directory, then the keys
	 */
	public static void main(String[] arguments) {
		Clock clock = Clock.systemUTC();
		SessionExpiry expiry = new SessionExpiry(Duration.ofDays(1), false, clock);
		FileSessionEngine engine = new FileSessionEngine(Path.of(arguments[0]), FileSessionWriter.PREFIX,
				FileSessionWriter.codec(clock), expiry);
		for (int index = 1; index < arguments.length; index++) {
			System.out.println("updating " + index);
			System.out.flush();
			Instant giveUp = Instant.now().plus(GIVE_UP);
			try {
				for (long round = 0; Instant.now().isBefore(giveUp); round++) {
					engine.save(arguments[index], Map.of("round", round), Instant.now().plus(Duration.ofDays(1)),
							false);
				}
				System.out.println("never deleted " + index);
			}
			catch (SessionUpdateException ex) {
				System.out.println("deleted " + index);
			}
			System.out.flush();
		}
	}

}
