package io.dppmint.export.launcher;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import io.dppmint.core.export.Export;
import io.dppmint.core.export.ExportStatus;
import io.dppmint.core.export.JdbcExportRepository;
import io.dppmint.export.job.ActiveLeases;
import io.dppmint.export.job.ExportAuditTrail;
import io.dppmint.export.job.ExportJobConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;

/**
 * Runs an export's job to its end in the calling thread, under the export's lease: takes
 * the lease (taking it over if its holder's expired), renews it in the background every
 * third of its duration, starts the job the first time or resumes it (recovering an
 * execution left {@code STARTED} by a dead process, then restarting it at the first
 * unrecorded pack), and gives the lease up at the end. Every way of running an export
 * (launcher, command line, benchmark) goes through here.
 */
public class ExportJobRunner {

	private static final Logger log = LoggerFactory.getLogger(ExportJobRunner.class);

	private static final String PROCESS = processName();

	private final JobOperator jobOperator;

	private final JobRepository jobRepository;

	private final Job exportJob;

	private final JdbcExportRepository exports;

	private final ActiveLeases leases;

	private final ExportAuditTrail auditTrail;

	private final Duration leaseDuration;

	public ExportJobRunner(JobOperator jobOperator, JobRepository jobRepository, Job exportJob,
			JdbcExportRepository exports, ActiveLeases leases, ExportAuditTrail auditTrail, Duration leaseDuration) {
		this.jobOperator = jobOperator;
		this.jobRepository = jobRepository;
		this.exportJob = exportJob;
		this.exports = exports;
		this.leases = leases;
		this.auditTrail = auditTrail;
		this.leaseDuration = leaseDuration;
	}

	/**
	 * Run or resume an export if it is pending, or running under an expired lease.
	 * @param exportId the export
	 * @return the export afterwards, or empty if another process holds its live lease (or
	 * it is completed or failed: nothing to run)
	 */
	public Optional<Export> run(long exportId) {
		Export before = this.exports.find(exportId)
			.orElseThrow(() -> new IllegalArgumentException("No export " + exportId));
		if (before.status() == ExportStatus.COMPLETED || before.status() == ExportStatus.FAILED) {
			return Optional.empty();
		}
		String owner = PROCESS + "/" + UUID.randomUUID();
		Optional<Export> leased = this.exports.acquireLease(exportId, owner, this.leaseDuration);
		if (leased.isEmpty()) {
			return Optional.empty();
		}
		if (before.leaseOwner() != null) {
			log.info("Export {}: taking over the lease {} left (it expired at {})", exportId, before.leaseOwner(),
					before.leaseExpiresAt());
			this.auditTrail.leaseTakenOver(before, before.leaseOwner());
		}
		this.leases.hold(exportId, owner);
		Thread renewer = Thread.ofVirtual().name("export-lease-" + exportId).start(() -> renew(exportId, owner));
		try {
			runJob(exportId);
		}
		finally {
			renewer.interrupt();
			this.leases.release(exportId, owner);
			this.exports.releaseLease(exportId, owner);
		}
		return this.exports.find(exportId);
	}

	private void runJob(long exportId) {
		JobParameters parameters = new JobParametersBuilder().addLong(ExportJobConfiguration.EXPORT_ID, exportId)
			.toJobParameters();
		JobExecution last = this.jobRepository.getLastJobExecution(ExportJobConfiguration.JOB_NAME, parameters);
		try {
			if (last == null) {
				this.jobOperator.start(this.exportJob, parameters);
			}
			else if (last.getStatus() == BatchStatus.COMPLETED || last.getStatus() == BatchStatus.ABANDONED) {
				throw new IllegalStateException(
						"Its job execution " + last.getId() + " is " + last.getStatus() + " and cannot resume");
			}
			else {
				if (last.getStatus().isRunning() || last.getStatus() == BatchStatus.UNKNOWN) {
					log.info("Resuming export {}: job execution {} was left {} by a process that is gone", exportId,
							last.getId(), last.getStatus());
					last = this.jobOperator.recover(last);
				}
				this.jobOperator.restart(last);
			}
		}
		catch (Exception ex) {
			String reason = "Could not run the export job: " + ex.getMessage();
			log.error("Export {}: {}", exportId, reason, ex);
			Export export = this.exports.find(exportId).orElseThrow();
			if (this.exports.markFailed(exportId, reason)) {
				this.auditTrail.failed(export, reason);
			}
		}
	}

	private void renew(long exportId, String owner) {
		Duration interval = this.leaseDuration.dividedBy(3);
		while (!Thread.currentThread().isInterrupted()) {
			try {
				Thread.sleep(interval);
				if (!this.exports.renewLease(exportId, owner, this.leaseDuration)) {
					log.warn("Export {}: lease {} is gone; the job stops at its next pack", exportId, owner);
					return;
				}
			}
			catch (InterruptedException ex) {
				return;
			}
			catch (RuntimeException ex) {
				log.warn("Export {}: could not renew lease {}: {}", exportId, owner, ex.getMessage());
			}
		}
	}

	private static String processName() {
		String host;
		try {
			host = InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			host = "unknown-host";
		}
		return host + ":" + ManagementFactory.getRuntimeMXBean().getPid();
	}

}
