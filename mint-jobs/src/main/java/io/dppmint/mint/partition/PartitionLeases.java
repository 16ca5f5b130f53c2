package io.dppmint.mint.partition;

import java.sql.SQLException;
import java.util.Optional;

import io.dppmint.core.lease.SessionLease;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Who runs which partition: a worker holds the {@link SessionLease} of a partition's step
 * execution from before it starts the step until after the step's final status is
 * written. A running partition whose lease nobody holds has lost its worker.
 */
class PartitionLeases {

	// Namespaces the lock keys ("MP"), apart from the batch leases.
	private static final long NAMESPACE = 0x4D50_0000_0000_0000L;

	private final JdbcConnectionDetails database;

	private final JdbcClient jdbc;

	PartitionLeases(JdbcConnectionDetails database, JdbcClient jdbc) {
		this.database = database;
		this.jdbc = jdbc;
	}

	Optional<SessionLease> tryAcquire(long stepExecutionId) throws SQLException {
		return SessionLease.tryAcquire(this.database, key(stepExecutionId));
	}

	boolean isHeld(long stepExecutionId) {
		return SessionLease.isHeld(this.jdbc, key(stepExecutionId));
	}

	private static long key(long stepExecutionId) {
		if (stepExecutionId <= 0 || stepExecutionId >= (1L << 48)) {
			throw new IllegalArgumentException("Step execution id out of the lease key range: " + stepExecutionId);
		}
		return NAMESPACE | stepExecutionId;
	}

}
