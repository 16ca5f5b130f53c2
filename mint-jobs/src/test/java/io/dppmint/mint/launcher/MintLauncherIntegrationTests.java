package io.dppmint.mint.launcher;

import java.time.Duration;

import javax.sql.DataSource;

import io.dppmint.core.catalog.Product;
import io.dppmint.core.fixtures.Fixtures;
import io.dppmint.core.minting.ActivationMode;
import io.dppmint.core.minting.JdbcMintBatchRepository;
import io.dppmint.core.minting.MintBatch;
import io.dppmint.core.minting.MintBatchStatus;
import io.dppmint.core.minting.MintIntake;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;

import static io.dppmint.core.fixtures.Fixtures.aMintRequest;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher starts a batch queued after it started, through the NOTIFY alone: its
 * sweep interval is set far beyond the test's patience.
 */
@SpringBootTest(properties = { "dpp.mint.launcher.sweep-interval=1h", "server.port=0" })
@DirtiesContext
class MintLauncherIntegrationTests {

	@Autowired
	MintIntake intake;

	@Autowired
	JdbcMintBatchRepository batches;

	@Autowired
	DataSource dataSource;

	@Autowired
	JdbcClient jdbc;

	@Test
	void startsQueuedBatchesOnTheirNotificationAlone() throws Exception {
		Thread.sleep(500);
		Product product = Fixtures.on(this.dataSource).aProduct().create();

		MintBatch batch = this.intake
			.submit(aMintRequest(product).quantity(30_000).activationMode(ActivationMode.ACTIVE).build(), "test")
			.batch();

		assertThat(await(batch.id(), Duration.ofSeconds(30)).status()).isEqualTo(MintBatchStatus.MINTED);

		MintBatch second = this.intake
			.submit(aMintRequest(product).quantity(10_000).activationMode(ActivationMode.ACTIVE).build(), "test")
			.batch();
		assertThat(await(second.id(), Duration.ofSeconds(30)).status()).isEqualTo(MintBatchStatus.MINTED);
	}

	private MintBatch await(long batchId, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			MintBatch current = this.batches.find(batchId).orElseThrow();
			if (current.status() == MintBatchStatus.MINTED || current.status() == MintBatchStatus.FAILED) {
				return current;
			}
			Thread.sleep(20);
		}
		throw new AssertionError("Batch " + batchId + " was not picked up in " + timeout);
	}

}
