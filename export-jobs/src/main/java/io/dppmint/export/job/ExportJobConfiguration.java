package io.dppmint.export.job;

import java.security.cert.X509Certificate;

import javax.sql.DataSource;

import io.dppmint.core.audit.AuditLog;
import io.dppmint.core.catalog.Brand;
import io.dppmint.core.catalog.JdbcBrandRepository;
import io.dppmint.core.digsig.BrandKeys;
import io.dppmint.core.catalog.JdbcProductRepository;
import io.dppmint.core.catalog.JdbcProductionRunRepository;
import io.dppmint.core.catalog.ProductionRun;
import io.dppmint.core.catalog.Product;
import io.dppmint.core.export.Export;
import io.dppmint.core.export.ExportJob;
import io.dppmint.core.export.ExportProperties;
import io.dppmint.core.export.JdbcExportRepository;
import io.dppmint.core.export.PackStorage;
import io.dppmint.core.gs1.Gln;
import io.dppmint.core.identifier.IdentifierScheme;
import io.dppmint.core.kpi.JdbcBrandCounters;
import io.dppmint.core.minting.JdbcMintBatchRepository;
import io.dppmint.core.minting.Carrier;
import io.dppmint.core.minting.MintBatch;
import io.dppmint.core.nfc.BrandNfcKey;
import io.dppmint.core.nfc.JdbcBrandNfcKeys;
import io.dppmint.core.nfc.JdbcTagProgrammerCertificates;
import io.dppmint.core.nfc.KeyPackEncryption;
import io.dppmint.jobs.metrics.CommittedCounter;
import io.dppmint.jobs.runner.HeldLeases;
import io.dppmint.jobs.runner.LeasedJobListener;
import io.dppmint.jobs.step.ChunkFaultTolerance;
import io.dppmint.jobs.step.StepProcessRecorder;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.DefaultJobParametersValidator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The export job: {@code exportStartStep} audits the start (or resume),
 * {@code exportPacksStep} writes the packs one after another, {@code exportCompleteStep}
 * stores the manifest and marks the export completed.
 * <p>
 * Shape: {@code exportPacksStep} is a fault-tolerant chunk step whose item is a whole
 * pack and whose chunk is {@code packsPerChunk} packs (2: the product's 20,000-unit
 * cycle), so <em>a chunk's packs are one transaction</em>: their files are stored and
 * their {@code export_packs} rows (checksum, size), audit events and the lease renewal
 * commit together with the step's progress, or not at all (see {@link CsvPackWriter}).
 * Its reader ({@link PackReader}) takes its position from {@code export_packs}, so a
 * restart in any process resumes at the first unrecorded pack and never regenerates a
 * recorded one. Retries (limit 3) cover transient database errors; nothing is ever
 * skipped. The single identifying parameter {@code exportId} makes one job instance per
 * export, restartable through the JDBC job repository; the export's lease (held by the
 * export's {@code LeasedJobRunner}) ensures one process runs it at a time. Packs are a
 * few megabytes and stream in a second, so they need no partitioning: the product
 * generates them one after another.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ExportJobProperties.class)
public class ExportJobConfiguration {

	@Bean
	HeldLeases<ExportLease> exportLeases() {
		return new HeldLeases<>("Export");
	}

	@Bean
	LeasedExportJob leasedExportJob(JdbcExportRepository exports, ExportAuditTrail exportAuditTrail,
			ExportProperties properties) {
		return new LeasedExportJob(exports, exportAuditTrail, properties.leaseDuration());
	}

	@Bean
	ExportAuditTrail exportAuditTrail(AuditLog auditLog) {
		return new ExportAuditTrail(auditLog);
	}

	@Bean
	Job exportJob(JobRepository jobRepository, Step exportStartStep, Step exportPacksStep, Step exportCompleteStep,
			LeasedExportJob leasedExportJob, HeldLeases<ExportLease> exportLeases) {
		return new JobBuilder(ExportJob.JOB_NAME, jobRepository)
			.validator(new DefaultJobParametersValidator(new String[] { ExportJob.EXPORT_ID }, new String[0]))
			.listener(new LeasedJobListener<>(leasedExportJob, exportLeases, ExportJob.EXPORT_ID, jobRepository))
			.start(exportStartStep)
			.next(exportPacksStep)
			.next(exportCompleteStep)
			.build();
	}

	@Bean
	Step exportStartStep(JobRepository jobRepository, StepProcessRecorder stepProcessRecorder,
			PlatformTransactionManager transactionManager, JdbcExportRepository exports, ExportAuditTrail auditTrail) {
		return new StepBuilder("exportStartStep", jobRepository).listener(stepProcessRecorder)
			.tasklet((contribution, chunkContext) -> {
				long exportId = chunkContext.getStepContext()
					.getStepExecution()
					.getJobParameters()
					.getLong(ExportJob.EXPORT_ID);
				Export export = exports.find(exportId)
					.orElseThrow(() -> new IllegalStateException("No export " + exportId));
				auditTrail.started(export, exports.packs(exportId).size());
				return RepeatStatus.FINISHED;
			}, transactionManager)
			.allowStartIfComplete(true)
			.build();
	}

	@Bean
	Step exportPacksStep(JobRepository jobRepository, StepProcessRecorder stepProcessRecorder,
			PlatformTransactionManager transactionManager, PackReader exportPackReader, CsvPackWriter exportPackWriter,
			ExportJobProperties properties) {
		return ChunkFaultTolerance
			.retryTransientNeverSkip(new StepBuilder("exportPacksStep", jobRepository).listener(stepProcessRecorder)
				.<PackSlice, PackSlice>chunk(properties.packsPerChunk())
				.transactionManager(transactionManager)
				.reader(exportPackReader)
				.writer(exportPackWriter), properties.retryLimit())
			.build();
	}

	@Bean
	Step exportCompleteStep(JobRepository jobRepository, StepProcessRecorder stepProcessRecorder,
			PlatformTransactionManager transactionManager, ExportCompletion exportCompletion) {
		return new StepBuilder("exportCompleteStep", jobRepository).listener(stepProcessRecorder)
			.tasklet(exportCompletion, transactionManager)
			.build();
	}

	@Bean
	@StepScope
	PackReader exportPackReader(@Value("#{jobParameters['exportId']}") Long exportId, JdbcExportRepository exports,
			JdbcMintBatchRepository batches) {
		Export export = exports.find(exportId).orElseThrow(() -> new IllegalStateException("No export " + exportId));
		MintBatch batch = batches.find(export.batchId()).orElseThrow();
		return new PackReader(export, batch, exports);
	}

	@Bean
	@StepScope
	CsvPackWriter exportPackWriter(@Value("#{jobParameters['exportId']}") Long exportId, DataSource dataSource,
			JdbcExportRepository exports, PackStorage storage, IdentifierScheme identifiers,
			HeldLeases<ExportLease> leases, ExportAuditTrail auditTrail, JdbcMintBatchRepository batches,
			JdbcBrandRepository brands, JdbcProductRepository products, ExportJobProperties properties,
			ExportProperties exportProperties, CommittedCounter packsWritten, BrandKeys brandKeys, JdbcClient jdbc,
			JdbcBrandNfcKeys nfcKeys) {
		Export export = exports.find(exportId).orElseThrow(() -> new IllegalStateException("No export " + exportId));
		MintBatch batch = batches.find(export.batchId()).orElseThrow();
		Brand brand = brands.findById(batch.brandId()).orElseThrow();
		Product product = products.findById(batch.productId()).orElseThrow();
		Integer signingKeyNumber = batch.signed() ? brandKeys.find(batch.signingKeyId()).orElseThrow().keyNumber()
				: null;
		X509Certificate tagProgrammer = null;
		BrandNfcKey nfcMasterKey = null;
		if (batch.carrier() == Carrier.NFC) {
			tagProgrammer = KeyPackEncryption.parseCertificate(new JdbcTagProgrammerCertificates(jdbc).find(brand.id())
				.orElseThrow(() -> new IllegalStateException("Batch " + batch.id() + " is for NFC tags and brand "
						+ brand.code() + " has no tag-programmer certificate")));
			nfcMasterKey = nfcKeys.currentOrCreate(brand.id());
		}
		String facilityGln = (batch.productionRunId() != null)
				? new JdbcProductionRunRepository(jdbc).findById(batch.productionRunId())
					.map(ProductionRun::facilityGln)
					.map(Gln::value)
					.orElse(null)
				: null;
		return new CsvPackWriter(dataSource, exports, storage, identifiers, leases, auditTrail, export, batch,
				batches.lots(batch.id()), brand, product, properties, exportProperties.leaseDuration(), packsWritten,
				signingKeyNumber, tagProgrammer, nfcMasterKey, facilityGln);
	}

	/**
	 * {@code dpp.export.packs}: print packs written, counted when their chunk commits.
	 */
	@Bean
	CommittedCounter packsWritten(MeterRegistry meters) {
		return new CommittedCounter(Counter.builder("dpp.export.packs")
			.description("Print packs written (stored and recorded) by this process")
			.register(meters));
	}

	@Bean
	@StepScope
	ExportCompletion exportCompletion(@Value("#{jobParameters['exportId']}") Long exportId,
			JdbcExportRepository exports, PackStorage storage, JdbcBrandCounters counters,
			HeldLeases<ExportLease> leases, ExportAuditTrail auditTrail) {
		return new ExportCompletion(exports, storage, counters, leases, auditTrail, exportId);
	}

	/** Records which process runs each step, for the console's job timeline. */
	@Bean
	StepProcessRecorder stepProcessRecorder(JdbcClient jdbc, @Value("${spring.application.name}") String application) {
		return new StepProcessRecorder(jdbc, application);
	}

}
