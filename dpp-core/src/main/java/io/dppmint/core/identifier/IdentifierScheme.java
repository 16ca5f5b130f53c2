package io.dppmint.core.identifier;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns token numbers into their public identifiers (GS1 AI 21 serial, or the non-GS1
 * {@code /t/{id}} public id) and back. The identifier is the token number encrypted with
 * NIST SP 800-38G FF1 (AES-256, radix 2, 64 bits, empty tweak) and written as 13
 * Crockford base32 characters ({@code 0-9 A-Z} without {@code I L O U}, first character
 * {@code 0-F}).
 * <p>
 * Guarantees:
 * <ul>
 * <li>Unique by construction: FF1 is a permutation of the 64-bit values, so distinct
 * token numbers always get distinct identifiers, and {@link #decode} inverts
 * {@link #encode}. Nothing needs storing or indexing: the resolver decodes to the token
 * number and reads the token by primary key.</li>
 * <li>Deterministic: the same key always gives the same identifier, so a restarted job or
 * a re-run export reproduces exactly what it wrote before. Changing the key changes every
 * identifier ever printed: never rotate it without re-issuing all tokens.</li>
 * <li>Unguessable without the key: identifiers of other tokens are computationally
 * independent of the ones an attacker holds; a guessed well-formed identifier hits an
 * issued token with probability (tokens issued) / 2^64.</li>
 * <li>One spelling per token: {@link #decode} accepts only the canonical form. It rejects
 * lowercase and Crockford's lenient substitutes ({@code I L O} for {@code 1 1 0}) because
 * GS1 serials are case-sensitive (a lowercase serial is a different GS1 key) and because
 * a second spelling of the same token would split scans, caches and logs; identifiers are
 * read by machines from QR codes and NFC tags, not typed.</li>
 * </ul>
 * <p>
 * Thread-safe: instances are immutable; each thread lazily creates its own AES
 * {@code Cipher} (a few microseconds, once per thread, also per virtual thread), so
 * concurrent callers never share cipher state. The key is copied on construction and
 * never shown by {@link #toString()}.
 */
public final class IdentifierScheme {

	/** Characters in every identifier. */
	public static final int LENGTH = Crockford32.LENGTH;

	private static final int KEY_BYTES = 32;

	/**
	 * Token numbers encrypted per slice of a range, so large ranges need little scratch.
	 */
	private static final int SLICE = 20_000;

	/** The HMAC message of {@link #keyFingerprint()}. */
	private static final byte[] FINGERPRINT_MESSAGE = "dpp-identifier-key-fingerprint"
		.getBytes(StandardCharsets.US_ASCII);

	private final Ff1Binary64 ff1;

	private final String keyFingerprint;

	/**
	 * Create the scheme for one key.
	 * @param key the 32-byte AES-256 identifier key (copied)
	 * @throws IllegalArgumentException if the key is missing or not 32 bytes
	 */
	public IdentifierScheme(byte[] key) {
		if (key == null) {
			throw new IllegalArgumentException("An identifier key is required");
		}
		if (key.length != KEY_BYTES) {
			throw new IllegalArgumentException(
					"An identifier key is " + KEY_BYTES + " bytes (AES-256), not " + key.length);
		}
		this.ff1 = new Ff1Binary64(key);
		this.keyFingerprint = fingerprint(key);
	}

	/**
	 * A fingerprint of the key that tells whether two installations share it (a restore
	 * needs the same key, since every identifier derives from it) and reveals nothing of
	 * it: HMAC-SHA256(key, {@code "dpp-identifier-key-fingerprint"}), first 16 bytes, in
	 * lowercase hex.
	 * @return 32 hex characters
	 */
	public String keyFingerprint() {
		return this.keyFingerprint;
	}

	private static String fingerprint(byte[] key) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return HexFormat.of().formatHex(Arrays.copyOf(mac.doFinal(FINGERPRINT_MESSAGE), 16));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA256 is not available", ex);
		}
	}

	/**
	 * The identifier of one token.
	 * @param tokenNumber the token number, at least 1
	 * @return its 13-character identifier
	 * @throws IllegalArgumentException if the token number is not positive
	 */
	public String encode(long tokenNumber) {
		requirePositive(tokenNumber);
		byte[] ascii = new byte[LENGTH];
		Crockford32.write(this.ff1.encrypt(tokenNumber), ascii, 0);
		return new String(ascii, StandardCharsets.ISO_8859_1);
	}

	/**
	 * The token number an identifier stands for. Whether that token exists is for the
	 * caller to look up.
	 * @param identifier the identifier in canonical form
	 * @return the token number, at least 1
	 * @throws UnknownIdentifierException if it is well-formed but no token number encodes
	 * to it
	 * @throws InvalidIdentifierException if it is null, blank, not 13 characters, has a
	 * character outside the alphabet (lowercase included), or starts above {@code F}
	 */
	public long decode(String identifier) {
		long tokenNumber = this.ff1.decrypt(Crockford32.parse(identifier));
		if (tokenNumber <= 0) {
			throw new UnknownIdentifierException("No token number encodes to this identifier");
		}
		return tokenNumber;
	}

	/**
	 * Write the identifiers of consecutive token numbers as ASCII, 13 bytes each, with
	 * nothing between them: identifier {@code k} is at {@code offset + k * LENGTH}. This
	 * is the fast path for writers of COPY or CSV streams, which copy the bytes straight
	 * out; it encrypts many numbers per AES call.
	 * @param firstTokenNumber the first token number, at least 1
	 * @param count how many, at least 0
	 * @param destination where to write {@code count * LENGTH} bytes
	 * @param offset index in {@code destination} of the first byte
	 * @throws IllegalArgumentException if a token number in the range is not positive or
	 * the range passes {@link Long#MAX_VALUE}
	 * @throws IndexOutOfBoundsException if {@code destination} has no room for them
	 */
	public void encodeRange(long firstTokenNumber, int count, byte[] destination, int offset) {
		requireRange(firstTokenNumber, count);
		Objects.requireNonNull(destination, "destination");
		Objects.checkFromIndexSize(offset, (long) count * LENGTH, destination.length);
		long[] values = new long[Math.min(count, SLICE)];
		for (int done = 0; done < count; done += values.length) {
			int n = Math.min(values.length, count - done);
			for (int j = 0; j < n; j++) {
				values[j] = firstTokenNumber + done + j;
			}
			this.ff1.encrypt(values, 0, n);
			for (int j = 0; j < n; j++) {
				Crockford32.write(values[j], destination, offset + (done + j) * LENGTH);
			}
		}
	}

	/**
	 * The identifiers of consecutive token numbers, for writers that need strings (CSV
	 * libraries, URL builders). Same speed per identifier as
	 * {@link #encodeRange(long, int, byte[], int)} plus one string each.
	 * @param firstTokenNumber the first token number, at least 1
	 * @param count how many, at least 0
	 * @return identifier {@code k} of token number {@code firstTokenNumber + k} at index
	 * {@code k}
	 * @throws IllegalArgumentException if a token number in the range is not positive or
	 * the range passes {@link Long#MAX_VALUE}
	 */
	public String[] encodeRange(long firstTokenNumber, int count) {
		requireRange(firstTokenNumber, count);
		byte[] ascii = new byte[Math.multiplyExact(count, LENGTH)];
		encodeRange(firstTokenNumber, count, ascii, 0);
		String[] identifiers = new String[count];
		for (int k = 0; k < count; k++) {
			identifiers[k] = new String(ascii, k * LENGTH, LENGTH, StandardCharsets.ISO_8859_1);
		}
		return identifiers;
	}

	private static void requirePositive(long tokenNumber) {
		if (tokenNumber < 1) {
			throw new IllegalArgumentException("A token number is at least 1, not " + tokenNumber);
		}
	}

	private static void requireRange(long firstTokenNumber, int count) {
		requirePositive(firstTokenNumber);
		if (count < 0) {
			throw new IllegalArgumentException("A count of token numbers is at least 0, not " + count);
		}
		if (count > 0 && firstTokenNumber > Long.MAX_VALUE - (count - 1)) {
			throw new IllegalArgumentException("Token numbers from " + firstTokenNumber + " for " + count
					+ " pass the largest token number " + Long.MAX_VALUE);
		}
	}

	@Override
	public String toString() {
		return "IdentifierScheme[FF1-AES256, 64-bit, Crockford base32, key redacted]";
	}

}
