package io.dppmint.resolver.resolution;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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

	private volatile Jwks jwks;

	Signatures(BrandKeys keys, JdbcTokenSignatures signatures, Duration jwksTtl) {
		this.jwksTtl = jwksTtl;
		this.keys = keys;
		this.signatures = signatures;
	}

	/** The JWK set document, read again once it is older than its time to live. */
	byte[] jwks() {
		Jwks current = this.jwks;
		if (current == null || System.nanoTime() - current.readAt() >= this.jwksTtl.toNanos()) {
			current = new Jwks(this.keys.jwks().toJson().getBytes(StandardCharsets.UTF_8), System.nanoTime());
			this.jwks = current;
		}
		return current.document();
	}

	/**
	 * What a passport shows about the signature a scan presented.
	 * @param resolution what the scan resolved to
	 * @param query the request's query string, or {@code null}
	 * @return {@code "valid"} when it is the token's own signature, {@code "invalid"}
	 * when it is malformed, another one, or presented for anything but a signed unit, and
	 * {@code null} when the query carries no {@code 8030}
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
		int keyNumber = this.keyNumbers.computeIfAbsent(resolution.batch().signingKeyId(),
				(id) -> this.keys.find(id).orElseThrow().keyNumber());
		return this.signatures.matches(resolution.tokenId(), keyNumber, presented) ? "valid" : "invalid";
	}

	private record Jwks(byte[] document, long readAt) {

	}

}
