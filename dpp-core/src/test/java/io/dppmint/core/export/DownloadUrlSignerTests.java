package io.dppmint.core.export;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import io.dppmint.core.export.SignedUrlRejectedException.Reason;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DownloadUrlSignerTests {

	private static final byte[] KEY = randomKey();

	private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

	private final DownloadUrlSigner signer = new DownloadUrlSigner(KEY, this.clock, Duration.ofMinutes(5));

	@Test
	void signsThePackPathWithBrandExpiryAndSignature() {
		String url = this.signer.sign(7, 3, 12);

		assertThat(url).startsWith("/exports/7/packs/3?brand=12&expires="
				+ Instant.parse("2026-03-01T10:05:00Z").getEpochSecond() + "&signature=");
		assertThat(this.signer.sign(7, DownloadUrlSigner.MANIFEST, 12)).startsWith("/exports/7/manifest?");
	}

	@Test
	void acceptsAFreshUrlUntilItsFiveMinutesAreOver() {
		Map<String, String> query = query(this.signer.sign(7, 3, 12));

		this.clock.set(Instant.parse("2026-03-01T10:04:59Z"));
		assertThatNoException().isThrownBy(() -> verify(7, 3, 12, query));
		this.clock.set(Instant.parse("2026-03-01T10:05:00Z"));
		assertThatThrownBy(() -> verify(7, 3, 12, query)).isInstanceOfSatisfying(SignedUrlRejectedException.class,
				(ex) -> {
					assertThat(ex.reason()).isEqualTo(Reason.EXPIRED);
					assertThat(ex.reason().httpStatus()).isEqualTo(410);
					assertThat(ex.getMessage()).contains("expired at 2026-03-01T10:05:00Z");
				});
	}

	@Test
	void rejectsEveryTamperedField() {
		Map<String, String> query = query(this.signer.sign(7, 3, 12));

		assertRejected(() -> verify(8, 3, 12, query), Reason.BAD_SIGNATURE);
		assertRejected(() -> verify(7, 4, 12, query), Reason.BAD_SIGNATURE);
		assertRejected(() -> verify(7, DownloadUrlSigner.MANIFEST, 12, query), Reason.BAD_SIGNATURE);
		assertRejected(() -> verify(7, 3, 12, with(query, "brand", "13")), Reason.BAD_SIGNATURE);
		long expires = Long.parseLong(query.get("expires"));
		assertRejected(() -> verify(7, 3, 12, with(query, "expires", Long.toString(expires + 3600))),
				Reason.BAD_SIGNATURE);
		String signature = query.get("signature");
		char last = signature.charAt(signature.length() - 1);
		String flipped = signature.substring(0, signature.length() - 1) + ((last == 'A') ? 'B' : 'A');
		assertRejected(() -> verify(7, 3, 12, with(query, "signature", flipped)), Reason.BAD_SIGNATURE);
		DownloadUrlSigner otherKey = new DownloadUrlSigner(randomKey(), this.clock, Duration.ofMinutes(5));
		assertRejected(() -> verify(7, 3, 12, query(otherKey.sign(7, 3, 12))), Reason.BAD_SIGNATURE);
	}

	@Test
	void rejectsAGenuineUrlOfAnotherBrandsExport() {
		Map<String, String> query = query(this.signer.sign(7, 3, 12));

		assertRejected(() -> verify(7, 3, 99, query), Reason.FOREIGN_BRAND);
	}

	@Test
	void rejectsMalformedParameters() {
		Map<String, String> query = query(this.signer.sign(7, 3, 12));

		assertRejected(() -> verify(7, 3, 12, with(query, "expires", "soon")), Reason.MALFORMED);
		assertRejected(() -> verify(7, 3, 12, with(query, "brand", "-1")), Reason.MALFORMED);
		assertRejected(() -> verify(7, 3, 12, with(query, "signature", "short")), Reason.MALFORMED);
		assertRejected(() -> this.signer.verify(7, 3, 12, "12", null, query.get("signature")), Reason.MALFORMED);
		assertThat(Reason.MALFORMED.httpStatus()).isEqualTo(400);
	}

	private void verify(long exportId, int pack, long ownerBrand, Map<String, String> query) {
		this.signer.verify(exportId, pack, ownerBrand, query.get("brand"), query.get("expires"),
				query.get("signature"));
	}

	private static void assertRejected(Runnable verification, Reason reason) {
		assertThatThrownBy(verification::run).isInstanceOfSatisfying(SignedUrlRejectedException.class,
				(ex) -> assertThat(ex.reason()).isEqualTo(reason));
	}

	private static Map<String, String> query(String url) {
		Map<String, String> query = new LinkedHashMap<>();
		for (String pair : URI.create(url).getRawQuery().split("&")) {
			int equals = pair.indexOf('=');
			query.put(pair.substring(0, equals), pair.substring(equals + 1));
		}
		return query;
	}

	private static Map<String, String> with(Map<String, String> query, String name, String value) {
		Map<String, String> changed = new LinkedHashMap<>(query);
		changed.put(name, value);
		return changed;
	}

	private static byte[] randomKey() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return key;
	}

	static final class MutableClock extends Clock {

		private volatile Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		void set(Instant now) {
			this.now = now;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public java.time.ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

	}

}
