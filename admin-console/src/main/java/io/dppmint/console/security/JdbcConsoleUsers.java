package io.dppmint.console.security;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * Console users in {@code console_users}: looked up for form login, created for the
 * initial administrator and the demo. Passwords are stored only as
 * {@link org.springframework.security.crypto.password.PasswordEncoder} hashes.
 */
public class JdbcConsoleUsers implements UserDetailsService {

	private final JdbcClient jdbc;

	public JdbcConsoleUsers(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		return this.jdbc.sql(
				"select username, password_hash, role, brand_id, enabled from console_users where username = :username")
			.param("username", username)
			.query((rs, row) -> new ConsoleUser(rs.getString("username"), rs.getString("password_hash"),
					rs.getBoolean("enabled"),
					new Caller(rs.getString("username"), Role.fromDbValue(rs.getString("role")),
							rs.getObject("brand_id", Long.class))))
			.optional()
			.orElseThrow(() -> new UsernameNotFoundException("No console user " + username));
	}

	/**
	 * Create a user unless one of that name exists.
	 * @return whether it was created
	 */
	public boolean createIfAbsent(String username, String passwordHash, Role role, Long brandId) {
		return this.jdbc.sql("""
				insert into console_users (username, password_hash, role, brand_id)
				values (:username, :passwordHash, :role, :brandId)
				on conflict (username) do nothing""")
			.param("username", username)
			.param("passwordHash", passwordHash)
			.param("role", role.dbValue())
			.param("brandId", brandId)
			.update() == 1;
	}

	/** Whether any operator exists: a fresh install has none. */
	public boolean anyOperator() {
		return this.jdbc.sql("select exists (select from console_users where role = 'operator')")
			.query(Boolean.class)
			.single();
	}

}
