package io.dppmint.export.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.dppmint.core.catalog.Product;
import io.dppmint.core.export.Export;
import io.dppmint.core.export.ExportIntake;
import io.dppmint.core.export.ExportLockedException;
import io.dppmint.core.export.ExportPack;
import io.dppmint.core.export.ExportStatus;
import io.dppmint.core.export.JdbcExportRepository;
import io.dppmint.core.export.LocalDirectoryPackStorage;
import io.dppmint.core.export.PackStorage;
import io.dppmint.core.fixtures.Fixtures;
import io.dppmint.core.minting.MintBatch;
import io.dppmint.core.token.TokenStatus;
import io.dppmint.export.ExportPacks;
import io.dppmint.testsupport.AppProcess;
import io.dppmint.testsupport.ProcessPause;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code ./dpp export --batch ID} as a scheduler runs it: the packaged app as a separate
 * JVM (a Spring Cloud Task). Includes the kill test: SIGKILL mid-export, the lease holds
 * others off until it expires, then a new run resumes at the first incomplete pack and
 * leaves every completed pack byte for byte as it was; and the fencing test: a process
 * paused (SIGSTOP) past its lease while another completes the export wakes up and
 * records, stores and fails nothing.
 */
class ExportCommandIntegrationTests {

	/** Where the export-jobs processes started here store packs. */
	private static final Path STORAGE_ROOT = Path.of("target", "process-packs").toAbsolutePath();

	private final Fixtures fixtures = Fixtures.onTestPostgres();

	private final JdbcClient jdbc = this.fixtures.jdbc();

	private final JdbcExportRepository exports = this.fixtures.exports();

	private final ExportIntake intake = this.fixtures.exportIntake();

	private final PackStorage storage = new LocalDirectoryPackStorage(STORAGE_ROOT);

	@Test
	void exportsABatchPrintsItsPacksAndChecksumsAndExitsZero() throws Exception {
		Product product = this.fixtures.aProduct().create();
		MintBatch batch = this.fixtures.aMintedBatch(product).quantity(20_001).create();

		int exit = run("cli-export", "export", "--batch=" + batch.id());

		String output = AppProcess.output("cli-export");
		assertThat(exit).as(output).isZero();
		Export export = this.exports.findByBatch(batch.id()).orElseThrow();
		assertThat(export.status()).isEqualTo(ExportStatus.COMPLETED);
		List<ExportPack> packs = this.exports.packs(export.id());
		assertThat(packs).hasSize(3);
		for (ExportPack pack : packs) {
			assertThat(output).contains(pack.sha256());
			assertThat(ExportPacks.sha256(ExportPacks.bytes(this.storage, pack.storageKey()))).isEqualTo(pack.sha256());
		}
		assertThat(output).contains(export.manifestSha256())
			.contains("Export " + export.id() + " completed: 3 of 3 packs");
		assertThat(this.jdbc.sql("select count(*) from task_execution where task_name = 'dpp-export' and exit_code = 0")
			.query(Long.class)
			.single()).isPositive();

		int again = run("cli-export-again", "export", "--batch=" + batch.id());

		assertThat(again).isZero();
		assertThat(AppProcess.output("cli-export-again")).contains("already completed");
		assertThat(this.exports.packs(export.id())).isEqualTo(packs);
	}

	@Test
	void rejectsAnUnknownBatchWithExitCodeTwoAndWritesNothing() throws Exception {
		long before = this.jdbc.sql("select count(*) from exports").query(Long.class).single();

		int exit = run("cli-unknown", "export", "--batch=987654321");

		assertThat(exit).isEqualTo(2);
		assertThat(AppProcess.output("cli-unknown")).contains("unknown_batch").contains("There is no batch 987654321");
		assertThat(this.jdbc.sql("select count(*) from exports").query(Long.class).single()).isEqualTo(before);
	}

	@Test
	void resumesAKilledExportAtItsFirstIncompletePackWithCompletedPacksUnchanged() throws Exception {
		Product product = this.fixtures.aProduct().create();
		MintBatch batch = this.fixtures.aMintedBatch(product).quantity(150_000).create();

		Process first = start("kill-export-first", "export", "--batch=" + batch.id(),
				"--dpp.export.job.pack-delay=400ms", "--dpp.export.lease-duration=6s");
		Export export;
		List<ExportPack> beforeKill;
		try {
			export = awaitExport(batch.id(), Duration.ofSeconds(90));
			beforeKill = awaitPacks(export.id(), 3, Duration.ofSeconds(90));
		}
		finally {
			first.destroyForcibly();
			first.waitFor(30, TimeUnit.SECONDS);
		}
		List<ExportPack> killed = this.exports.packs(export.id());
		assertThat(killed.size()).isBetween(beforeKill.size(), 14);
		List<byte[]> files = new java.util.ArrayList<>();
		for (ExportPack pack : killed) {
			files.add(ExportPacks.bytes(this.storage, pack.storageKey()));
		}
		Export interrupted = this.exports.find(export.id()).orElseThrow();
		assertThat(interrupted.status()).isEqualTo(ExportStatus.RUNNING);
		// The dead process's lease still holds others off until it expires.
		assertThatExceptionOfType(ExportLockedException.class)
			.isThrownBy(() -> this.intake.request(batch.id(), null, "test"))
			.withMessageContaining("its lease ends at");
		awaitLeaseExpiry(export.id(), Duration.ofSeconds(30));
		// Completed packs would read differently now, were they regenerated.
		this.jdbc.sql("update tokens set status = :status where id >= :first and id < :end")
			.param("status", TokenStatus.REVOKED.code())
			.param("first", batch.firstTokenId())
			.param("end", batch.firstTokenId() + 150_000)
			.update();

		int exit = run("kill-export-second", "export", "--batch=" + batch.id());

		String output = AppProcess.output("kill-export-second");
		assertThat(exit).as(output).isZero();
		assertThat(output).contains("resuming after " + killed.size() + " completed packs");
		Export completed = this.exports.find(export.id()).orElseThrow();
		assertThat(completed.status()).isEqualTo(ExportStatus.COMPLETED);
		List<ExportPack> packs = this.exports.packs(export.id());
		assertThat(packs).hasSize(15);
		assertThat(packs.subList(0, killed.size())).isEqualTo(killed);
		for (int i = 0; i < packs.size(); i++) {
			byte[] bytes = ExportPacks.bytes(this.storage, packs.get(i).storageKey());
			assertThat(ExportPacks.sha256(bytes)).isEqualTo(packs.get(i).sha256());
			if (i < killed.size()) {
				assertThat(bytes).as("pack %d", i + 1).isEqualTo(files.get(i));
				assertThat(ExportPacks.records(bytes)).noneMatch((row) -> row.get("status").equals("revoked"));
			}
			else {
				assertThat(ExportPacks.records(bytes)).allMatch((row) -> row.get("status").equals("revoked"));
			}
		}
		assertThat(this.jdbc.sql("""
				select action from audit_events where entity_type = 'export' and entity_id = :id order by id""")
			.param("id", Long.toString(export.id()))
			.query(String.class)
			.list()).containsSubsequence("requested", "started", "pack_completed", "resume_requested", "resumed",
					"pack_completed", "completed");
	}

	@Test
	void aProcessPausedPastItsLeaseRecordsNothingMoreWhenItWakes() throws Exception {
		Product product = this.fixtures.aProduct().create();
		MintBatch batch = this.fixtures.aMintedBatch(product).quantity(150_000).create();
		Process stalled = start("fence-export-stalled", "export", "--batch=" + batch.id(),
				"--dpp.export.job.pack-delay=300ms", "--dpp.export.lease-duration=3s");
		try {
			Export export = awaitExport(batch.id(), Duration.ofSeconds(90));
			awaitPacks(export.id(), 2, Duration.ofSeconds(90));
			ProcessPause.pauseOutsideTransactions(stalled, this.jdbc, Duration.ofSeconds(30));
			int recordedBeforePause = this.exports.packs(export.id()).size();
			awaitLeaseExpiry(export.id(), Duration.ofSeconds(30));
			// Packs written from now on read differently from those the paused process
			// has
			// ready, so a stale pack stored over a recorded one would show.
			this.jdbc.sql("update tokens set status = :status where id >= :first and id < :end")
				.param("status", TokenStatus.REVOKED.code())
				.param("first", batch.firstTokenId())
				.param("end", batch.firstTokenId() + 150_000)
				.update();

			int exit = run("fence-export-takeover", "export", "--batch=" + batch.id());

			assertThat(exit).as(AppProcess.output("fence-export-takeover")).isZero();
			List<ExportPack> packs = this.exports.packs(export.id());
			assertThat(packs).hasSize(15);
			List<byte[]> files = new java.util.ArrayList<>();
			for (ExportPack pack : packs) {
				files.add(ExportPacks.bytes(this.storage, pack.storageKey()));
			}
			List<String> audit = auditActions(export.id());

			// It wakes up believing it still runs the export, with its next pack ready.
			ProcessPause.resume(stalled);
			assertThat(stalled.waitFor(60, TimeUnit.SECONDS)).as(AppProcess.output("fence-export-stalled")).isTrue();

			String output = AppProcess.output("fence-export-stalled");
			assertThat(output).contains("is no longer leased to");
			assertThat(this.exports.find(export.id()).orElseThrow().status()).isEqualTo(ExportStatus.COMPLETED);
			assertThat(this.exports.packs(export.id())).isEqualTo(packs);
			for (int i = 0; i < packs.size(); i++) {
				byte[] bytes = ExportPacks.bytes(this.storage, packs.get(i).storageKey());
				assertThat(bytes).as("pack %d", i + 1).isEqualTo(files.get(i));
				assertThat(ExportPacks.sha256(bytes)).isEqualTo(packs.get(i).sha256());
				if (i >= recordedBeforePause) {
					assertThat(ExportPacks.records(bytes)).as("pack %d", i + 1)
						.allMatch((row) -> row.get("status").equals("revoked"));
				}
			}
			assertThat(auditActions(export.id())).isEqualTo(audit).doesNotContain("failed");
		}
		finally {
			ProcessPause.resume(stalled);
			stalled.destroyForcibly();
			stalled.waitFor(30, TimeUnit.SECONDS);
		}
	}

	private List<String> auditActions(long exportId) {
		return this.jdbc.sql("""
				select action from audit_events where entity_type = 'export' and entity_id = :id order by id""")
			.param("id", Long.toString(exportId))
			.query(String.class)
			.list();
	}

	/**
	 * The packaged export-jobs app as a separate JVM storing packs under
	 * {@link #STORAGE_ROOT}.
	 */
	private static Process start(String logName, String... arguments) {
		return AppProcess
			.start(AppProcess.packagedJar("export-jobs"), logName,
					Map.of("DPP_EXPORT_STORAGE_ROOT", STORAGE_ROOT.toString()), List.of(arguments))
			.process();
	}

	private int run(String logName, String... arguments) throws Exception {
		Process process = start(logName, arguments);
		if (!process.waitFor(180, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new AssertionError("export-jobs did not finish in 180 s: " + AppProcess.output(logName));
		}
		return process.exitValue();
	}

	private Export awaitExport(long batchId, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			var export = this.exports.findByBatch(batchId);
			if (export.isPresent()) {
				return export.get();
			}
			Thread.sleep(20);
		}
		throw new AssertionError("No export of batch " + batchId + " in " + timeout);
	}

	private List<ExportPack> awaitPacks(long exportId, int count, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			List<ExportPack> packs = this.exports.packs(exportId);
			if (packs.size() >= count) {
				return packs;
			}
			Thread.sleep(20);
		}
		throw new AssertionError("Export " + exportId + " did not reach " + count + " packs in " + timeout);
	}

	private void awaitLeaseExpiry(long exportId, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (this.jdbc.sql("select lease_expires_at < now() from exports where id = :id")
				.param("id", exportId)
				.query(Boolean.class)
				.single()) {
				return;
			}
			Thread.sleep(100);
		}
		throw new AssertionError("The lease of export " + exportId + " did not expire in " + timeout);
	}

}
