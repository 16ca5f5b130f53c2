package io.dppmint.console.epcis;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.dppmint.console.api.ApiException;
import io.dppmint.console.security.Caller;
import io.dppmint.core.audit.AuditEvent;
import io.dppmint.core.audit.AuditLog;
import io.dppmint.core.epcis.EpcisCaptureTarget;
import io.dppmint.core.epcis.JdbcEpcisCaptureTargets;
import io.dppmint.core.epcis.JdbcEpcisEvents;
import io.dppmint.core.epcis.JdbcEpcisEvents.BatchEvents;
import io.dppmint.core.minting.JdbcMintBatchRepository;
import io.dppmint.core.minting.MintBatch;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A brand's EPCIS capture target as the API and the console change it, and a batch's
 * EPCIS state (its events, and how far its brand's pushes have come), for both.
 */
@Component
class EpcisCapture {

	private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]");

	private final JdbcEpcisCaptureTargets targets;

	private final JdbcEpcisEvents events;

	private final JdbcMintBatchRepository batches;

	private final AuditLog auditLog;

	private final TransactionTemplate transactions;

	EpcisCapture(JdbcEpcisCaptureTargets targets, JdbcEpcisEvents events, JdbcMintBatchRepository batches,
			AuditLog auditLog, TransactionTemplate transactions) {
		this.targets = targets;
		this.events = events;
		this.batches = batches;
		this.auditLog = auditLog;
		this.transactions = transactions;
	}

	/**
	 * Set the brand's target, audited.
	 * @throws ApiException if the caller may not, or the URL is not a capture endpoint
	 * this platform sends to: {@code https://}, or {@code http://} on loopback only
	 * (development), without user info or fragment
	 */
	EpcisCaptureTarget save(Caller caller, Long brandId, String captureUrl, boolean enabled) {
		long brand = brandOf(caller, brandId);
		writer(caller);
		String url = checkedUrl(captureUrl);
		return this.transactions.execute((status) -> {
			EpcisCaptureTarget saved = this.targets.save(brand, url, enabled);
			this.auditLog.record(new AuditEvent(brand, "epcis_capture", Long.toString(brand), "target_saved",
					caller.actor(), Map.of("captureUrl", url, "enabled", enabled)));
			return saved;
		});
	}

	EpcisCaptureTarget find(Caller caller, Long brandId) {
		long brand = brandOf(caller, brandId);
		return this.targets.find(brand)
			.orElseThrow(() -> ApiException.notFound("Brand " + brand + " has no EPCIS capture target"));
	}

	/** Make a failed or waiting target push again now, audited. */
	EpcisCaptureTarget retry(Caller caller, Long brandId) {
		long brand = brandOf(caller, brandId);
		writer(caller);
		return this.transactions.execute((status) -> {
			if (!this.targets.retryNow(brand)) {
				throw ApiException.notFound("Brand " + brand + " has no EPCIS capture target");
			}
			this.auditLog.record(new AuditEvent(brand, "epcis_capture", Long.toString(brand), "retry_requested",
					caller.actor(), Map.of()));
			return this.targets.find(brand).orElseThrow();
		});
	}

	/** A batch's EPCIS state, if the batch is in scope. */
	BatchState ofBatch(Caller caller, long batchId) {
		MintBatch batch = this.batches.find(caller.scope(), batchId)
			.orElseThrow(() -> ApiException.notFound("There is no batch " + batchId));
		BatchEvents batchEvents = this.events.ofBatch(batch.id());
		EpcisCaptureTarget target = this.targets.find(batch.brandId()).orElse(null);
		return new BatchState(batch, batchEvents, target,
				(target != null) ? target.stateOf(batchEvents) : (batchEvents.count() == 0) ? "none" : "no_target");
	}

	/**
	 * A batch's EPCIS state.
	 *
	 * @param batch the batch
	 * @param events its events
	 * @param target its brand's capture target, or {@code null}
	 * @param push {@code none} (no events: no GTIN, or not minted yet),
	 * {@code no_target}, {@code pending}, {@code captured}, {@code failed} or
	 * {@code disabled}
	 */
	record BatchState(MintBatch batch, BatchEvents events, EpcisCaptureTarget target, String push) {
	}

	private static long brandOf(Caller caller, Long brandId) {
		if (caller.brandId() != null) {
			if (brandId != null && !brandId.equals(caller.brandId())) {
				throw ApiException.invalid("brandId", "FOREIGN_BRAND", "A capture target is your own brand's only");
			}
			return caller.brandId();
		}
		if (brandId == null) {
			throw ApiException.invalid("brandId", "BRAND_REQUIRED", "An operator names the brand (brandId)");
		}
		return brandId;
	}

	private static void writer(Caller caller) {
		if (!caller.canWrite()) {
			throw ApiException.forbidden("Viewers cannot change EPCIS capture");
		}
	}

	static String checkedUrl(String text) {
		String url = (text != null) ? text.strip() : "";
		URI uri;
		try {
			uri = new URI(url);
		}
		catch (URISyntaxException ex) {
			throw invalidUrl("'" + url + "' is not a URL");
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		if (url.length() > 2000 || uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null
				|| uri.getRawQuery() != null) {
			throw invalidUrl("A capture URL is scheme://host[:port]/path, at most 2,000 characters, without user "
					+ "info, query or fragment (credentials go in the environment, see docs/epcis.md)");
		}
		if (!"https".equals(scheme) && !("http".equals(scheme) && LOOPBACK.contains(uri.getHost()))) {
			throw invalidUrl("A capture URL is https:// (http:// only on loopback, for development)");
		}
		return url;
	}

	private static ApiException invalidUrl(String message) {
		return ApiException.invalid("captureUrl", "INVALID_CAPTURE_URL", message);
	}

}
