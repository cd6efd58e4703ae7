package io.sessionengines.django;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link DjangoUserDetailsService}, on H2 tables with the columns and types of
 * Django's {@code auth} migrations.
 *
 * @author Session Engines contributors
 */
class DjangoUserDetailsServiceTests {

	private static final String HASH = "pbkdf2_sha256$1000$abcdefghijklmnopqrstuv$hash=";

	private final AtomicInteger statements = new AtomicInteger();

	private DataSource dataSource;

	private JdbcTemplate jdbc;

	private DjangoUserDetailsService service;

	@BeforeEach
	void createDjangoTables() {
		JdbcDataSource h2 = new JdbcDataSource();
		h2.setURL("jdbc:h2:mem:django-auth-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		this.dataSource = countingStatements(h2);
		this.jdbc = new JdbcTemplate(h2);
		createUserTables("auth_user", "username");
		this.service = new DjangoUserDetailsService(this.dataSource);
	}

	@Test
	void loadUserByUsernameMapsStaffSuperuserAndGroups() {
		int admin = insertUser("auth_user", "username", "admin", true, true, true);
		addToGroup("auth_user", admin, "editors");
		addToGroup("auth_user", admin, "Équipe A");
		DjangoUser user = this.service.loadUserByUsername("admin");
		assertThat(user.getId()).isEqualTo(String.valueOf(admin));
		assertThat(user.getUsername()).isEqualTo("admin");
		assertThat(user.getPassword()).isEqualTo(HASH);
		assertThat(user.getPasswordHash()).isEqualTo(HASH);
		assertThat(user.isEnabled()).isTrue();
		assertThat(user.getAuthorities()).extracting("authority")
			.containsExactlyInAnyOrder("ROLE_STAFF", "ROLE_SUPERUSER", "GROUP_editors", "GROUP_Équipe A");
	}

	@Test
	void aPlainUserHasNoAuthorities() {
		insertUser("auth_user", "username", "bob", true, false, false);
		DjangoUser user = this.service.loadUserByUsername("bob");
		assertThat(user.getAuthorities()).isEmpty();
		assertThat(user.isEnabled()).isTrue();
	}

	@Test
	void anInactiveUserIsDisabled() {
		int carol = insertUser("auth_user", "username", "carol", false, true, false);
		addToGroup("auth_user", carol, "editors");
		DjangoUser user = this.service.loadUserByUsername("carol");
		assertThat(user.isEnabled()).isFalse();
		assertThat(user.getAuthorities()).extracting("authority")
			.containsExactlyInAnyOrder("ROLE_STAFF", "GROUP_editors");
	}

	@Test
	void groupsOfOtherUsersAreNotMixedIn() {
		int dave = insertUser("auth_user", "username", "dave", true, false, false);
		int erin = insertUser("auth_user", "username", "erin", true, false, false);
		addToGroup("auth_user", dave, "daves");
		addToGroup("auth_user", erin, "erins");
		assertThat(this.service.loadUserByUsername("dave").getAuthorities()).extracting("authority")
			.containsExactly("GROUP_daves");
		assertThat(this.service.findById(String.valueOf(erin)).getAuthorities()).extracting("authority")
			.containsExactly("GROUP_erins");
	}

	@ParameterizedTest
	@ValueSource(strings = { "nobody", "Alice", "alice ", " alice", "", "' OR '1'='1", "alice' --" })
	void loadUserByUsernameWhenNoUserHasExactlyThatUsernameThenNotFound(String username) {
		insertUser("auth_user", "username", "alice", true, false, false);
		assertThatExceptionOfType(UsernameNotFoundException.class)
			.isThrownBy(() -> this.service.loadUserByUsername(username));
	}

	@Test
	void aUserWithAnEmptyUsernameIsNotFound() {
		insertUser("auth_user", "username", "", true, true, true);
		assertThatExceptionOfType(UsernameNotFoundException.class)
			.isThrownBy(() -> this.service.loadUserByUsername(""));
	}

	@Test
	void findByIdReadsTheUserInOneStatement() {
		int frank = insertUser("auth_user", "username", "frank", true, true, false);
		addToGroup("auth_user", frank, "a");
		addToGroup("auth_user", frank, "b");
		addToGroup("auth_user", frank, "c");
		this.statements.set(0);
		DjangoUser user = this.service.findById(String.valueOf(frank));
		assertThat(this.statements).hasValue(1);
		assertThat(user.getUsername()).isEqualTo("frank");
		assertThat(user.getId()).isEqualTo(String.valueOf(frank));
		assertThat(user.getAuthorities()).extracting("authority")
			.containsExactlyInAnyOrder("ROLE_STAFF", "GROUP_a", "GROUP_b", "GROUP_c");
	}

	@Test
	void loadUserByUsernameReadsTheUserInOneStatement() {
		int grace = insertUser("auth_user", "username", "grace", true, false, true);
		addToGroup("auth_user", grace, "a");
		addToGroup("auth_user", grace, "b");
		this.statements.set(0);
		this.service.loadUserByUsername("grace");
		assertThat(this.statements).hasValue(1);
	}

	@Test
	void findByIdWhenNoSuchUserThenNull() {
		insertUser("auth_user", "username", "heidi", true, false, false);
		assertThat(this.service.findById("999999")).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "abc", "1 OR 1=1", "1.0", "0x1", "99999999999999999999", " 1" })
	void findByIdWhenNotAnIntegerThenNullWithoutAQuery(String id) {
		insertUser("auth_user", "username", "ivan", true, false, false);
		this.statements.set(0);
		assertThat(this.service.findById(id)).isNull();
		assertThat(this.statements).hasValue(0);
	}

	@Test
	void customUserModelTableAndUsernameColumn() {
		createUserTables("accounts_user", "email");
		int judy = insertUser("accounts_user", "email", "judy@example.com", true, true, false);
		addToGroup("accounts_user", judy, "support");
		insertUser("auth_user", "username", "judy@example.com", true, false, true);
		DjangoUserDetailsService custom = new DjangoUserDetailsService(this.dataSource, "accounts_user", "email");
		DjangoUser user = custom.loadUserByUsername("judy@example.com");
		assertThat(user.getId()).isEqualTo(String.valueOf(judy));
		assertThat(user.getAuthorities()).extracting("authority")
			.containsExactlyInAnyOrder("ROLE_STAFF", "GROUP_support");
		assertThat(custom.findById(String.valueOf(judy))).isEqualTo(user);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "auth user", "auth_user; DROP TABLE auth_user", "auth_user--", "1user", "u.username",
			"\"auth_user\"", "auth_user)", "ä_user" })
	void tableAndColumnNamesMustBePlainIdentifiers(String name) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new DjangoUserDetailsService(this.dataSource, name, "username"))
			.withMessageContaining("'userTable' must be an SQL identifier");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new DjangoUserDetailsService(this.dataSource, "auth_user", name))
			.withMessageContaining("'usernameColumn' must be an SQL identifier");
	}

	private void createUserTables(String table, String usernameColumn) {
		String username = usernameColumn.equals("username") ? "" : "username VARCHAR(150) NOT NULL, ";
		this.jdbc.execute("CREATE TABLE " + table + " (id INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, "
				+ "password VARCHAR(128) NOT NULL, last_login TIMESTAMP WITH TIME ZONE NULL, "
				+ "is_superuser BOOLEAN NOT NULL, " + username + usernameColumn + " VARCHAR(150) NOT NULL UNIQUE, "
				+ "first_name VARCHAR(150) NOT NULL, last_name VARCHAR(150) NOT NULL, "
				+ "is_staff BOOLEAN NOT NULL, is_active BOOLEAN NOT NULL, date_joined TIMESTAMP WITH TIME ZONE NOT NULL)");
		this.jdbc.execute("CREATE TABLE IF NOT EXISTS auth_group (id INTEGER GENERATED BY DEFAULT AS IDENTITY "
				+ "PRIMARY KEY, name VARCHAR(150) NOT NULL UNIQUE)");
		this.jdbc.execute("CREATE TABLE " + table + "_groups (id INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, "
				+ "user_id INTEGER NOT NULL REFERENCES " + table + " (id), "
				+ "group_id INTEGER NOT NULL REFERENCES auth_group (id), UNIQUE (user_id, group_id))");
	}

	private int insertUser(String table, String usernameColumn, String username, boolean active, boolean staff,
			boolean superuser) {
		String extra = usernameColumn.equals("username") ? "" : "username, ";
		String extraValue = usernameColumn.equals("username") ? "" : "'" + UUID.randomUUID() + "', ";
		this.jdbc.update("INSERT INTO " + table + " (password, is_superuser, " + extra + usernameColumn
				+ ", first_name, last_name, is_staff, is_active, date_joined) VALUES (?, ?, " + extraValue
				+ "?, '', '', ?, ?, CURRENT_TIMESTAMP)", HASH, superuser, username, staff, active);
		return this.jdbc.queryForObject("SELECT id FROM " + table + " WHERE " + usernameColumn + " = ?", Integer.class,
				username);
	}

	private void addToGroup(String table, int user, String group) {
		this.jdbc.update("MERGE INTO auth_group (name) KEY (name) VALUES (?)", group);
		Integer groupId = this.jdbc.queryForObject("SELECT id FROM auth_group WHERE name = ?", Integer.class, group);
		this.jdbc.update("INSERT INTO " + table + "_groups (user_id, group_id) VALUES (?, ?)", user, groupId);
	}

	/**
	 * The database, counting the statements prepared on it.
	 */
	private DataSource countingStatements(DataSource target) {
		return new DelegatingDataSource(target) {

			@Override
			public Connection getConnection() throws SQLException {
				Connection connection = super.getConnection();
				return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
						new Class<?>[] { Connection.class }, (proxy, method, args) -> {
							if (method.getName().equals("prepareStatement")
									|| method.getName().equals("createStatement")) {
								DjangoUserDetailsServiceTests.this.statements.incrementAndGet();
							}
							try {
								return method.invoke(connection, args);
							}
							catch (InvocationTargetException ex) {
								throw ex.getCause();
							}
						});
			}

		};
	}

}
