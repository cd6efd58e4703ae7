package io.sessionengines.engine.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.sessionengines.engine.AbstractSessionEngineTests;
import io.sessionengines.engine.EncryptedCodecs;
import io.sessionengines.engine.MutableClock;
import io.sessionengines.engine.SessionCodec;
import io.sessionengines.engine.SessionEngine;
import io.sessionengines.engine.SessionExpiry;
import io.sessionengines.signing.TokenCipher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine contract for {@link FileSessionEngine} with its files encrypted.
 *
 * @author Session Engines contributors
 */
class EncryptedFileSessionEngineTests extends AbstractSessionEngineTests {

	@TempDir
	Path directory;

	@Override
	protected SessionEngine createEngine(MutableClock clock, SessionExpiry expiry) {
		FileSessionEngine engine = new FileSessionEngine(this.directory, FileSessionEngineTests.PREFIX,
				EncryptedCodecs.codec(SessionCodec.STORED_DATA_SALT, clock), expiry);
		return new FileSessionEngineTests.ClockStampedEngine(engine, this.directory, clock);
	}

	@Test
	void fileIsEncrypted() throws IOException {
		String key = create(data("user", "alice"));
		assertThat(Files.readString(this.directory.resolve(FileSessionEngineTests.PREFIX + key)))
			.startsWith(TokenCipher.PREFIX)
			.doesNotContain("alice");
	}

}
