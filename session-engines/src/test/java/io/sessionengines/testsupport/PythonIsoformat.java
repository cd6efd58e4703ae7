package io.sessionengines.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * An instant and how Python's {@code datetime.isoformat()} writes it in UTC, as Django
 * stores a date in session data: the vectors in {@code python/isoformat.txt}, written by
 * {@code python/isoformat.py} (which says how to regenerate them).
 *
 * @param instant the instant, to the microsecond
 * @param python what {@code isoformat()} writes for it
 * @author Session Engines contributors
 */
public record PythonIsoformat(Instant instant, String python) {

	/**
	 * Return the vectors.
	 * @return every vector of the file
	 */
	public static List<PythonIsoformat> vectors() {
		try (InputStream in = PythonIsoformat.class.getResourceAsStream("/python/isoformat.txt")) {
			if (in == null) {
				throw new IllegalStateException("No python/isoformat.txt on the class path");
			}
			BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
			return reader.lines().map((line) -> line.split(" ")).map((fields) -> {
				Instant instant = Instant.ofEpochSecond(Long.parseLong(fields[0]), Long.parseLong(fields[1]) * 1000);
				return new PythonIsoformat(instant, fields[2]);
			}).toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public String toString() {
		return this.python;
	}

}
