package io.sessionengines.engine.file;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import io.sessionengines.engine.SessionExpiry;
import io.sessionengines.serializer.JsonSessionSerializer;
import io.sessionengines.session.Session;
import io.sessionengines.session.SessionFactory;

/**
 * A second process on a session directory, for the test that concurrent saves in two
 * processes never lose each other's changes: as requests do, it loads one session and
 * sets one key of its own, many times, each in a fresh session object. It prints
 * {@code ready}, waits for a line on its input, then prints {@code done} and the number
 * of save conflicts it met.
 *
 * @author Session Engines contributors
 */
public final class FileSessionKeyWriter {

	private FileSessionKeyWriter() {
	}

	/**
	 * Set keys on a session.
	 * @param arguments the session directory, the session key, the start of the keys to
	 * set, and how many to set
	 * @throws Exception if the input cannot be read
	 */
	public static void main(String[] arguments) throws Exception {
		Clock clock = Clock.systemUTC();
		SessionExpiry expiry = new SessionExpiry(Duration.ofDays(1), false, clock);
		FileSessionEngine engine = new FileSessionEngine(Path.of(arguments[0]), FileSessionWriter.PREFIX,
				FileSessionWriter.codec(clock), expiry);
		SessionFactory sessions = new SessionFactory(engine, expiry, new JsonSessionSerializer());
		String key = arguments[1];
		String prefix = arguments[2];
		int count = Integer.parseInt(arguments[3]);
		System.out.println("ready");
		System.out.flush();
		System.in.read();
		for (int i = 0; i < count; i++) {
			Session session = sessions.open(key);
			session.set(prefix + i, i);
			session.save();
		}
		System.out.println("done " + sessions.getSaveConflicts());
		System.out.flush();
	}

}
