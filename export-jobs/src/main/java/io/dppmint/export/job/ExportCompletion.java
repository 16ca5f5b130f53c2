package io.dppmint.export.job;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.dppmint.core.export.Export;
import io.dppmint.core.export.ExportPack;
import io.dppmint.core.export.JdbcExportRepository;
import io.dppmint.core.export.PackStorage;
import io.dppmint.core.kpi.JdbcBrandCounters;
import io.dppmint.jobs.runner.HeldLeases;
import org.apache.commons.csv.CSVPrinter;

import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Completes an export once every pack is recorded, in one transaction: stores the
 * manifest (a CSV listing every pack, then every encrypted NFC key pack, with its rows,
 * size and SHA-256), marks the export completed with the manifest's checksum, counts it
 * in the brand's "Exported / Printed" KPI and audits it. Marking requires this process's
 * lease and all packs recorded.
 */
class ExportCompletion implements Tasklet {

	private final JdbcExportRepository exports;

	private final PackStorage storage;

	private final JdbcBrandCounters counters;

	private final HeldLeases<ExportLease> leases;

	private final ExportAuditTrail auditTrail;

	private final long exportId;

	ExportCompletion(JdbcExportRepository exports, PackStorage storage, JdbcBrandCounters counters,
			HeldLeases<ExportLease> leases, ExportAuditTrail auditTrail, long exportId) {
		this.exports = exports;
		this.storage = storage;
		this.counters = counters;
		this.leases = leases;
		this.auditTrail = auditTrail;
		this.exportId = exportId;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws IOException {
		Export export = this.exports.find(this.exportId)
			.orElseThrow(() -> new IllegalStateException("No export " + this.exportId));
		String owner = this.leases.require(this.exportId).fence();
		List<ExportPack> packs = this.exports.packs(this.exportId);
		if (packs.size() != export.packCount()) {
			throw new IllegalStateException("Export " + this.exportId + " has " + packs.size() + " of "
					+ export.packCount() + " packs recorded: it cannot complete");
		}
		String key = Export.manifestStorageKey(this.exportId);
		long bytes;
		String sha256;
		try (PackStorage.Upload upload = this.storage.create(key)) {
			DigestingOutputStream out = new DigestingOutputStream(upload.stream());
			Writer text = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
			CSVPrinter csv = new CSVPrinter(text,
					PackCsv.FORMAT.builder().setHeader(ExportFiles.MANIFEST_HEADER).get());
			for (ExportPack pack : packs) {
				csv.printRecord(pack.packNumber(), ExportFiles.packFileName(this.exportId, pack.packNumber()),
						pack.firstTokenId(), pack.rowCount(), pack.byteSize(), pack.sha256());
			}
			// An NFC batch's encrypted key packs, with the SHA-256 of their ciphertext.
			for (JdbcExportRepository.KeyPack keyPack : this.exports.keyPacks(this.exportId)) {
				ExportPack pack = packs.get(keyPack.packNumber() - 1);
				csv.printRecord(pack.packNumber(), ExportFiles.keyPackFileName(this.exportId, pack.packNumber()),
						pack.firstTokenId(), pack.rowCount(), keyPack.byteSize(), keyPack.sha256());
			}
			csv.flush();
			upload.commit();
			bytes = out.count();
			sha256 = out.sha256();
		}
		if (!this.exports.markCompleted(this.exportId, owner, key, bytes, sha256)) {
			throw new IllegalStateException("Export " + this.exportId + " could not be marked completed: "
					+ "its lease was taken over or a pack is missing");
		}
		this.counters.exportCompleted(export.brandId());
		this.auditTrail.completed(export, sha256);
		return RepeatStatus.FINISHED;
	}

}
