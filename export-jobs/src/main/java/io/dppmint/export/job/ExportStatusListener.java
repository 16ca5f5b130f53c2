package io.dppmint.export.job;

import io.dppmint.core.export.Export;
import io.dppmint.core.export.ExportLeaseLostException;
import io.dppmint.core.export.JdbcExportRepository;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

/**
 * Marks the export failed, with the reason, when its job ends without completing (its
 * recorded packs stay, and a new request resumes after them). Not when the lease was
 * lost: then another process owns the export and carries on. A process killed outright
 * never gets here; its lease expires and a launcher takes the export over.
 */
final class ExportStatusListener implements JobExecutionListener {

	private final JdbcExportRepository exports;

	private final ExportAuditTrail auditTrail;

	ExportStatusListener(JdbcExportRepository exports, ExportAuditTrail auditTrail) {
		this.exports = exports;
		this.auditTrail = auditTrail;
	}

	@Override
	public void afterJob(JobExecution jobExecution) {
		if (jobExecution.getStatus() == BatchStatus.COMPLETED) {
			return;
		}
		if (jobExecution.getAllFailureExceptions()
			.stream()
			.anyMatch((failure) -> rootCause(failure) instanceof ExportLeaseLostException)) {
			return;
		}
		long exportId = jobExecution.getJobParameters().getLong(ExportJobConfiguration.EXPORT_ID);
		String reason = jobExecution.getAllFailureExceptions()
			.stream()
			.map(ExportStatusListener::rootMessage)
			.findFirst()
			.orElse("Job execution " + jobExecution.getId() + " ended " + jobExecution.getStatus());
		Export export = this.exports.find(exportId).orElse(null);
		if (export != null && this.exports.markFailed(exportId, reason)) {
			this.auditTrail.failed(export, reason);
		}
	}

	private static Throwable rootCause(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root;
	}

	private static String rootMessage(Throwable failure) {
		Throwable root = rootCause(failure);
		String message = (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
		return (root == failure) ? message : failure.getClass().getSimpleName() + ": " + message;
	}

}
