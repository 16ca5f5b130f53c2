package io.dppmint.resolver.activation;

/** What became of a first scan's activation ({@link FirstScanActivator#activate}). */
public enum ActivationResult {

	/** This scan activated the token, and that is committed. */
	ACTIVATED,

	/**
	 * The token was not activated by this scan: another scan did it first, it is no
	 * longer minted, or the activation failed (logged; the next scan tries again).
	 */
	NOT_ACTIVATED,

	/**
	 * The database cannot take the activation now (its primary is down or failing over,
	 * or it did not commit in time): it is queued, and applied, with the scan's time,
	 * when the primary is back.
	 */
	DEFERRED,

	/**
	 * The activation could not even be queued: the queue is full (the primary has been
	 * unavailable for long, or is far too slow). Nothing was recorded; the scan should be
	 * answered so that it is tried again later.
	 */
	REFUSED

}
