package io.dppmint.core.export;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.dppmint.core.export.SignedUrlRejectedException.Reason;

/**
 * Short-lived signed download URLs for export packs and manifests. A URL names the export
 * and the pack (never a storage path) and carries the brand it was issued for, its expiry
 * (epoch seconds) and an HMAC-SHA256 signature over
 * {@code (export id, pack number, brand id, expiry)} under the platform's
 * download-signing key. Verification recomputes the signature and compares in constant
 * time ({@link MessageDigest#isEqual}), then checks the brand against the export's owner
 * and the expiry against the clock; each failure has its own {@link Reason}.
 * <p>
 * Pack number {@link #MANIFEST} (0) stands for the export's manifest.
 */
public final class DownloadUrlSigner {

	/** The "pack number" of the manifest. */
	public static final int MANIFEST = 0;

	private static final String PACK_DOMAIN = "dpp-export-download";

	private static final String KEY_PACK_DOMAIN = "dpp-export-key-pack-download";

	private static final String ALGORITHM = "HmacSHA256";

	private static final Pattern DIGITS = Pattern.compile("[1-9][0-9]{0,17}");

	private static final Pattern SIGNATURE = Pattern.compile("[A-Za-z0-9_-]{43}");

	private final SecretKeySpec key;

	private final Clock clock;

	private final Duration ttl;

	/**
	 * @param key the download-signing key (copied)
	 * @param clock the clock expiries are set and checked by
	 * @param ttl how long a URL stays valid
	 */
	public DownloadUrlSigner(byte[] key, Clock clock, Duration ttl) {
		if (key == null || key.length < 32) {
			throw new IllegalArgumentException("A download-signing key has at least 32 bytes");
		}
		this.key = new SecretKeySpec(key.clone(), ALGORITHM);
		this.clock = clock;
		this.ttl = ttl;
	}

	/**
	 * A signed URL (path and query, to append to export-jobs' public base URL).
	 * @param exportId the export
	 * @param packNumber the pack, or {@link #MANIFEST}
	 * @param brandId the export's brand
	 * @return e.g. {@code /exports/7/packs/3?brand=12&expires=1767225600&signature=...}
	 */
	public String sign(long exportId, int packNumber, long brandId) {
		if (exportId < 1 || packNumber < 0 || brandId < 1) {
			throw new IllegalArgumentException("Export, pack and brand must be positive (pack 0: the manifest)");
		}
		long expires = this.clock.instant().plus(this.ttl).getEpochSecond();
		return path(exportId, packNumber) + "?brand=" + brandId + "&expires=" + expires + "&signature="
				+ signature(PACK_DOMAIN, exportId, packNumber, brandId, expires);
	}

	/**
	 * A signed URL of the encrypted NFC key pack beside a pack: signed in a domain of its
	 * own, so a print pack's URL never opens a key pack.
	 * @param exportId the export
	 * @param packNumber the pack, from 1
	 * @param brandId the export's brand
	 * @return e.g.
	 * {@code /exports/7/nfc-keys/3?brand=12&expires=1767225600&signature=...}
	 */
	public String signKeyPack(long exportId, int packNumber, long brandId) {
		if (exportId < 1 || packNumber < 1 || brandId < 1) {
			throw new IllegalArgumentException("Export, pack and brand must be positive");
		}
		long expires = this.clock.instant().plus(this.ttl).getEpochSecond();
		return "/exports/" + exportId + "/nfc-keys/" + packNumber + "?brand=" + brandId + "&expires=" + expires
				+ "&signature=" + signature(KEY_PACK_DOMAIN, exportId, packNumber, brandId, expires);
	}

	/**
	 * Check a key pack download URL's query, as {@link #verify} does for packs.
	 * @param exportId the export named by the path
	 * @param packNumber the pack named by the path
	 * @param ownerBrandId the export's actual brand
	 * @param brand the URL's {@code brand} parameter
	 * @param expires its {@code expires} parameter
	 * @param signature its {@code signature} parameter
	 * @throws SignedUrlRejectedException naming the first check that failed
	 */
	public void verifyKeyPack(long exportId, int packNumber, long ownerBrandId, String brand, String expires,
			String signature) {
		verify(KEY_PACK_DOMAIN, exportId, packNumber, ownerBrandId, brand, expires, signature);
	}

	/**
	 * The path of a pack's (or the manifest's) download URL, without the query.
	 */
	public static String path(long exportId, int packNumber) {
		return (packNumber == MANIFEST) ? "/exports/" + exportId + "/manifest"
				: "/exports/" + exportId + "/packs/" + packNumber;
	}

	/**
	 * Check a download URL's query against the export it names.
	 * @param exportId the export named by the path
	 * @param packNumber the pack named by the path, or {@link #MANIFEST}
	 * @param ownerBrandId the export's actual brand
	 * @param brand the URL's {@code brand} parameter, as received
	 * @param expires its {@code expires} parameter
	 * @param signature its {@code signature} parameter
	 * @throws SignedUrlRejectedException naming the first check that failed: malformed
	 * parameters, a bad signature (any field changed, or another key), another brand, or
	 * an expired URL
	 */
	public void verify(long exportId, int packNumber, long ownerBrandId, String brand, String expires,
			String signature) {
		verify(PACK_DOMAIN, exportId, packNumber, ownerBrandId, brand, expires, signature);
	}

	private void verify(String domain, long exportId, int packNumber, long ownerBrandId, String brand, String expires,
			String signature) {
		if (brand == null || expires == null || signature == null) {
			throw new SignedUrlRejectedException(Reason.MALFORMED,
					"A download URL needs its brand, expires and signature parameters");
		}
		if (!DIGITS.matcher(brand).matches() || !DIGITS.matcher(expires).matches()
				|| !SIGNATURE.matcher(signature).matches()) {
			throw new SignedUrlRejectedException(Reason.MALFORMED,
					"The download URL's brand, expires or signature parameter is malformed");
		}
		long brandId = Long.parseLong(brand);
		long expiresAt = Long.parseLong(expires);
		byte[] expected = signature(domain, exportId, packNumber, brandId, expiresAt)
			.getBytes(StandardCharsets.US_ASCII);
		if (!MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) {
			throw new SignedUrlRejectedException(Reason.BAD_SIGNATURE,
					"The download URL's signature does not match: it was changed or not issued by this platform");
		}
		if (brandId != ownerBrandId) {
			throw new SignedUrlRejectedException(Reason.FOREIGN_BRAND,
					"The download URL was issued for another brand than the export's");
		}
		Instant expiry = Instant.ofEpochSecond(expiresAt);
		if (!this.clock.instant().isBefore(expiry)) {
			throw new SignedUrlRejectedException(Reason.EXPIRED,
					"The download URL expired at " + expiry + "; ask for a new one");
		}
	}

	private String signature(String domain, long exportId, int packNumber, long brandId, long expires) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(this.key);
			byte[] digest = mac.doFinal((domain + "\n" + exportId + "\n" + packNumber + "\n" + brandId + "\n" + expires)
				.getBytes(StandardCharsets.US_ASCII));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException("HMAC-SHA256 is unavailable", ex);
		}
	}

	@Override
	public String toString() {
		return "DownloadUrlSigner[HMAC-SHA256, ttl " + this.ttl + ", key redacted]";
	}

}
