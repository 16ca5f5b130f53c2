package io.dppmint.core.token;

/**
 * A token was revoked: final, audited, and no longer counted as active.
 *
 * @param tokenNumber the token's number
 * @param identifier its serial or public id
 * @param brandId its brand
 * @param previousStatus the status it had
 * @param reason why it was revoked
 * @param actor who revoked it
 */
public record TokenRevoked(long tokenNumber, String identifier, long brandId, TokenStatus previousStatus, String reason,
		String actor) {

}
