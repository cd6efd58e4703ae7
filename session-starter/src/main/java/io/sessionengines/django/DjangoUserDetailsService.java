package io.sessionengines.django;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.IncorrectResultSizeDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.util.Assert;

/**
 * A {@link UserDetailsService} on a Django application's users: its {@code auth_user}
 * table (or the table of a custom user model) with the users' groups, read in one query
 * per lookup.
 * <p>
 * A user becomes a {@link DjangoUser}:
 * <ul>
 * <li>{@code is_active} false: a disabled user (Spring Security refuses the login, and a
 * session logged in as that user should count as logged out, as Django's
 * {@code ModelBackend.get_user} has it);</li>
 * <li>{@code is_staff}: the authority {@code ROLE_STAFF};</li>
 * <li>{@code is_superuser}: the authority {@code ROLE_SUPERUSER};</li>
 * <li>each group: the authority {@code GROUP_<name>}, with the group's name as it
 * is.</li>
 * </ul>
 * Django's permissions (of the user or of the groups, and a superuser's implied ones) are
 * not mapped.
 * <p>
 * {@link #loadUserByUsername} finds the user whose username equals the given one, as
 * Django's {@code ModelBackend} does (the database's comparison decides, so a
 * case-insensitive collation matches as it does for Django). {@link #findById} finds a
 * user by the primary key a Django session holds.
 * <p>
 * For a custom user model ({@code AUTH_USER_MODEL}), give its table and the column of its
 * {@code USERNAME_FIELD}. The model must have the columns of Django's
 * {@code AbstractUser} that are read here ({@code id}, an integer primary key,
 * {@code password}, {@code is_active}, {@code is_staff}, {@code is_superuser}) and the
 * groups of {@code PermissionsMixin}, which Django keeps, for a model named {@code User},
 * in {@code <user table>_groups} with the column {@code user_id}, joined to
 * {@code auth_group}. Table and column names must be plain SQL identifiers (letters,
 * digits and underscores), used as they are, without quotes.
 *
 * @author Session Engines contributors
 * @since 0.3.0
 */
public final class DjangoUserDetailsService implements UserDetailsService {

	/**
	 * Django's user table.
	 */
	public static final String DEFAULT_USER_TABLE = "auth_user";

	/**
	 * The username column of Django's user table.
	 */
	public static final String DEFAULT_USERNAME_COLUMN = "username";

	private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

	/**
	 * A primary key as Django's integer fields read it, within the range of a long.
	 */
	private static final Pattern INTEGER_KEY = Pattern.compile("-?[0-9]{1,18}");

	private final JdbcTemplate jdbcTemplate;

	private final String byUsername;

	private final String byId;

	/**
	 * Create a service on Django's own user model ({@value #DEFAULT_USER_TABLE}).
	 * @param dataSource the Django application's database
	 */
	public DjangoUserDetailsService(DataSource dataSource) {
		this(dataSource, DEFAULT_USER_TABLE, DEFAULT_USERNAME_COLUMN);
	}

	/**
	 * Create a service on a custom user model.
	 * @param dataSource the Django application's database
	 * @param userTable the user model's table
	 * @param usernameColumn the column of the model's {@code USERNAME_FIELD}
	 */
	public DjangoUserDetailsService(DataSource dataSource, String userTable, String usernameColumn) {
		Assert.notNull(dataSource, "'dataSource' must not be null");
		Assert.isTrue(userTable != null && IDENTIFIER.matcher(userTable).matches(),
				() -> "'userTable' must be an SQL identifier (letters, digits and underscores), not '" + userTable
						+ "'");
		Assert.isTrue(usernameColumn != null && IDENTIFIER.matcher(usernameColumn).matches(),
				() -> "'usernameColumn' must be an SQL identifier (letters, digits and underscores), not '"
						+ usernameColumn + "'");
		this.jdbcTemplate = new JdbcTemplate(dataSource);
		String select = "SELECT u.id, u." + usernameColumn + ", u.password, u.is_active, u.is_staff, "
				+ "u.is_superuser, g.name FROM " + userTable + " u LEFT JOIN " + userTable
				+ "_groups ug ON ug.user_id = u.id LEFT JOIN auth_group g ON g.id = ug.group_id WHERE ";
		// ordered so that each user's rows come together, should several users match
		this.byUsername = select + "u." + usernameColumn + " = ? ORDER BY u.id";
		this.byId = select + "u.id = ?";
	}

	/**
	 * Load the user with the given username.
	 * @param username the username, compared as Django compares it
	 * @return the user
	 * @throws UsernameNotFoundException if there is no such user (or its username is
	 * empty, which Spring Security does not take)
	 * @throws IncorrectResultSizeDataAccessException if several users have that username,
	 * as only a custom user model without a unique username allows
	 */
	@Override
	public DjangoUser loadUserByUsername(String username) throws UsernameNotFoundException {
		Assert.notNull(username, "'username' must not be null");
		DjangoUser user = query(this.byUsername, username);
		if (user == null) {
			throw new UsernameNotFoundException("No Django user has that username");
		}
		return user;
	}

	/**
	 * Find the user with the given primary key, as a Django session's
	 * {@code _auth_user_id} holds it; one query.
	 * @param id the primary key's string form
	 * @return the user, or {@code null} if there is none (or the id is not an integer)
	 */
	public @Nullable DjangoUser findById(String id) {
		Assert.notNull(id, "'id' must not be null");
		if (!INTEGER_KEY.matcher(id).matches()) {
			return null;
		}
		return query(this.byId, Long.parseLong(id));
	}

	private @Nullable DjangoUser query(String sql, Object key) {
		List<DjangoUser> users = this.jdbcTemplate.query(sql, DjangoUserDetailsService::users, key);
		if (users == null || users.isEmpty()) {
			return null;
		}
		if (users.size() > 1) {
			throw new IncorrectResultSizeDataAccessException("Several Django users have the same username", 1,
					users.size());
		}
		return users.get(0);
	}

	/**
	 * Read each user's row, repeated once per group by the join, into one user.
	 */
	private static List<DjangoUser> users(ResultSet rows) throws SQLException {
		List<DjangoUser> users = new ArrayList<>();
		Row current = null;
		while (rows.next()) {
			String id = rows.getString(1);
			if (current == null || !current.id().equals(id)) {
				addUser(users, current);
				current = new Row(id, rows.getString(2), rows.getString(3), rows.getBoolean(4), rows.getBoolean(5),
						rows.getBoolean(6), new LinkedHashSet<>());
			}
			String group = rows.getString(7);
			if (group != null) {
				current.groups().add(group);
			}
		}
		addUser(users, current);
		return users;
	}

	private static void addUser(List<DjangoUser> users, @Nullable Row row) {
		if (row != null && row.username() != null && !row.username().isEmpty()) {
			users.add(row.toUser());
		}
	}

	/**
	 * A user's columns, and the groups gathered from its rows.
	 */
	private record Row(String id, @Nullable String username, @Nullable String password, boolean active, boolean staff,
			boolean superuser, Set<String> groups) {

		DjangoUser toUser() {
			Set<GrantedAuthority> authorities = new LinkedHashSet<>();
			if (this.staff) {
				authorities.add(new SimpleGrantedAuthority("ROLE_STAFF"));
			}
			if (this.superuser) {
				authorities.add(new SimpleGrantedAuthority("ROLE_SUPERUSER"));
			}
			this.groups.forEach((group) -> authorities.add(new SimpleGrantedAuthority("GROUP_" + group)));
			String username = (this.username != null) ? this.username : "";
			String password = (this.password != null) ? this.password : "";
			return new DjangoUser(this.id, username, password, this.active, authorities);
		}

	}

}
