package io.dppmint.core.export;

/**
 * A process tried to record work on an export whose lease it no longer holds (it stalled
 * past the lease and another process took the export over). Nothing was recorded.
 */
public class ExportLeaseLostException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public ExportLeaseLostException(long exportId, String owner) {
		super("Export " + exportId + " is no longer leased to " + owner + ": another process took it over");
	}

}
