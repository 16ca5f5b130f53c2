package io.dppmint.core.nfc;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;

import io.dppmint.core.secrets.KeyWrapping;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The brands' NFC master keys in {@code brand_nfc_keys}, stored only wrapped under the
 * platform's NFC KEK ({@link KeyWrapping#underNfcKek}): {@code nonce (12) ||
 * AES-256-GCM(KEK, master key) || tag (16)}, {@value #WRAPPED_LENGTH} bytes, with the
 * brand and key number as associated data, so a wrapped key moved onto another brand's
 * row fails to unwrap instead of serving that brand. A brand gets its first key when its
 * first NFC batch is exported (the first moment a tag key is needed); the resolver only
 * reads. The current key is the brand's highest key number.
 */
public class JdbcBrandNfcKeys {

	/** Bytes of a wrapped master key: nonce, encrypted 16-byte key, GCM tag. */
	static final int WRAPPED_LENGTH = 12 + 16 + 16;

	private static final SecureRandom random = new SecureRandom();

	private final JdbcClient jdbc;

	private final KeyWrapping wrapping;

	/**
	 * The keys in this database.
	 * @param jdbc the database
	 * @param wrapping wrapping under the NFC KEK ({@link KeyWrapping#underNfcKek})
	 */
	public JdbcBrandNfcKeys(JdbcClient jdbc, KeyWrapping wrapping) {
		this.jdbc = jdbc;
		this.wrapping = wrapping;
	}

	/**
	 * The brand's current master key.
	 * @param brandId the brand
	 * @return its key, or empty if it has none yet (no NFC batch exported)
	 */
	public Optional<BrandNfcKey> current(long brandId) {
		return this.jdbc.sql("""
				select key_number, wrapped_key from brand_nfc_keys where brand_id = :brandId
				order by key_number desc limit 1""")
			.param("brandId", brandId)
			.query((rs, row) -> unwrap(brandId, rs.getInt("key_number"), rs.getBytes("wrapped_key")))
			.optional();
	}

	/**
	 * The brand's current master key, generating its first one if it has none. Concurrent
	 * callers get the same key: the first insert wins, the others read it.
	 * @param brandId the brand
	 * @return its key
	 */
	public BrandNfcKey currentOrCreate(long brandId) {
		Optional<BrandNfcKey> existing = current(brandId);
		if (existing.isPresent()) {
			return existing.get();
		}
		byte[] master = new byte[16];
		random.nextBytes(master);
		try {
			this.jdbc.sql("""
					insert into brand_nfc_keys (brand_id, key_number, wrapped_key) values (:brandId, 1, :wrapped)
					on conflict (brand_id, key_number) do nothing""")
				.param("brandId", brandId)
				.param("wrapped", this.wrapping.wrap(master, associatedData(brandId, 1)))
				.update();
		}
		finally {
			Arrays.fill(master, (byte) 0);
		}
		return current(brandId).orElseThrow();
	}

	/**
	 * The additional authenticated data a master key is wrapped with.
	 * @param brandId the brand
	 * @param keyNumber the key's number
	 * @return {@code "dpp-mint/nfc-master-key/{brandId}/{keyNumber}"} in ASCII
	 */
	static byte[] associatedData(long brandId, int keyNumber) {
		return ("dpp-mint/nfc-master-key/" + brandId + "/" + keyNumber).getBytes(StandardCharsets.US_ASCII);
	}

	private BrandNfcKey unwrap(long brandId, int keyNumber, byte[] wrapped) {
		if (wrapped == null || wrapped.length != WRAPPED_LENGTH) {
			throw new IllegalStateException("The NFC master key of brand " + brandId + " is not a wrapped key");
		}
		byte[] master;
		try {
			master = this.wrapping.unwrap(wrapped, associatedData(brandId, keyNumber));
		}
		catch (IllegalStateException ex) {
			throw new IllegalStateException(
					"NFC master key " + keyNumber + " of brand " + brandId + ": " + ex.getMessage(), ex);
		}
		try {
			return new BrandNfcKey(brandId, keyNumber, master);
		}
		finally {
			Arrays.fill(master, (byte) 0);
		}
	}

}
