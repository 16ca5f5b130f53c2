package io.dppmint.benchmarks.mint;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;

/**
 * Peak heap use of another JVM (the measured mint-jobs process) over a measured stretch:
 * the sum of every heap pool's peak since {@link #reset()} (an upper bound, since pools
 * peak at different moments), read through the JVM's own management agent, which the
 * attach API starts in it on loopback (no port, no option on the measured process). The
 * same figure the benchmark reported when it ran inside the app.
 */
final class HeapPeak implements AutoCloseable {

	private final VirtualMachine vm;

	private final JMXConnector connector;

	private final List<MemoryPoolMXBean> heapPools;

	private final MemoryMXBean memory;

	private HeapPeak(VirtualMachine vm, JMXConnector connector, MemoryMXBean memory, List<MemoryPoolMXBean> heapPools) {
		this.vm = vm;
		this.connector = connector;
		this.memory = memory;
		this.heapPools = heapPools;
	}

	/**
	 * Attach to the JVM with process id {@code pid} (the same user's, on this machine).
	 * @param pid the measured process
	 * @return its heap peak, to reset and read
	 */
	static HeapPeak of(long pid) {
		try {
			VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
			try {
				JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(vm.startLocalManagementAgent()));
				MBeanServerConnection connection = connector.getMBeanServerConnection();
				List<MemoryPoolMXBean> heapPools = ManagementFactory
					.getPlatformMXBeans(connection, MemoryPoolMXBean.class)
					.stream()
					.filter((pool) -> pool.getType() == MemoryType.HEAP)
					.toList();
				return new HeapPeak(vm, connector, ManagementFactory.getPlatformMXBean(connection, MemoryMXBean.class),
						heapPools);
			}
			catch (IOException | RuntimeException ex) {
				vm.detach();
				throw ex;
			}
		}
		catch (AttachNotSupportedException | IOException ex) {
			throw new IllegalStateException("Could not attach to process " + pid
					+ " to read its heap (the benchmark needs a JDK, and the same user as mint-jobs)", ex);
		}
		catch (NoClassDefFoundError ex) {
			throw new IllegalStateException("Reading mint-jobs' heap needs a JDK (module jdk.attach), not a JRE:"
					+ " set JAVA_HOME to a JDK 21+", ex);
		}
	}

	/** Collect garbage, then start measuring from the heap that is left. */
	void reset() {
		this.memory.gc();
		this.heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
	}

	/** The peak since {@link #reset()}, in MB. */
	long megabytes() {
		long bytes = 0;
		for (MemoryPoolMXBean pool : this.heapPools) {
			bytes += pool.getPeakUsage().getUsed();
		}
		return bytes / (1024 * 1024);
	}

	@Override
	public void close() {
		try {
			this.connector.close();
			this.vm.detach();
		}
		catch (IOException ex) {
			// The measured process may be gone already.
		}
	}

}
