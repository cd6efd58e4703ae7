package io.sessionengines.demo;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ClearSessionsCommand}.
 *
 * @author Session Engines contributors
 */
class ClearSessionsCommandTests {

	@Test
	void isRequestedWhenClearSessionsIsTheOnlyArgument() {
		assertThat(ClearSessionsCommand.isRequested(new String[] { "clearsessions" })).isTrue();
	}

	@Test
	void isRequestedWhenClearSessionsComesWithSettings() {
		assertThat(ClearSessionsCommand
			.isRequested(new String[] { "--session.engine=db", "clearsessions", "--server.port=0" })).isTrue();
	}

	@Test
	void isNotRequestedWithoutArguments() {
		assertThat(ClearSessionsCommand.isRequested(new String[0])).isFalse();
	}

	@Test
	void isNotRequestedWithOnlySettings() {
		assertThat(ClearSessionsCommand.isRequested(new String[] { "--session.engine=db" })).isFalse();
	}

	@Test
	void isNotRequestedWithAnotherCommand() {
		assertThat(ClearSessionsCommand.isRequested(new String[] { "clearsessions", "now" })).isFalse();
		assertThat(ClearSessionsCommand.isRequested(new String[] { "runserver" })).isFalse();
	}

}
