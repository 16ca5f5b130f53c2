package io.dppmint.core.epcis;

import java.time.Instant;

/**
 * A brand's own EPCIS repository, where its events are pushed through the repository's
 * capture interface (EPCIS 2.0 REST bindings, {@code POST /capture}), in id order.
 *
 * @param brandId the brand
 * @param captureUrl the capture endpoint, e.g. {@code https://epcis.example.com/capture}
 * @param enabled whether events are pushed
 * @param pushedThrough every event of the brand with an id up to this one is captured
 * there
 * @param status {@code idle}, {@code sending}, {@code retrying} (after a transient
 * failure) or {@code failed} (the repository refused a document: pushing stops until
 * retried)
 * @param attempts failed attempts since the last success
 * @param nextAttemptAt when a retry is due, or {@code null}
 * @param lastError what the last failure was, or {@code null}
 * @param lastCaptureId the repository's id of the last capture job, or {@code null}
 * @param updatedAt when it last changed
 */
public record EpcisCaptureTarget(long brandId, String captureUrl, boolean enabled, long pushedThrough, String status,
		int attempts, Instant nextAttemptAt, String lastError, String lastCaptureId, Instant updatedAt) {

	/**
	 * Where a batch's events stand at this target.
	 * @param batchEvents the batch's events
	 * @return {@code none} (no events), {@code captured}, {@code failed},
	 * {@code disabled} or {@code pending}
	 */
	public String stateOf(JdbcEpcisEvents.BatchEvents batchEvents) {
		if (batchEvents.count() == 0) {
			return "none";
		}
		if (batchEvents.lastId() <= this.pushedThrough) {
			return "captured";
		}
		if ("failed".equals(this.status)) {
			return "failed";
		}
		return this.enabled ? "pending" : "disabled";
	}

}
