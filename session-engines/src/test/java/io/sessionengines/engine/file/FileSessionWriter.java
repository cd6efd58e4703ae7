package io.sessionengines.engine.file;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.sessionengines.engine.SessionCodec;
import io.sessionengines.engine.SessionExpiry;
import io.sessionengines.serializer.JsonSessionSerializer;
import io.sessionengines.session.SessionKeys;
import io.sessionengines.signing.TimestampSigner;
import org.jspecify.annotations.Nullable;

/**
 * A program that writes big sessions with the {@code file} engine in a loop until it is
 * killed, for {@link FileSessionEngineTests}' killed-writer test: it creates
 * {@value #SESSIONS} sessions, then keeps updating them in turn, and prints {@code saved}
 * after each save.
 *
 * @author Session Engines contributors
 */
public final class FileSessionWriter {

	static final String SECRET_KEY = "killed-writer-secret";

	static final String SALT = SessionCodec.STORED_DATA_SALT;

	static final String PREFIX = "sessionid";

	static final int SESSIONS = 4;

	/**
	 * The bound on session data for the tests that write sessions of several megabytes.
	 */
	static final int LARGE_SESSIONS = 16 * 1024 * 1024;

	private FileSessionWriter() {
	}

	/**
	 * Write sessions until killed.
	 * @param arguments the session directory
	 */
	public static void main(String[] arguments) {
		Clock clock = Clock.systemUTC();
		SessionExpiry expiry = new SessionExpiry(Duration.ofDays(1), false, clock);
		FileSessionEngine engine = new FileSessionEngine(Path.of(arguments[0]), PREFIX, codec(clock), expiry);
		List<String> keys = new ArrayList<>();
		for (long round = 0;; round++) {
			boolean create = keys.size() < SESSIONS;
			String key = create ? SessionKeys.generate() : keys.get((int) (round % SESSIONS));
			engine.save(key, session(round), Instant.now().plus(Duration.ofDays(1)), create);
			if (create) {
				keys.add(key);
			}
			System.out.println("saved");
			System.out.flush();
		}
	}

	static SessionCodec codec(Clock clock) {
		// sessions of several megabytes make a write slow enough to be killed in the
		// middle
		return new SessionCodec(new JsonSessionSerializer(), new TimestampSigner(SECRET_KEY, List.of(), SALT, clock),
				LARGE_SESSIONS);
	}

	/**
	 * Return the data of the session saved in a round: big, and checkable on its own.
	 * @param round the round
	 * @return the data
	 */
	static Map<String, @Nullable Object> session(long round) {
		Map<String, @Nullable Object> data = new LinkedHashMap<>();
		data.put("round", round);
		data.put("payload", payload(round));
		return data;
	}

	static String payload(long round) {
		StringBuilder payload = new StringBuilder(4 * 1024 * 1024);
		String line = "round " + round + " of the killed writer;";
		while (payload.length() < 4 * 1024 * 1024) {
			payload.append(line);
		}
		return payload.toString();
	}

}
