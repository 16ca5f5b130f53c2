package io.dppmint.mint.job;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.dppmint.core.catalog.Product;
import io.dppmint.core.digsig.BrandKeys;
import io.dppmint.core.digsig.BrandSigner;
import io.dppmint.core.digsig.DigitalSignature8030;
import io.dppmint.core.digsig.Gs1ElementString;
import io.dppmint.core.digsig.Jwks;
import io.dppmint.core.digsig.SignatureVerifier;
import io.dppmint.core.digsig.SignatureVerifier.Verification.Outcome;
import io.dppmint.core.digsig.SignedCode;
import io.dppmint.core.fixtures.Fixtures;
import io.dppmint.core.identifier.IdentifierScheme;
import io.dppmint.core.minting.IdempotencyConflictException;
import io.dppmint.core.minting.JdbcMintBatchRepository;
import io.dppmint.core.minting.Lot;
import io.dppmint.core.minting.MintBatch;
import io.dppmint.core.minting.MintBatchStatus;
import io.dppmint.core.minting.MintIntake;
import io.dppmint.core.minting.MintRejectedException;
import io.dppmint.core.minting.MintRequest.LotRequest;
import io.dppmint.jobs.runner.LeasedJobRunner;
import io.dppmint.testsupport.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static io.dppmint.core.fixtures.Fixtures.aLotRequest;
import static io.dppmint.core.fixtures.Fixtures.aMintRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Signed minting (GS1 AI 8030, profile DPP-ES256-v1) on the real job and PostgreSQL: each
 * chunk COPYs its tokens' signatures in its own transaction, so a signed batch ends with
 * exactly one signature per token, each verifying with the brand's published key over the
 * unit's element string, and a failed-then-restarted batch ends with the same bytes (RFC
 * 6979 deterministic signing).
 */
@SpringBootTest(properties = { "dpp.mint.launcher.enabled=false", "dpp.mint.partition-size=40000", "server.port=0" })
class SignedMintIntegrationTests {

	@Autowired
	MintIntake intake;

	@Autowired
	LeasedJobRunner<BatchLease> runner;

	@Autowired
	JdbcMintBatchRepository batches;

	@Autowired
	BrandKeys brandKeys;

	@Autowired
	IdentifierScheme identifiers;

	/** The database as the test sees it: the owner's, which also reads signatures. */
	private final JdbcClient jdbc = JdbcClient.create(TestPostgres.get().dataSource());

	Fixtures fixtures;

	@BeforeEach
	void fixtures() {
		this.fixtures = Fixtures.onTestPostgres();
	}

	@Test
	void signsEveryTokenOfABatchSpanningChunksAndLotsWithThePublishedKey() throws Exception {
		Product product = this.fixtures.aGs1Product().create();
		MintBatch batch = this.intake
			.submit(aLotRequest(product, new LotRequest("LOT-A", 25_000), new LotRequest("L(21)B", 5_001)).signed()
				.build(), "test")
			.batch();
		assertThat(batch.signingKeyId()).isNotNull();

		MintBatch minted = run(batch);

		assertThat(minted.status()).isEqualTo(MintBatchStatus.MINTED);
		Map<Long, byte[]> signatures = signatures(batch);
		assertThat(signatures).hasSize(30_001);
		BrandKeys.BrandKey key = this.brandKeys.find(batch.signingKeyId()).orElseThrow();
		assertThat(key.keyNumber()).isEqualTo(1);
		assertThat(key.state()).isEqualTo("active");
		Jwks published = Jwks.parse(this.brandKeys.jwks().toJson());
		Jwks brandKey = new Jwks(published.keys().stream().filter((jwk) -> samePublicKey(jwk, key)).toList());
		assertThat(brandKey.keys()).hasSize(1);
		for (Lot lot : this.batches.lots(batch.id())) {
			String[] serials = this.identifiers.encodeRange(lot.firstTokenId(), lot.quantity());
			for (int k = 0; k < lot.quantity(); k++) {
				byte[] signature = signatures.get(lot.firstTokenId() + k);
				SignedCode code = new SignedCode(new Gs1ElementString(product.gtin(), lot.lotNumber(), serials[k]),
						DigitalSignature8030.of(key.keyNumber(), signature));
				assertThat(SignatureVerifier.verify(code, brandKey).outcome()).as("token %d", lot.firstTokenId() + k)
					.isEqualTo(Outcome.VALID);
			}
		}
	}

	@Test
	void unsignedBatchHasNoSignatures() throws Exception {
		Product product = this.fixtures.aGs1Product().create();
		MintBatch batch = this.intake.submit(aMintRequest(product).quantity(1_000).build(), "test").batch();

		MintBatch minted = run(batch);

		assertThat(minted.status()).isEqualTo(MintBatchStatus.MINTED);
		assertThat(batch.signingKeyId()).isNull();
		assertThat(signatures(batch)).isEmpty();
		assertThat(this.brandKeys.keys(product.brandId())).as("no key created for an unsigned batch").isEmpty();
	}

	@Test
	void restartedSignedBatchEndsWithOneIdenticalSignaturePerToken() throws Exception {
		Product product = this.fixtures.aGs1Product().create();
		// One partition (40,000) of two chunks: the first commits, the second fails.
		MintBatch batch = this.intake.submit(aMintRequest(product).quantity(40_000).signed().build(), "test").batch();

		try (FaultInjection faults = FaultInjection.failCopies(this.jdbc, batch.id(), 1, 1_000_000)) {
			MintBatch failed = run(batch);

			assertThat(failed.status()).isEqualTo(MintBatchStatus.FAILED);
			assertThat(failed.mintedCount()).isEqualTo(20_000);
			assertThat(signatures(batch)).as("signatures of the committed chunk only").hasSize(20_000);
			faults.heal();
			assertThat(this.batches.requestRestart(batch.id())).isTrue();
			assertThat(run(batch).status()).isEqualTo(MintBatchStatus.MINTED);
		}

		Map<Long, byte[]> signatures = signatures(batch);
		assertThat(signatures).hasSize(40_000);
		BrandSigner signer = this.brandKeys.signer(batch.signingKeyId());
		String[] serials = this.identifiers.encodeRange(batch.firstTokenId(), 40_000);
		for (int k = 0; k < 40_000; k++) {
			byte[] expected = signer.sign(new Gs1ElementString(product.gtin(), null, serials[k]).message());
			assertThat(signatures.get(batch.firstTokenId() + k)).as("token %d", batch.firstTokenId() + k)
				.isEqualTo(expected);
		}
	}

	@Test
	void rotationPublishesTheNewKeyFirstAndKeepsTheRetiredKeyPublished() {
		Product product = this.fixtures.aGs1Product().create();
		MintBatch first = this.intake.submit(aMintRequest(product).quantity(10).signed().build(), "test").batch();
		BrandKeys.BrandKey pending = this.brandKeys.rotate(product.brandId(), Duration.ofHours(24));
		MintBatch duringPrepublication = this.intake.submit(aMintRequest(product).quantity(10).signed().build(), "test")
			.batch();

		assertThat(pending.keyNumber()).isEqualTo(2);
		assertThat(pending.state()).isEqualTo("pending");
		assertThat(duringPrepublication.signingKeyId()).isEqualTo(first.signingKeyId());
		assertThat(publishedKeysOf(product)).containsExactly(1, 2);
		assertThatIllegalStateException().isThrownBy(() -> this.brandKeys.rotate(product.brandId(), null))
			.withMessageContaining("already has a pending signing key");

		this.jdbc.sql("update brand_keys set activates_at = now() - interval '1 second' where id = :id")
			.param("id", pending.id())
			.update();
		MintBatch afterPrepublication = this.intake.submit(aMintRequest(product).quantity(10).signed().build(), "test")
			.batch();

		assertThat(afterPrepublication.signingKeyId()).isEqualTo(pending.id());
		assertThat(this.brandKeys.find(first.signingKeyId()).orElseThrow().state()).isEqualTo("retired");
		assertThat(this.brandKeys.find(pending.id()).orElseThrow().state()).isEqualTo("active");
		assertThat(publishedKeysOf(product)).as("retired keys stay published").containsExactly(1, 2);

		assertThat(this.brandKeys.revoke(product.brandId(), 1)).isTrue();
		assertThat(publishedKeysOf(product)).as("revoked keys are withdrawn").containsExactly(2);
	}

	@Test
	void rejectsASignedRequestForABrandThatIsNotGs1ReadyAndWritesNothing() {
		Product product = this.fixtures.aProduct().create();
		long batchesBefore = countBatches(product.brandId());

		assertThatExceptionOfType(MintRejectedException.class)
			.isThrownBy(() -> this.intake.submit(aMintRequest(product).signed().build(), "test"))
			.satisfies((ex) -> assertThat(ex.violations()).anySatisfy((violation) -> {
				assertThat(violation.field()).isEqualTo("signed");
				assertThat(violation.code()).isEqualTo("SIGNATURE_REQUIRES_GTIN");
				assertThat(violation.message()).contains("brand is not GS1-ready");
			}));
		assertThat(countBatches(product.brandId())).isEqualTo(batchesBefore);
		assertThat(this.brandKeys.keys(product.brandId())).isEmpty();
	}

	@Test
	void signingIsPartOfTheIdempotencyFingerprint() {
		Product product = this.fixtures.aGs1Product().create();
		this.intake.submit(aMintRequest(product).idempotencyKey("k-signed").signed().build(), "test");

		assertThatExceptionOfType(IdempotencyConflictException.class)
			.isThrownBy(() -> this.intake.submit(aMintRequest(product).idempotencyKey("k-signed").build(), "test"));
		assertThat(
				this.intake.submit(aMintRequest(product).idempotencyKey("k-signed").signed().build(), "test").created())
			.isFalse();
	}

	private List<Integer> publishedKeysOf(Product product) {
		return this.brandKeys.published()
			.stream()
			.filter((key) -> key.brandId() == product.brandId())
			.map(BrandKeys.BrandKey::keyNumber)
			.toList();
	}

	private boolean samePublicKey(Jwks.Jwk jwk, BrandKeys.BrandKey key) {
		return Arrays.equals(jwk.publicKey().getEncoded(), key.publicKey());
	}

	private long countBatches(long brandId) {
		return this.jdbc.sql("select count(*) from mint_batches where brand_id = :brandId")
			.param("brandId", brandId)
			.query(Long.class)
			.single();
	}

	private Map<Long, byte[]> signatures(MintBatch batch) {
		Map<Long, byte[]> signatures = new HashMap<>();
		this.jdbc.sql("select token_id, signature from token_signatures where token_id >= :first and token_id < :end")
			.param("first", batch.firstTokenId())
			.param("end", batch.firstTokenId() + batch.quantity())
			.query((rs) -> {
				signatures.put(rs.getLong(1), rs.getBytes(2));
			});
		return signatures;
	}

	private MintBatch run(MintBatch batch) throws Exception {
		assertThat(this.runner.run(batch.id())).as("ran under its lease").isTrue();
		return this.batches.find(batch.id()).orElseThrow();
	}

}
