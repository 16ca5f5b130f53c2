package io.dppmint.resolver.resolution;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Resolver settings.
 *
 * @param publicBaseUrl the resolver's public root, as {@code /.well-known/gs1resolver}
 * announces it ({@code DPP_RESOLVER_PUBLIC_BASE_URL})
 * @param cacheSize most brands, products, batches, lots and link lists each kept in
 * memory
 * @param cacheTtl how long a cached brand, product, lot or link list is used before it is
 * read again (so catalogue edits show within this time)
 * @param tokenIndexBatches most minted batches whose tokens are answered from memory
 * ({@link MintedTokenIndex}); 0 turns that off, every scan then reads its token row
 * @param tokenIndexFirstScanTokens most tokens of first-scan batches among them (memory
 * keeps a bit per such token: 100,000,000 take 12.5 MB)
 * @param revocationFeedRenewal how long one listening connection of the revocation feed
 * is kept before it is renewed and the revoked set reloaded
 * @param revocationFeedProbe how often the revocation feed's connection makes a round
 * trip, so that a connection dropped in silence is noticed
 * @param revocationFeedProbeTimeout how long a probe waits for its answer before the
 * connection counts as lost (scans then read the table until the feed listens again)
 * @param jwksTtl how long the JWK set of the brands' signing keys
 * ({@code /.well-known/jwks.json}) is served from memory before it is read again, so a
 * rotation or revocation shows within this time
 * @param accessGrantTtl how long a presented access grant's lookup is kept, so a revoked
 * grant stops opening restricted passports within this time
 */
@ConfigurationProperties("dpp.resolver")
record ResolverProperties(@DefaultValue("http://127.0.0.1:8081") String publicBaseUrl,
		@DefaultValue("10000") int cacheSize, @DefaultValue("60s") Duration cacheTtl,
		@DefaultValue("100000") int tokenIndexBatches, @DefaultValue("100000000") long tokenIndexFirstScanTokens,
		@DefaultValue("5m") Duration revocationFeedRenewal, @DefaultValue("5s") Duration revocationFeedProbe,
		@DefaultValue("5s") Duration revocationFeedProbeTimeout, @DefaultValue("60s") Duration jwksTtl,
		@DefaultValue("10s") Duration accessGrantTtl) {

}
