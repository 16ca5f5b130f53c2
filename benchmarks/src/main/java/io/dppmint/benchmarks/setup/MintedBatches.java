package io.dppmint.benchmarks.setup;

import java.util.List;

import io.dppmint.core.catalog.Product;
import io.dppmint.core.minting.ActivationMode;
import io.dppmint.core.minting.IdentityMode;
import io.dppmint.core.minting.JdbcMintBatchRepository;
import io.dppmint.core.minting.MintBatch;
import io.dppmint.core.minting.MintIntake;
import io.dppmint.core.minting.MintRequest;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Minted batches for a benchmark to measure something else on (an export, scans, the
 * dashboard), set up fast and untimed without the mint job: the real intake accepts the
 * batch, the server writes its token rows as its reserved number range in one statement,
 * and the batch repository counts them and marks the batch minted under a lease fence of
 * its own, as a mint chunk would. The one place the benchmarks do this.
 */
public class MintedBatches {

	private final MintIntake intake;

	private final JdbcMintBatchRepository batches;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	public MintedBatches(MintIntake intake, JdbcMintBatchRepository batches, JdbcClient jdbc,
			TransactionTemplate transactions) {
		this.intake = intake;
		this.batches = batches;
		this.jdbc = jdbc;
		this.transactions = transactions;
	}

	/**
	 * A minted serial-mode batch.
	 * @param product its product
	 * @param quantity its units
	 * @param activation its activation mode (its tokens' initial status)
	 * @return the batch, minted
	 * @throws IllegalStateException if a running mint-jobs process took the batch first
	 */
	public MintBatch mint(Product product, int quantity, ActivationMode activation) {
		MintBatch batch = this.intake
			.submit(new MintRequest(product.brandId(), product.id(), null, IdentityMode.SERIAL, activation, quantity,
					List.of(), null), "bench")
			.batch();
		if (this.batches.markProcessing(batch.id()).isEmpty()) {
			throw new IllegalStateException("Batch " + batch.id() + " was taken by a mint-jobs process: stop it first");
		}
		long fence = this.batches.advanceLeaseFence(batch.id());
		this.transactions.executeWithoutResult((status) -> {
			this.jdbc.sql("""
					insert into tokens (id, batch_id, lot_id, status)
					select n, :batchId, null, :status from generate_series(:first::bigint, :last::bigint) n""")
				.param("batchId", batch.id())
				.param("status", activation.initialStatus().code())
				.param("first", batch.firstTokenId())
				.param("last", batch.firstTokenId() + quantity - 1)
				.update();
			// Counts the tokens in the brand's KPI counters too.
			this.batches.recordProgress(batch, quantity, fence);
		});
		if (!this.batches.markMinted(batch.id(), fence)) {
			throw new IllegalStateException("Batch " + batch.id() + " could not be marked minted");
		}
		return this.batches.find(batch.id()).orElseThrow();
	}

}
