package io.dppmint.mint.job;

import java.util.LinkedHashMap;
import java.util.Map;

import io.dppmint.core.minting.MintBatch;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Cuts a batch's reserved token range into consecutive partitions of at most
 * {@code partitionSize} units. Deterministic: a restart computes the same partitions, and
 * Spring Batch then resumes each unfinished one from its own saved context, so partitions
 * are never redrawn.
 */
class MintPartitioner implements Partitioner {

	static final String FIRST_TOKEN_NUMBER = "firstTokenNumber";

	static final String UNITS = "units";

	private final MintBatch batch;

	private final int partitionSize;

	MintPartitioner(MintBatch batch, int partitionSize) {
		this.batch = batch;
		this.partitionSize = partitionSize;
	}

	@Override
	public Map<String, ExecutionContext> partition(int gridSize) {
		Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
		for (int offset = 0, index = 0; offset < this.batch.quantity(); offset += this.partitionSize, index++) {
			ExecutionContext context = new ExecutionContext();
			context.putLong(FIRST_TOKEN_NUMBER, this.batch.firstTokenId() + offset);
			context.putInt(UNITS, Math.min(this.partitionSize, this.batch.quantity() - offset));
			partitions.put("partition%05d".formatted(index), context);
		}
		return partitions;
	}

}
