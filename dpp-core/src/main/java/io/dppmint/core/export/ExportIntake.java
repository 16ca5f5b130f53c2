package io.dppmint.core.export;

import java.util.List;
import java.util.Map;

import io.dppmint.core.audit.AuditEvent;
import io.dppmint.core.audit.AuditLog;
import io.dppmint.core.minting.Carrier;
import io.dppmint.core.minting.JdbcMintBatchRepository;
import io.dppmint.core.minting.MintBatch;
import io.dppmint.core.minting.MintBatchStatus;
import io.dppmint.core.nfc.JdbcTagProgrammerCertificates;
import io.dppmint.core.export.ExportRejectedException.Reason;
import io.dppmint.core.export.ExportSubmission.Outcome;

import org.springframework.transaction.support.TransactionTemplate;

/**
 * Accepts export requests: the one intake behind the REST API, the console's "Export /
 * Download" action and {@code ./dpp export}. A batch has at most one export; requesting
 * it again is always safe:
 * <ul>
 * <li>no export yet: one is queued ({@code pending}); export-jobs' launcher is notified;
 * </li>
 * <li>queued: it stays queued;</li>
 * <li>failed, or running under a lease that has expired (its process died): it is queued
 * again and resumes at its first incomplete pack;</li>
 * <li>running under a live lease: {@link ExportLockedException}, naming when the lease
 * ends;</li>
 * <li>completed: its packs are returned and nothing runs.</li>
 * </ul>
 * An unknown batch, a batch that is not minted and another brand's batch are rejected
 * with an {@link ExportRejectedException}; a rejected or locked request writes nothing.
 * Concurrent requests for one batch create one export (the batch's unique export row,
 * locked for the decision).
 */
public class ExportIntake {

	private final TransactionTemplate transactions;

	private final JdbcTagProgrammerCertificates certificates;

	private final JdbcMintBatchRepository batches;

	private final JdbcExportRepository exports;

	private final AuditLog auditLog;

	public ExportIntake(TransactionTemplate transactions, JdbcMintBatchRepository batches, JdbcExportRepository exports,
			AuditLog auditLog, JdbcTagProgrammerCertificates certificates) {
		this.transactions = transactions;
		this.certificates = certificates;
		this.batches = batches;
		this.exports = exports;
		this.auditLog = auditLog;
	}

	/**
	 * Request (or resume, or fetch the completed) export of a batch.
	 * @param batchId the batch
	 * @param brandId the requesting brand, or {@code null} for a platform operator or the
	 * command line, who may export any brand's batch
	 * @param requestedBy who asks (user, API key, {@code cli:...})
	 * @return what the request led to
	 * @throws ExportRejectedException for an unknown, unminted or foreign batch, or an
	 * NFC batch whose brand has no tag-programmer certificate
	 * @throws ExportLockedException while another process runs the export
	 */
	public ExportSubmission request(long batchId, Long brandId, String requestedBy) {
		MintBatch batch = this.batches.find(batchId)
			.orElseThrow(() -> new ExportRejectedException(Reason.UNKNOWN_BATCH, "There is no batch " + batchId));
		if (brandId != null && batch.brandId() != brandId) {
			throw new ExportRejectedException(Reason.FOREIGN_BATCH,
					"Batch " + batchId + " belongs to another brand: it cannot be exported by brand " + brandId);
		}
		if (batch.status() != MintBatchStatus.MINTED) {
			throw new ExportRejectedException(Reason.BATCH_NOT_MINTED,
					"Batch " + batchId + " is " + batch.status().value() + ": only a minted batch can be exported");
		}
		if (batch.carrier() == Carrier.NFC && this.certificates.find(batch.brandId()).isEmpty()) {
			throw new ExportRejectedException(Reason.NO_PROGRAMMER_CERTIFICATE,
					"Batch " + batchId
							+ " is for NFC tags: its key packs are encrypted to the brand's tag-programmer certificate,"
							+ " and none has been uploaded");
		}
		ExportSubmission submission = this.transactions.execute((status) -> submit(batch, requestedBy));
		if (submission == null) {
			throw new IllegalStateException("The export request transaction returned nothing");
		}
		return submission;
	}

	private ExportSubmission submit(MintBatch batch, String requestedBy) {
		JdbcExportRepository.Locked locked = this.exports.insertOrLock(batch.id(), batch.brandId(),
				Export.packCount(batch.quantity()), requestedBy);
		Export export = locked.export();
		if (locked.created()) {
			audit(export, "requested", requestedBy, Map.of("batchId", batch.id(), "packCount", export.packCount()));
			return new ExportSubmission(export, Outcome.CREATED, List.of());
		}
		return switch (export.status()) {
			case COMPLETED -> new ExportSubmission(export, Outcome.COMPLETED, this.exports.packs(export.id()));
			case PENDING -> new ExportSubmission(export, Outcome.QUEUED, this.exports.packs(export.id()));
			case RUNNING, FAILED -> {
				if (export.status() == ExportStatus.RUNNING && locked.leaseLive()) {
					throw new ExportLockedException(export.id(), batch.id(), export.leaseExpiresAt());
				}
				this.exports.requeue(export.id());
				List<ExportPack> packs = this.exports.packs(export.id());
				audit(export, "resume_requested", requestedBy,
						Map.of("previousStatus", export.status().value(), "packsDone", packs.size()));
				yield new ExportSubmission(this.exports.find(export.id()).orElseThrow(), Outcome.RESUMED, packs);
			}
		};
	}

	private void audit(Export export, String action, String actor, Map<String, Object> details) {
		this.auditLog
			.record(new AuditEvent(export.brandId(), "export", Long.toString(export.id()), action, actor, details));
	}

}
