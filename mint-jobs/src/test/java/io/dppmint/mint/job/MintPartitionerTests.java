package io.dppmint.mint.job;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.dppmint.core.minting.ActivationMode;
import io.dppmint.core.minting.IdentityMode;
import io.dppmint.core.minting.MintBatch;
import io.dppmint.core.minting.MintBatchStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.batch.infrastructure.item.ExecutionContext;

import static org.assertj.core.api.Assertions.assertThat;

class MintPartitionerTests {

	private static final MintJobProperties DEFAULTS = new MintJobProperties(20_000, 500, 100_000, 4, 3,
			MintRole.STANDALONE);

	@ParameterizedTest
	@CsvSource({ "1, 20000", "20000, 20000", "60000, 20000", "80001, 40000", "100000, 40000", "250000, 80000",
			"400000, 100000", "1000000, 100000" })
	void plansWholeChunksPerPartitionToKeepEveryThreadBusyUpToTheMaximum(int quantity, int expected) {
		assertThat(MintPartitioner.plannedSize(quantity, DEFAULTS)).isEqualTo(expected);
	}

	@ParameterizedTest
	@CsvSource({ "1, 1", "100000, 3", "90001, 3", "1000000, 10", "999999, 10" })
	void coversTheBatchsRangeExactlyOnceInConsecutivePartitions(int quantity, int partitions) {
		MintBatch batch = new MintBatch(7, 1, 2, null, IdentityMode.SERIAL, ActivationMode.ACTIVE, quantity, null,
				MintBatchStatus.QUEUED, 0, 5_242_880, null, "test", Instant.now(), null, null);
		Map<String, ExecutionContext> planned = new MintPartitioner(batch,
				MintPartitioner.plannedSize(quantity, DEFAULTS))
			.partition(1);

		assertThat(planned).hasSize(partitions);
		List<ExecutionContext> contexts = new ArrayList<>(planned.values());
		long next = batch.firstTokenId();
		for (ExecutionContext context : contexts) {
			assertThat(context.getLong(MintPartitioner.FIRST_TOKEN_NUMBER)).isEqualTo(next);
			next += context.getInt(MintPartitioner.UNITS);
		}
		assertThat(next).isEqualTo(batch.firstTokenId() + quantity);
	}

}
