package io.dppmint.mint.job;

import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

/**
 * Reads the token numbers of one partition, in order. Its position is the item count
 * Spring Batch saves with every committed chunk, so a restarted partition jumps straight
 * past the units already written.
 */
class TokenNumberReader extends AbstractItemCountingItemStreamItemReader<Long> {

	private final long firstTokenNumber;

	private int position;

	TokenNumberReader(long firstTokenNumber, int units) {
		this.firstTokenNumber = firstTokenNumber;
		setName("mintTokenReader");
		setMaxItemCount(units);
	}

	@Override
	protected Long doRead() {
		return this.firstTokenNumber + this.position++;
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
