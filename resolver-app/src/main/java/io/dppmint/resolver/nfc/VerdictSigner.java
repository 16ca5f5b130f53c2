package io.dppmint.resolver.nfc;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Supplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Carries a tap's verdict from the scan to the passport page: the scan's redirect adds
 * {@code nfc=<verdict>.<counter>.<expiry>.<mac>}, where {@code mac} is the first 16 bytes
 * of HMAC-SHA256 over the token, verdict, counter and expiry (base64url), so that
 * reloading or sharing the passport shows the verdict without verifying the tap again
 * (which could only fail: its counter is used up), and nobody can make a passport say
 * "genuine". The key is derived from the NFC KEK, on first use. Thread-safe.
 */
public final class VerdictSigner {

	/** How long a verdict shows on its passport page. */
	public static final Duration VALIDITY = Duration.ofMinutes(10);

	private static final int MAC_BYTES = 16;

	private final Supplier<byte[]> key;

	private volatile byte[] resolvedKey;

	/**
	 * A signer whose key is read when first needed.
	 * @param key supplies the 32-byte HMAC key
	 */
	public VerdictSigner(Supplier<byte[]> key) {
		this.key = key;
	}

	/**
	 * The {@code nfc} parameter value for a verdict.
	 * @param tokenId the token tapped
	 * @param shown the verdict and counter
	 * @param now the time of the tap
	 * @return the signed value
	 */
	public String sign(long tokenId, ShownVerdict shown, Instant now) {
		String payload = shown.verdict().code() + "." + shown.counter() + "." + now.plus(VALIDITY).getEpochSecond();
		return payload + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac(tokenId, payload));
	}

	/**
	 * Read an {@code nfc} parameter on a passport page.
	 * @param tokenId the token whose passport it is
	 * @param value the parameter value
	 * @param now the time now
	 * @return the verdict, or empty once expired
	 * @throws IllegalArgumentException if it is malformed, or not signed for this token
	 */
	public Optional<ShownVerdict> read(long tokenId, String value, Instant now) {
		String[] parts = (value != null) ? value.split("\\.", -1) : new String[0];
		if (parts.length != 4) {
			throw new IllegalArgumentException("The nfc parameter is not a verdict");
		}
		byte[] given;
		try {
			given = Base64.getUrlDecoder().decode(parts[3]);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("The nfc parameter is not a verdict", ex);
		}
		String payload = parts[0] + "." + parts[1] + "." + parts[2];
		if (!MessageDigest.isEqual(mac(tokenId, payload), given)) {
			throw new IllegalArgumentException("The nfc parameter is not a verdict for this passport");
		}
		if (Instant.ofEpochSecond(Long.parseLong(parts[2])).isBefore(now)) {
			return Optional.empty();
		}
		return Optional.of(new ShownVerdict(TapVerdict.of(parts[0]), Integer.parseInt(parts[1])));
	}

	private byte[] mac(long tokenId, String payload) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key(), "HmacSHA256"));
			byte[] full = mac.doFinal((tokenId + "." + payload).getBytes(StandardCharsets.US_ASCII));
			return Arrays.copyOf(full, MAC_BYTES);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA256 is not available", ex);
		}
	}

	private byte[] key() {
		byte[] resolved = this.resolvedKey;
		if (resolved == null) {
			resolved = this.key.get();
			this.resolvedKey = resolved;
		}
		return resolved;
	}

	@Override
	public String toString() {
		return "VerdictSigner[key redacted]";
	}

}
