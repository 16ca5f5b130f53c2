package io.dppmint.resolver.resolution;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.StringUtils;

/**
 * The connections the resolver reads through ({@link ReadDatabaseProperties}): a pool of
 * its own to the configured replica, or the app's primary pool when none is configured.
 * Not a {@link DataSource} bean on purpose: the primary pool stays Spring Boot's, and
 * nothing that writes can pick this one up by type.
 * <p>
 * A replica keeps answering while the primary is down, so scans of tokens already active
 * or revoked keep resolving; it may lag the primary by the replication delay (usually
 * milliseconds), which only shows as a token activated or revoked a moment ago being read
 * as it was. The revocation feed ({@link MintedTokenIndex}) listens on the primary, so a
 * revocation still reaches memory as soon as it commits.
 */
final class ReadDatabase implements AutoCloseable {

	private final DataSource dataSource;

	private final HikariDataSource ownPool;

	private final JdbcClient jdbc;

	private ReadDatabase(DataSource dataSource, HikariDataSource ownPool) {
		this.dataSource = dataSource;
		this.ownPool = ownPool;
		this.jdbc = JdbcClient.create(dataSource);
	}

	static ReadDatabase of(ReadDatabaseProperties properties, DataSource primary, JdbcConnectionDetails database,
			MeterRegistry meters) {
		if (!StringUtils.hasText(properties.url())) {
			return new ReadDatabase(primary, null);
		}
		HikariConfig config = new HikariConfig();
		config.setPoolName("resolver-reads");
		config.setJdbcUrl(properties.url());
		config.setUsername(StringUtils.hasText(properties.username()) ? properties.username() : database.getUsername());
		config.setPassword(StringUtils.hasText(properties.password()) ? properties.password() : database.getPassword());
		config.setMaximumPoolSize(properties.poolSize());
		config.setConnectionTimeout(properties.connectionTimeout().toMillis());
		config.setReadOnly(true);
		// Start even when the replica does not answer yet: scans are answered 503 until
		// it does, and the app's health shows why.
		config.setInitializationFailTimeout(-1);
		config.setMetricRegistry(meters);
		HikariDataSource pool = new HikariDataSource(config);
		return new ReadDatabase(pool, pool);
	}

	DataSource dataSource() {
		return this.dataSource;
	}

	JdbcClient jdbc() {
		return this.jdbc;
	}

	@Override
	public void close() {
		if (this.ownPool != null) {
			this.ownPool.close();
		}
	}

}
