package io.dppmint.core.epcis;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Brands' EPCIS capture targets ({@code epcis_capture_targets}): configured by the
 * console, pushed to by export-jobs under a lease, so that one process at a time pushes a
 * brand's events and a dead pusher's target is taken over when its lease expires.
 */
public class JdbcEpcisCaptureTargets {

	private static final String COLUMNS = """
			brand_id, capture_url, enabled, pushed_through, status, attempts, next_attempt_at, last_error,
			last_capture_id, updated_at""";

	private static final int MAX_ERROR_LENGTH = 2000;

	private final JdbcClient jdbc;

	public JdbcEpcisCaptureTargets(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Set a brand's target: a new URL starts from the brand's first event again (another
	 * repository has none of them), the same URL keeps its position.
	 * @param brandId the brand
	 * @param captureUrl the capture endpoint
	 * @param enabled whether to push
	 * @return the target
	 */
	public EpcisCaptureTarget save(long brandId, String captureUrl, boolean enabled) {
		return this.jdbc.sql("""
				insert into epcis_capture_targets (brand_id, capture_url, enabled) values (:brandId, :url, :enabled)
				on conflict (brand_id) do update set enabled = excluded.enabled, capture_url = excluded.capture_url,
					pushed_through = case when epcis_capture_targets.capture_url = excluded.capture_url
						then epcis_capture_targets.pushed_through else 0 end,
					status = case when epcis_capture_targets.capture_url = excluded.capture_url
						then epcis_capture_targets.status else 'idle' end,
					attempts = 0, next_attempt_at = null, updated_at = now()
				returning %s""".formatted(COLUMNS))
			.param("brandId", brandId)
			.param("url", captureUrl)
			.param("enabled", enabled)
			.query(JdbcEpcisCaptureTargets::target)
			.single();
	}

	public Optional<EpcisCaptureTarget> find(long brandId) {
		return this.jdbc.sql("select %s from epcis_capture_targets where brand_id = :brandId".formatted(COLUMNS))
			.param("brandId", brandId)
			.query(JdbcEpcisCaptureTargets::target)
			.optional();
	}

	/**
	 * Make a failed or retrying target due now, for an operator who fixed the cause.
	 * @return whether the brand has a target
	 */
	public boolean retryNow(long brandId) {
		return this.jdbc
			.sql("""
					update epcis_capture_targets set status = 'idle', attempts = 0, next_attempt_at = null, updated_at = now()
					where brand_id = :brandId""")
			.param("brandId", brandId)
			.update() == 1;
	}

	/**
	 * Take the lease of one enabled target that has events to push and is due: not
	 * failed, no retry pending, nobody else's live lease.
	 * @param owner this process
	 * @param leaseFor how long the lease holds unless renewed by progress
	 * @return the target, or empty if none is due
	 */
	public Optional<EpcisCaptureTarget> claimDue(String owner, Duration leaseFor) {
		return this.jdbc
			.sql("""
					update epcis_capture_targets set status = 'sending', lease_owner = :owner,
						lease_expires_at = now() + make_interval(secs => :leaseSeconds), updated_at = now()
					where brand_id = (
						select t.brand_id from epcis_capture_targets t
						where t.enabled and t.status <> 'failed'
							and (t.next_attempt_at is null or t.next_attempt_at <= now())
							and (t.lease_expires_at is null or t.lease_expires_at < now() or t.lease_owner = :owner)
							and exists (select from epcis_events e where e.brand_id = t.brand_id and e.id > t.pushed_through)
						order by t.next_attempt_at nulls first, t.brand_id
						limit 1
						for update skip locked)
					returning %s"""
				.formatted(COLUMNS))
			.param("owner", owner)
			.param("leaseSeconds", leaseFor.toSeconds())
			.query(JdbcEpcisCaptureTargets::target)
			.optional();
	}

	/**
	 * Record a captured document: the cursor moves to its last event.
	 * @return whether this owner still held the lease
	 */
	public boolean captured(long brandId, String owner, long throughEventId, String captureId) {
		return this.jdbc.sql("""
				update epcis_capture_targets set pushed_through = greatest(pushed_through, :through), status = 'idle',
					attempts = 0, next_attempt_at = null, last_error = null, last_capture_id = :captureId,
					lease_owner = null, lease_expires_at = null, updated_at = now()
				where brand_id = :brandId and lease_owner = :owner""")
			.param("through", throughEventId)
			.param("captureId", captureId)
			.param("brandId", brandId)
			.param("owner", owner)
			.update() == 1;
	}

	/**
	 * Record a transient failure (the repository unreachable, busy or failing): retried
	 * at {@code retryAt}.
	 */
	public void retryLater(long brandId, String owner, String error, Instant retryAt) {
		this.jdbc.sql("""
				update epcis_capture_targets set status = 'retrying', attempts = attempts + 1,
					next_attempt_at = :retryAt, last_error = :error, lease_owner = null, lease_expires_at = null,
					updated_at = now()
				where brand_id = :brandId and lease_owner = :owner""")
			.param("retryAt", Timestamp.from(retryAt))
			.param("error", truncate(error))
			.param("brandId", brandId)
			.param("owner", owner)
			.update();
	}

	/**
	 * Record a refusal (the repository rejected the document): pushing stops until
	 * {@link #retryNow(long) retried}.
	 */
	public void failed(long brandId, String owner, String error) {
		this.jdbc.sql("""
				update epcis_capture_targets set status = 'failed', attempts = attempts + 1, next_attempt_at = null,
					last_error = :error, lease_owner = null, lease_expires_at = null, updated_at = now()
				where brand_id = :brandId and lease_owner = :owner""")
			.param("error", truncate(error))
			.param("brandId", brandId)
			.param("owner", owner)
			.update();
	}

	private static String truncate(String error) {
		return (error != null && error.length() > MAX_ERROR_LENGTH) ? error.substring(0, MAX_ERROR_LENGTH) : error;
	}

	private static EpcisCaptureTarget target(ResultSet rs, int row) throws SQLException {
		Timestamp next = rs.getTimestamp("next_attempt_at");
		return new EpcisCaptureTarget(rs.getLong("brand_id"), rs.getString("capture_url"), rs.getBoolean("enabled"),
				rs.getLong("pushed_through"), rs.getString("status"), rs.getInt("attempts"),
				(next != null) ? next.toInstant() : null, rs.getString("last_error"), rs.getString("last_capture_id"),
				rs.getTimestamp("updated_at").toInstant());
	}

}
