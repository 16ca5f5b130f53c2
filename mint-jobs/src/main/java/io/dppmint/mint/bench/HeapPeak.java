package io.dppmint.mint.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * Peak heap use over a measured stretch: the sum of every heap pool's peak since
 * {@link #reset()} (an upper bound, since pools peak at different moments).
 */
final class HeapPeak {

	private HeapPeak() {
	}

	static void reset() {
		System.gc();
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP) {
				pool.resetPeakUsage();
			}
		}
	}

	static long megabytes() {
		long bytes = 0;
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP) {
				bytes += pool.getPeakUsage().getUsed();
			}
		}
		return bytes / (1024 * 1024);
	}

}
