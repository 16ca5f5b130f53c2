package io.dppmint.mint.job;

import java.util.LinkedHashMap;
import java.util.Map;

import io.dppmint.core.minting.MintBatch;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Cuts a batch's reserved token range into consecutive partitions of
 * {@code partitionSize} units (the last one shorter). The size is chosen once, when the
 * job first runs ({@link #plannedSize}), and kept in the job's execution context, which
 * Spring Batch carries into every restart: a restart computes the same partitions even if
 * the configuration changed meanwhile, and Spring Batch resumes each unfinished one from
 * its own saved context, so partitions are never redrawn.
 */
class MintPartitioner implements Partitioner {

	static final String FIRST_TOKEN_NUMBER = "firstTokenNumber";

	static final String UNITS = "units";

	/** Job execution context key holding the partition size chosen at the first run. */
	static final String PLANNED_SIZE = "mint.partitionSize";

	private final MintBatch batch;

	private final int partitionSize;

	MintPartitioner(MintBatch batch, int partitionSize) {
		this.batch = batch;
		this.partitionSize = partitionSize;
	}

	/**
	 * The partition size for a batch: enough partitions to keep every partition thread
	 * busy, each a whole number of chunks, none above the configured maximum. 100,000
	 * units on 4 threads make 3 partitions (40,000 + 40,000 + 20,000) rather than one of
	 * 100,000 written by a single thread; 1,000,000 units make 10 of 100,000.
	 * @param quantity the batch's units
	 * @param properties the job's tuning
	 * @return units per partition
	 */
	static int plannedSize(int quantity, MintJobProperties properties) {
		int perThread = Math.ceilDiv(quantity, properties.partitionThreads());
		int wholeChunks = Math.ceilDiv(perThread, properties.chunkSize()) * properties.chunkSize();
		return Math.max(properties.chunkSize(), Math.min(properties.partitionSize(), wholeChunks));
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
