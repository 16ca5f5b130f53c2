package io.dppmint.resolver.resolution;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import io.dppmint.core.digsig.BrandKeys;
import io.dppmint.core.digsig.DigitalSignature8030;
import io.dppmint.core.digsig.JdbcTokenSignatures;
import io.dppmint.core.digsig.SignedCode;
import io.dppmint.core.gs1.InvalidGs1DataException;

/**
 * The resolver's side of signed codes (GS1 AI 8030, profile DPP-ES256-v1): the JWK set of
 * the brands' published keys at {@value #JWKS_PATH}, kept in memory for a while, and the
 * verdict a passport shows for a scanned {@code ?8030=} value. The redirect path never
 * looks at signatures; only the passport the redirect leads to does.
 */
final class Signatures {

	static final String JWKS_PATH = "/.well-known/jwks.json";

	private final BrandKeys keys;

	private final JdbcTokenSignatures signatures;

	private final Map<Long, Integer> keyNumbers = new ConcurrentHashMap<>();

	private final Duration jwksTtl;

	private volatile Published published;

	Signatures(BrandKeys keys, JdbcTokenSignatures signatures, Duration jwksTtl) {
		this.jwksTtl = jwksTtl;
		this.keys = keys;
		this.signatures = signatures;
	}

	/** The JWK set document, read again once it is older than its time to live. */
	byte[] jwks() {
		return published().document();
	}

	/**
	 * The published keys (pending, active, retired: not revoked) and their JWK set, read
	 * again once older than their time to live, so that a revocation reaches the
	 * passports within it.
	 */
	private Published published() {
		Published current = this.published;
		if (current == null || System.nanoTime() - current.readAt() >= this.jwksTtl.toNanos()) {
			List<BrandKeys.BrandKey> published = this.keys.published();
			current = new Published(BrandKeys.jwks(published).toJson().getBytes(StandardCharsets.UTF_8),
					published.stream().map(BrandKeys.BrandKey::id).collect(Collectors.toUnmodifiableSet()),
					System.nanoTime());
			this.published = current;
		}
		return current;
	}

	/**
	 * What a passport shows about the signature a scan presented.
	 * @param resolution what the scan resolved to
	 * @param query the request's query string, or {@code null}
	 * @return {@code "valid"} when it is the token's own signature under a key its brand
	 * still publishes, {@code "invalid"} when it is malformed, another one, made with a
	 * revoked key, or presented for anything but a signed unit, and {@code null} when the
	 * query carries no {@code 8030}
	 */
	String verdict(Resolution resolution, String query) {
		if (query == null || !query.contains(DigitalSignature8030.AI)) {
			return null;
		}
		DigitalSignature8030 presented;
		try {
			presented = SignedCode.signatureInQuery(query);
		}
		catch (InvalidGs1DataException ex) {
			return "invalid";
		}
		if (presented == null) {
			return null;
		}
		if (resolution.kind() != Resolution.Kind.TOKEN || resolution.batch() == null || !resolution.batch().signed()
				|| resolution.walkedUp()) {
			return "invalid";
		}
		long keyId = resolution.batch().signingKeyId();
		if (!published().keyIds().contains(keyId)) {
			// Revoked: its codes verify nowhere else either (the JWK set no longer has
			// it).
			return "invalid";
		}
		int keyNumber = this.keyNumbers.computeIfAbsent(keyId, (id) -> this.keys.find(id).orElseThrow().keyNumber());
		return this.signatures.matches(resolution.tokenId(), keyNumber, presented) ? "valid" : "invalid";
	}

	private record Published(byte[] document, Set<Long> keyIds, long readAt) {

	}

}
