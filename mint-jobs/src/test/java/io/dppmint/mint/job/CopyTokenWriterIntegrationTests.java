package io.dppmint.mint.job;

import java.util.List;

import io.dppmint.core.catalog.Product;
import io.dppmint.core.fixtures.Fixtures;
import io.dppmint.core.lease.LeaseLostException;
import io.dppmint.core.minting.MintBatch;
import io.dppmint.core.minting.MintRequest;
import io.dppmint.core.minting.MintRequest.LotRequest;
import io.dppmint.core.token.TokenStatus;
import io.dppmint.jobs.metrics.CommittedCounter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.batch.infrastructure.item.Chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The mint step's writer on its own, in a transaction as a chunk runs it, against the
 * test PostgreSQL: seconds instead of a whole job. A chunk's tokens (lots included), the
 * batch's progress and the brand's counters commit together; a chunk written under a
 * fence that moved on, or outside the batch's reserved range, writes nothing.
 */
class CopyTokenWriterIntegrationTests {

	private final Fixtures fixtures = Fixtures.onTestPostgres();

	private final CommittedCounter mintedUnits = new CommittedCounter(
			Counter.builder("dpp.mint.units").register(new SimpleMeterRegistry()));

	@Test
	void writesAChunksTokensWithTheirLotsProgressAndCountersInOneTransaction() {
		Product product = this.fixtures.aProduct().create();
		MintBatch batch = processing(
				Fixtures.aLotRequest(product, new LotRequest("A", 700), new LotRequest("B", 300)).firstScan().build());
		long fence = this.fixtures.batches().advanceLeaseFence(batch.id());

		write(batch, fence, new TokenRange(batch.firstTokenId(), 500), new TokenRange(batch.firstTokenId() + 500, 500));

		assertThat(this.fixtures.tokensInRange(batch.firstTokenId(), 1_000)).isEqualTo(1_000);
		assertThat(this.fixtures.jdbc()
			.sql("""
					select l.lot_number, count(*) from tokens t join lots l on l.id = t.lot_id
					where t.batch_id = :batchId and t.status = :minted group by l.lot_number order by l.lot_number""")
			.param("batchId", batch.id())
			.param("minted", TokenStatus.MINTED.code())
			.query((rs, row) -> rs.getString(1) + "=" + rs.getLong(2))
			.list()).containsExactly("A=700", "B=300");
		assertThat(this.fixtures.batches().find(batch.id()).orElseThrow().mintedCount()).isEqualTo(1_000);
		assertThat(this.fixtures.counters().totals(List.of(product.brandId())).tokensMinted()).isEqualTo(1_000);
		assertThat(this.mintedUnits.count()).isEqualTo(1_000);
	}

	@Test
	void countsMintedUnitsOnlyOnceTheirChunkCommits() {
		Product product = this.fixtures.aProduct().create();
		MintBatch batch = processing(Fixtures.aMintRequest(product).quantity(1_000).build());
		long fence = this.fixtures.batches().advanceLeaseFence(batch.id());
		CopyTokenWriter writer = writer(batch, fence);

		this.fixtures.transactions().executeWithoutResult((status) -> {
			writer.write(new Chunk<>(new TokenRange(batch.firstTokenId(), 400)));
			status.setRollbackOnly();
		});
		assertThat(this.fixtures.tokensInRange(batch.firstTokenId(), 1_000)).isZero();
		assertThat(this.mintedUnits.count()).isZero();

		this.fixtures.transactions()
			.executeWithoutResult((status) -> writer.write(new Chunk<>(new TokenRange(batch.firstTokenId(), 400))));
		assertThat(this.fixtures.tokensInRange(batch.firstTokenId(), 1_000)).isEqualTo(400);
		assertThat(this.mintedUnits.count()).isEqualTo(400);
	}

	@Test
	void writesNothingUnderAFenceThatMovedOn() {
		Product product = this.fixtures.aProduct().create();
		MintBatch batch = processing(Fixtures.aMintRequest(product).quantity(1_000).build());
		long stale = this.fixtures.batches().advanceLeaseFence(batch.id());
		this.fixtures.batches().advanceLeaseFence(batch.id());

		assertThatExceptionOfType(LeaseLostException.class)
			.isThrownBy(() -> write(batch, stale, new TokenRange(batch.firstTokenId(), 1_000)))
			.withMessageContaining("Batch " + batch.id() + " is no longer leased");

		assertThat(this.fixtures.tokensInRange(batch.firstTokenId(), 1_000)).isZero();
		assertThat(this.fixtures.batches().find(batch.id()).orElseThrow().mintedCount()).isZero();
		assertThat(this.fixtures.counters().totals(List.of(product.brandId())).tokensMinted()).isZero();
		assertThat(this.mintedUnits.count()).isZero();
	}

	@Test
	void refusesTokensOutsideTheBatchsReservedRange() {
		Product product = this.fixtures.aProduct().create();
		MintBatch batch = processing(Fixtures.aMintRequest(product).quantity(100).build());
		long fence = this.fixtures.batches().advanceLeaseFence(batch.id());

		assertThatIllegalStateException()
			.isThrownBy(() -> write(batch, fence, new TokenRange(batch.firstTokenId() + 50, 100)))
			.withMessageContaining("outside batch " + batch.id() + "'s reserved range");

		assertThat(this.fixtures.tokensInRange(batch.firstTokenId(), 200)).isZero();
	}

	private MintBatch processing(MintRequest request) {
		MintBatch batch = this.fixtures.aQueuedBatch(request);
		this.fixtures.batches().markProcessing(batch.id());
		return batch;
	}

	private void write(MintBatch batch, long fence, TokenRange... ranges) {
		CopyTokenWriter writer = writer(batch, fence);
		this.fixtures.transactions().executeWithoutResult((status) -> writer.write(new Chunk<>(ranges)));
	}

	private CopyTokenWriter writer(MintBatch batch, long fence) {
		return new CopyTokenWriter(this.fixtures.dataSource(), this.fixtures.batches(), batch,
				this.fixtures.batches().lots(batch.id()), fence, this.mintedUnits);
	}

}
