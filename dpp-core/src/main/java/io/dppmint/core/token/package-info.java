/**
 * Tokens: their lifecycle ({@link io.dppmint.core.token.TokenStatus}), their resolver
 * URLs ({@link io.dppmint.core.token.ResolverUrls}), the mint path's bulk writer
 * ({@link io.dppmint.core.token.TokenCopy}), and the two status changes after minting,
 * first-scan activation ({@link io.dppmint.core.token.TokenActivation}) and revocation
 * ({@link io.dppmint.core.token.TokenRevocation}), each with its counters and audit event
 * in one transaction.
 */
package io.dppmint.core.token;
