package io.sessionengines.demo.django;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

/**
 * Sessions shared with Django on the {@code file} engine: both applications keep them in
 * the same directory, one file per session named after the cookie and the key.
 * <p>
 * Django's file engine never expires a session whose custom expiry is a positive number
 * of seconds (it takes the number for the age left), and before Django 4.1 it cannot load
 * one whose expiry is a date.
 *
 * @author Session Engines contributors
 */
public abstract class FileEngineDjangoInterop extends DjangoInteropSuite implements DjangoPurgeChecks {

	@TempDir
	static Path directory;

	@Override
	String engine() {
		return "file";
	}

	@Override
	void configure(Settings settings) {
		settings.django("SESSION_FILE_PATH", directory.toString()).ours("session.file.path", directory.toString());
	}

	@Override
	boolean djangoEnforcesSecondsExpiry() {
		return false;
	}

	@Override
	public boolean djangoLoadsDateExpiry() {
		return djangoServer().isAtLeast(4, 1);
	}

	@Override
	public boolean isStored(String key) {
		return Files.exists(directory.resolve(SharedBrowser.COOKIE_NAME + key));
	}

}
