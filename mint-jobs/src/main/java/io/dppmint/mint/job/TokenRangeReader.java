package io.dppmint.mint.job;

import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

/**
 * Reads one partition's token numbers as consecutive {@link TokenRange}s of
 * {@code rangeUnits} (the last may be shorter). Its position is the count of ranges
 * Spring Batch saves with every committed chunk, so a restarted partition jumps straight
 * past the units already written.
 */
class TokenRangeReader extends AbstractItemCountingItemStreamItemReader<TokenRange> {

	private final long firstTokenNumber;

	private final int units;

	private final int rangeUnits;

	private int position;

	TokenRangeReader(long firstTokenNumber, int units, int rangeUnits) {
		this.firstTokenNumber = firstTokenNumber;
		this.units = units;
		this.rangeUnits = rangeUnits;
		setName("mintTokenReader");
		setMaxItemCount((units + rangeUnits - 1) / rangeUnits);
	}

	@Override
	protected TokenRange doRead() {
		int offset = this.position++ * this.rangeUnits;
		return new TokenRange(this.firstTokenNumber + offset, Math.min(this.rangeUnits, this.units - offset));
	}

	@Override
	protected void jumpToItem(int itemIndex) {
		this.position = itemIndex;
	}

	@Override
	protected void doOpen() {
		this.position = 0;
	}

	@Override
	protected void doClose() {
	}

}
