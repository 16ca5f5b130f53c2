package io.dppmint.core.lease;

/**
 * A process tried to record work under a lease it no longer holds: it stalled (a pause, a
 * lost network) past its lease, and another process took the work over. Nothing was
 * recorded. A job that fails with it must not record the failure either: the work is not
 * failed, it has a new owner.
 */
public class LeaseLostException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * @param what the leased work, e.g. {@code "Export 42"} or {@code "Batch 7"}
	 * @param lease the lease this process held (its owner or fence)
	 */
	public LeaseLostException(String what, Object lease) {
		super(what + " is no longer leased to " + lease + ": another process took it over");
	}

	/** Whether {@code failure}, or anything that caused it, is a lost lease. */
	public static boolean isCause(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof LeaseLostException) {
				return true;
			}
			for (Throwable suppressed : cause.getSuppressed()) {
				if (suppressed instanceof LeaseLostException) {
					return true;
				}
			}
		}
		return false;
	}

}
