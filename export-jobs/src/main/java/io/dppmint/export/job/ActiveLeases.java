package io.dppmint.export.job;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The export leases this process holds, by export id: the job records a pack only under
 * the lease its runner took, whichever execution (first run or restart) it is.
 */
public class ActiveLeases {

	private final Map<Long, String> owners = new ConcurrentHashMap<>();

	public void hold(long exportId, String owner) {
		this.owners.put(exportId, owner);
	}

	public void release(long exportId, String owner) {
		this.owners.remove(exportId, owner);
	}

	public Optional<String> ownerOf(long exportId) {
		return Optional.ofNullable(this.owners.get(exportId));
	}

	String require(long exportId) {
		return ownerOf(exportId).orElseThrow(() -> new IllegalStateException(
				"Export " + exportId + " runs without its lease: start it through ExportJobRunner"));
	}

}
