package io.dppmint.core.nfc;

import java.util.Arrays;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The brands' NFC master keys in {@code brand_nfc_keys}, wrapped by
 * {@link NfcKeyWrapping}. A brand gets its first key when its first NFC batch is exported
 * (the first moment a tag key is needed); the resolver only reads. The current key is the
 * brand's highest key number.
 */
public class JdbcBrandNfcKeys {

	private final JdbcClient jdbc;

	private final NfcKeyWrapping wrapping;

	public JdbcBrandNfcKeys(JdbcClient jdbc, NfcKeyWrapping wrapping) {
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
		byte[] master = NfcKeyWrapping.newMasterKey();
		try {
			this.jdbc.sql("""
					insert into brand_nfc_keys (brand_id, key_number, wrapped_key) values (:brandId, 1, :wrapped)
					on conflict (brand_id, key_number) do nothing""")
				.param("brandId", brandId)
				.param("wrapped", this.wrapping.wrap(brandId, 1, master))
				.update();
		}
		finally {
			Arrays.fill(master, (byte) 0);
		}
		return current(brandId).orElseThrow();
	}

	private BrandNfcKey unwrap(long brandId, int keyNumber, byte[] wrapped) {
		byte[] master = this.wrapping.unwrap(brandId, keyNumber, wrapped);
		try {
			return new BrandNfcKey(brandId, keyNumber, master);
		}
		finally {
			Arrays.fill(master, (byte) 0);
		}
	}

}
