package io.dppmint.core.digsig;

import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.util.List;

/**
 * Verifies DPP-ES256-v1 signatures with the JDK alone
 * ({@code SHA256withECDSAinP1363Format}, no BouncyCastle, no Spring, no database), so
 * that anyone can check a code offline with a JWK set: rebuild the unbracketed element
 * string, pick the JWK by GS1 company prefix and key number, verify {@code r || s} over
 * it (docs/signatures.md).
 */
public final class SignatureVerifier {

	private SignatureVerifier() {
	}

	/**
	 * Whether {@code signature} is a valid ES256 signature of {@code message}.
	 * @param key the public key
	 * @param message the signed bytes
	 * @param signature {@code r || s}, 64 bytes
	 * @return whether it verifies
	 */
	public static boolean verify(ECPublicKey key, byte[] message, byte[] signature) {
		if (signature.length != DigitalSignature8030.SIGNATURE_BYTES) {
			return false;
		}
		try {
			Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
			verifier.initVerify(key);
			verifier.update(message);
			return verifier.verify(signature);
		}
		catch (java.security.SignatureException ex) {
			return false;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("The JDK cannot verify ES256 signatures", ex);
		}
	}

	/**
	 * Verify a code against a JWK set.
	 * @param code the code, with its AI 8030 value
	 * @param keys the published keys
	 * @return the outcome, the kid of the key used (if found) and the signed element
	 * string
	 */
	public static Verification verify(SignedCode code, Jwks keys) {
		Gs1ElementString element = code.elementString();
		if (code.signature() == null) {
			return new Verification(Verification.Outcome.UNSIGNED, null, element);
		}
		List<Jwks.Jwk> candidates = keys.candidates(element.gtin(), code.signature().keyNumber());
		if (candidates.isEmpty()) {
			return new Verification(Verification.Outcome.UNKNOWN_KEY, null, element);
		}
		byte[] message = element.message();
		for (Jwks.Jwk jwk : candidates) {
			if (verify(jwk.publicKey(), message, code.signature().signature())) {
				return new Verification(Verification.Outcome.VALID, jwk.kid(), element);
			}
		}
		return new Verification(Verification.Outcome.INVALID, candidates.get(0).kid(), element);
	}

	/**
	 * What a verification found.
	 *
	 * @param outcome the verdict
	 * @param kid the key that verified it, the first candidate when none did, or
	 * {@code null} when no published key could have signed it
	 * @param elementString the element string that was checked
	 */
	public record Verification(Outcome outcome, String kid, Gs1ElementString elementString) {

		/** A verdict. */
		public enum Outcome {

			/** The signature verifies with the brand's published key. */
			VALID,

			/** A key was found and the signature does not verify with it. */
			INVALID,

			/**
			 * No published key has the GTIN's company prefix and the signature's key
			 * number.
			 */
			UNKNOWN_KEY,

			/** The code carries no AI 8030. */
			UNSIGNED

		}

	}

}
