package io.dppmint.resolver.resolution;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the resolver reads what it answers from (brands, products, batches, links, token
 * rows): a streaming replica of the platform's PostgreSQL, or, with no {@code url}, the
 * primary itself. Writes (activations, telemetry) and the revocation feed always use the
 * primary ({@code dpp.db.*}).
 *
 * @param url JDBC URL of the replica ({@code DPP_RESOLVER_READS_URL}); may name several
 * hosts, {@code jdbc:postgresql://replica,primary/dpp?targetServerType=preferSecondary},
 * so that the driver falls back to the primary when no standby answers
 * @param username the role to read as (empty: the resolver's own,
 * {@code dpp.db.username})
 * @param password its password (empty: the resolver's own)
 * @param poolSize most connections to it
 * @param connectionTimeout longest a scan waits for a connection before it is answered
 * {@code 503}
 */
@ConfigurationProperties("dpp.resolver.reads")
record ReadDatabaseProperties(String url, String username, String password, @DefaultValue("16") int poolSize,
		@DefaultValue("2s") Duration connectionTimeout) {

}
