package io.sessionengines.django;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.userdetails.User;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link DjangoUser}.
 *
 * @author Session Engines contributors
 */
class DjangoUserTests {

	private static final String HASH = "pbkdf2_sha256$1000$abcdefghijklmnopqrstuv$hash=";

	@Test
	void carriesTheIdAndThePasswordHash() {
		DjangoUser user = new DjangoUser("42", "alice", HASH, true, AuthorityUtils.createAuthorityList("ROLE_STAFF"));
		assertThat(user.getId()).isEqualTo("42");
		assertThat(user.getUsername()).isEqualTo("alice");
		assertThat(user.getPassword()).isEqualTo(HASH);
		assertThat(user.getPasswordHash()).isEqualTo(HASH);
		assertThat(user.isEnabled()).isTrue();
		assertThat(user.getAuthorities()).extracting("authority").containsExactly("ROLE_STAFF");
	}

	@Test
	void anInactiveUserIsDisabled() {
		assertThat(new DjangoUser("42", "alice", HASH, false, List.of()).isEnabled()).isFalse();
	}

	@Test
	void thePasswordHashOutlivesErasedCredentials() {
		DjangoUser user = new DjangoUser("42", "alice", HASH, true, List.of());
		user.eraseCredentials();
		assertThat(user.getPassword()).isNull();
		assertThat(user.getPasswordHash()).isEqualTo(HASH);
	}

	@Test
	void serializationKeepsTheIdButNeverThePasswordHash() throws Exception {
		DjangoUser user = new DjangoUser("42", "alice", HASH, true, AuthorityUtils.createAuthorityList("GROUP_a"));
		user.eraseCredentials();
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			out.writeObject(user);
		}
		assertThat(bytes.toString(StandardCharsets.ISO_8859_1)).doesNotContain("pbkdf2_sha256");
		try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
			DjangoUser copy = (DjangoUser) in.readObject();
			assertThat(copy.getId()).isEqualTo("42");
			assertThat(copy.getUsername()).isEqualTo("alice");
			assertThat(copy.getAuthorities()).extracting("authority").containsExactly("GROUP_a");
			assertThat(copy.getPasswordHash()).isNull();
			assertThat(copy).isEqualTo(user);
		}
	}

	@Test
	void equalsAndHashCodeAreThoseOfUserByUsername() {
		DjangoUser user = new DjangoUser("42", "alice", HASH, true, List.of());
		User plain = new User("alice", "other", List.of());
		assertThat(user).isEqualTo(new DjangoUser("7", "alice", "other", false, List.of()));
		assertThat(user).isEqualTo(plain).hasSameHashCodeAs(plain);
		assertThat(plain).isEqualTo(user);
		assertThat(user).isNotEqualTo(new DjangoUser("42", "Alice", HASH, true, List.of()));
	}

	@Test
	void idMustNotBeEmpty() {
		assertThatIllegalArgumentException().isThrownBy(() -> new DjangoUser("", "alice", HASH, true, List.of()));
	}

}
