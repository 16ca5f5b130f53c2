package io.dppmint.resolver.resolution;

import java.util.concurrent.locks.StampedLock;

import org.roaringbitmap.longlong.Roaring64Bitmap;

/**
 * The numbers of revoked tokens, in a compressed bitmap (RoaringBitmap): a brand that
 * revokes a whole batch of a million consecutive tokens costs a few kilobytes, and
 * millions of scattered revocations a few bytes each, where a set of boxed {@code Long}s
 * took about 50 bytes each.
 * <p>
 * Thread-safe: scans read it concurrently under a shared lock while the revocation feed
 * adds to it; a reload builds a new instance.
 */
final class RevokedTokens {

	private final Roaring64Bitmap numbers = new Roaring64Bitmap();

	private final StampedLock lock = new StampedLock();

	boolean contains(long number) {
		long stamp = this.lock.readLock();
		try {
			return this.numbers.contains(number);
		}
		finally {
			this.lock.unlockRead(stamp);
		}
	}

	void add(long number) {
		long stamp = this.lock.writeLock();
		try {
			this.numbers.addLong(number);
		}
		finally {
			this.lock.unlockWrite(stamp);
		}
	}

	long size() {
		long stamp = this.lock.readLock();
		try {
			return this.numbers.getLongCardinality();
		}
		finally {
			this.lock.unlockRead(stamp);
		}
	}

	/** Compress runs of consecutive numbers (after a bulk load). */
	void optimize() {
		long stamp = this.lock.writeLock();
		try {
			this.numbers.runOptimize();
		}
		finally {
			this.lock.unlockWrite(stamp);
		}
	}

	/** The heap the bitmap takes, about, in bytes. */
	long bytes() {
		long stamp = this.lock.readLock();
		try {
			return this.numbers.getLongSizeInBytes();
		}
		finally {
			this.lock.unlockRead(stamp);
		}
	}

}
