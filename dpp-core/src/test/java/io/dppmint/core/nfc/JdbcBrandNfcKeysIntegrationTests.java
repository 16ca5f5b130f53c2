package io.dppmint.core.nfc;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.dppmint.core.catalog.Brand;
import io.dppmint.core.fixtures.Fixtures;
import io.dppmint.core.secrets.KeyWrapping;
import io.dppmint.testsupport.TestSecrets;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The brands' NFC master keys on the real PostgreSQL: created once, stored only wrapped,
 * unwrapped only under the right KEK and for the right brand.
 */
class JdbcBrandNfcKeysIntegrationTests {

	private final Fixtures fixtures = Fixtures.onTestPostgres();

	private final JdbcClient jdbc = this.fixtures.jdbc();

	private final KeyWrapping wrapping = KeyWrapping.underNfcKek(() -> Base64.getDecoder().decode(TestSecrets.NFC_KEK));

	private final JdbcBrandNfcKeys keys = new JdbcBrandNfcKeys(this.jdbc, this.wrapping);

	@Test
	void createsABrandsFirstKeyOnceAndStoresItOnlyWrapped() throws Exception {
		Brand brand = this.fixtures.aBrand().create();
		assertThat(this.keys.current(brand.id())).isEmpty();
		CountDownLatch start = new CountDownLatch(1);
		List<Future<BrandNfcKey>> created = new ArrayList<>();
		try (ExecutorService executor = Executors.newFixedThreadPool(4)) {
			for (int i = 0; i < 4; i++) {
				created.add(executor.submit(() -> {
					start.await();
					return this.keys.currentOrCreate(brand.id());
				}));
			}
			start.countDown();
			for (Future<BrandNfcKey> key : created) {
				assertThat(key.get()).isEqualTo(this.keys.current(brand.id()).orElseThrow());
			}
		}
		BrandNfcKey key = this.keys.current(brand.id()).orElseThrow();
		byte[] stored = this.jdbc.sql("select wrapped_key from brand_nfc_keys where brand_id = ?")
			.param(brand.id())
			.query(byte[].class)
			.single();
		assertThat(key.keyNumber()).isOne();
		assertThat(key.masterKey()).hasSize(16);
		assertThat(stored).hasSize(JdbcBrandNfcKeys.WRAPPED_LENGTH);
		assertThat(indexOf(stored, key.masterKey())).isNegative();
		assertThat(key.toString()).doesNotContain(java.util.HexFormat.of().formatHex(key.masterKey()));
	}

	@Test
	void refusesAWrappedKeyUnderAnotherKekOrMovedToAnotherBrand() {
		Brand brand = this.fixtures.aBrand().create();
		Brand other = this.fixtures.aBrand().create();
		this.keys.currentOrCreate(brand.id());
		byte[] otherKek = new byte[32];
		new SecureRandom().nextBytes(otherKek);

		assertThatIllegalStateException()
			.isThrownBy(
					() -> new JdbcBrandNfcKeys(this.jdbc, KeyWrapping.underNfcKek(otherKek::clone)).current(brand.id()))
			.withMessageContaining("does not unwrap under the configured NFC KEK");
		this.jdbc.sql("""
				insert into brand_nfc_keys (brand_id, key_number, wrapped_key)
				select :other, key_number, wrapped_key from brand_nfc_keys where brand_id = :brand""")
			.param("other", other.id())
			.param("brand", brand.id())
			.update();
		assertThatIllegalStateException().isThrownBy(() -> this.keys.current(other.id()));
	}

	private static int indexOf(byte[] haystack, byte[] needle) {
		for (int i = 0; i + needle.length <= haystack.length; i++) {
			if (java.util.Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
				return i;
			}
		}
		return -1;
	}

}
