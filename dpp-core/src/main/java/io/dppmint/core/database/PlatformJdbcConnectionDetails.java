package io.dppmint.core.database;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.util.StringUtils;

/**
 * Connection details of the platform database, from {@link DatabaseProperties}; when they
 * name no external database, the embedded server is attached to or started here, and
 * stopped with the context if this process started it. On the embedded server an app
 * whose password is not configured uses its role's development password from
 * {@code <home>/secrets/}.
 */
final class PlatformJdbcConnectionDetails implements JdbcConnectionDetails, DisposableBean {

	private final String url;

	private final String username;

	private final String password;

	private final EmbeddedPostgresServer embedded;

	private PlatformJdbcConnectionDetails(String url, String username, String password,
			EmbeddedPostgresServer embedded) {
		this.url = url;
		this.username = username;
		this.password = password;
		this.embedded = embedded;
	}

	static PlatformJdbcConnectionDetails of(DatabaseProperties properties) {
		if (!properties.embedded()) {
			return new PlatformJdbcConnectionDetails(properties.url(), properties.username(), properties.password(),
					null);
		}
		EmbeddedPostgresServer server = EmbeddedPostgresServer
			.attachOrStart(properties.embeddedDataDirectory().toAbsolutePath(), properties.embeddedPort());
		String username = StringUtils.hasText(properties.username()) ? properties.username()
				: EmbeddedPostgresServer.OWNER;
		String password = StringUtils.hasText(properties.password()) ? properties.password()
				: EmbeddedPostgresServer.password(properties.home().toAbsolutePath(), username);
		return new PlatformJdbcConnectionDetails(server.jdbcUrl(), username, password, server);
	}

	@Override
	public String getJdbcUrl() {
		return this.url;
	}

	@Override
	public String getUsername() {
		return this.username;
	}

	@Override
	public String getPassword() {
		return this.password;
	}

	@Override
	public void destroy() {
		if (this.embedded != null) {
			this.embedded.close();
		}
	}

}
