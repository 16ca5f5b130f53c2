package io.dppmint.benchmarks.export;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.dppmint.benchmarks.database.BenchmarkDatabase;
import io.dppmint.benchmarks.report.Runs;
import io.dppmint.benchmarks.setup.BenchData;
import io.dppmint.core.catalog.Product;
import io.dppmint.core.cli.AppCommand;
import io.dppmint.core.export.Export;
import io.dppmint.core.export.ExportIntake;
import io.dppmint.core.export.ExportStatus;
import io.dppmint.core.export.JdbcExportRepository;
import io.dppmint.core.export.PackStorage;
import io.dppmint.core.minting.ActivationMode;
import io.dppmint.core.minting.MintBatch;
import io.dppmint.core.minting.MintRequest;
import io.dppmint.platform.App;
import io.dppmint.platform.Platform;
import io.dppmint.platform.process.JarProcess;
import org.postgresql.PGConnection;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;

/**
 * {@code ./dpp bench export}: our export of a minted batch as deployed (the export-jobs
 * jar started as its own process; the export requested through {@link ExportIntake} and
 * timed until it reads {@code completed}: every pack written, checksummed, stored and
 * recorded, then the manifest) side by side, on the same database, with a raw
 * single-connection {@code COPY (SELECT ...) TO STDOUT (FORMAT csv)} of the same token
 * rows from this process into one file in the same pack storage, stored the same way
 * (forced to disk, renamed into place): the physical limit. The batch is set up first
 * (accepted by the mint intake, its tokens written with {@code COPY}, before export-jobs
 * starts) and is not timed. {@code --runs N} (5) repeats both, each on a batch of its
 * own, and reports every run and the medians. Ends with one {@code RESULT} line.
 */
class ExportBenchmark implements ApplicationRunner {

	private static final String BRAND = "bench-export";

	private static final String SKU = "BENCH-EXPORT-1";

	/**
	 * Where the baseline's file goes: the same storage as the packs, replaced each run.
	 */
	private static final String BASELINE_KEY = "bench/raw-copy.csv";

	private static final List<String> JVM_OPTIONS = List.of("-Xmx512m");

	private static final Duration EXPORT_TIMEOUT = Duration.ofMinutes(30);

	/**
	 * The baseline: the same rows with the same columns as our packs, formatted by the
	 * server; the token number stands in for its public id, which SQL cannot compute (the
	 * identifier is a keyed FF1 permutation).
	 */
	private static final String COPY_SQL = """
			copy (
				select (t.id - %1$d) / 10000 + 1 as pack, (t.id - %1$d) %% 10000 + 1 as row, t.id as public_id,
					'' as gtin, coalesce(l.lot_number, '') as lot, '' as serial,
					'https://id.example.com/t/' || t.id as resolver_url,
					case t.status when 0 then 'minted' when 1 then 'active' else 'revoked' end as status,
					'active' as activation_mode, t.created_at, '' as gs1_digital_signature
				from tokens t left join lots l on l.id = t.lot_id
				where t.id >= %1$d and t.id < %2$d order by t.id
			) to stdout (format csv, header)""";

	private final ExportIntake exportIntake;

	private final JdbcExportRepository exports;

	private final PackStorage storage;

	private final BenchmarkDatabase database;

	private final BenchData data;

	private final PrintStream out = System.out;

	ExportBenchmark(ExportIntake exportIntake, JdbcExportRepository exports, PackStorage storage,
			BenchmarkDatabase database, BenchData data) {
		this.data = data;
		this.exportIntake = exportIntake;
		this.exports = exports;
		this.storage = storage;
		this.database = database;
	}

	@Override
	public void run(ApplicationArguments arguments) throws Exception {
		int quantity = AppCommand.intOption(arguments, "quantity", 1_000_000);
		if (quantity < 1 || quantity > MintRequest.MAX_QUANTITY) {
			throw new IllegalArgumentException("--quantity must be 1..1,000,000 (one batch)");
		}
		int runs = Runs.checked(AppCommand.intOption(arguments, "runs", 5));
		Product product = benchProduct();
		this.out.printf("Setting up: minting %d x %,d units (and 20,000 for the warm-up) with COPY...%n", runs,
				quantity);
		MintBatch warmUp = mint(product, 20_000);
		// A batch per run: an export that completed is never run again.
		List<MintBatch> batches = new ArrayList<>();
		for (int run = 0; run < runs; run++) {
			batches.add(mint(product, quantity));
		}
		// export-jobs keeps its packs under its DPP_HOME, which is this process's
		// dpp.db.home.
		try (Platform exportJobs = this.data.apps().start(App.EXPORT_JOBS, JVM_OPTIONS, (settings) -> {
		})) {
			JarProcess process = exportJobs.process(App.EXPORT_JOBS);
			this.out.printf("Warming up (20,000 units each way)...%n");
			rawCopy(warmUp);
			ourExport(warmUp, process);
			this.out.printf("Exporting %,d units (%d packs) two ways, one after the other, %d times, on %s%n", quantity,
					Export.packCount(quantity), runs, this.database.url());
			this.out.println();
			this.out.printf("%-4s %-44s %10s %14s %12s %10s%n", "run", "what", "seconds", "units/s", "bytes",
					"vs COPY");
			Runs timed = new Runs(runs);
			for (int run = 0; run < runs; run++) {
				Timed copy = rawCopy(batches.get(run));
				Timed ours = ourExport(batches.get(run), process);
				row(run + 1, "raw COPY (SELECT ...) TO STDOUT, same columns", copy, quantity, copy);
				row(run + 1, "our export (request to completed, " + Export.packCount(quantity) + " packs)", ours,
						quantity, copy);
				timed.add(copy.seconds(), ours.seconds());
			}
			this.out.printf("%nours / raw COPY, run by run: %s%n", timed.ratiosLine());
			this.out.printf(Locale.ROOT,
					"median of %d runs: ours %.3f s, raw COPY %.3f s, ours / raw COPY %.2f (target <= 1.3)%n", runs,
					timed.medianOurs(), timed.medianBaseline(), timed.medianRatio());
			this.out.printf(Locale.ROOT,
					"RESULT export quantity=%d packs=%d runs=%d ours_s=%.3f copy_s=%.3f ratio_vs_copy=%.2f%n", quantity,
					Export.packCount(quantity), runs, timed.medianOurs(), timed.medianBaseline(), timed.medianRatio());
		}
	}

	/**
	 * Request the export through the intake, as the API, the console and the command line
	 * do, and follow it until export-jobs (woken by the request's NOTIFY) has completed
	 * it.
	 */
	private Timed ourExport(MintBatch batch, JarProcess exportJobs) throws InterruptedException {
		long start = System.nanoTime();
		long exportId = this.exportIntake.request(batch.id(), batch.brandId(), "bench").export().id();
		long deadline = System.nanoTime() + EXPORT_TIMEOUT.toNanos();
		Export export;
		while (true) {
			export = this.exports.find(exportId).orElseThrow();
			if (export.status() == ExportStatus.COMPLETED || export.status() == ExportStatus.FAILED) {
				break;
			}
			if (!exportJobs.isAlive() || System.nanoTime() > deadline) {
				throw new IllegalStateException("Export " + exportId + " is still " + export.status()
						+ (exportJobs.isAlive() ? " after " + EXPORT_TIMEOUT.toMinutes() + " minutes"
								: ": export-jobs exited")
						+ "; the end of " + exportJobs.log() + ":\n" + exportJobs.outputTail(40));
			}
			Thread.sleep(5);
		}
		double seconds = seconds(start);
		if (export.status() != ExportStatus.COMPLETED) {
			throw new IllegalStateException("Export " + exportId + " ended " + export.status() + ": " + export.error());
		}
		long bytes = this.exports.packs(exportId).stream().mapToLong((pack) -> pack.byteSize()).sum();
		return new Timed(seconds, bytes);
	}

	private Timed rawCopy(MintBatch batch) throws Exception {
		try (Connection connection = DriverManager.getConnection(this.database.url(), this.database.username(),
				this.database.password())) {
			long start = System.nanoTime();
			long bytes;
			try (PackStorage.Upload upload = this.storage.create(BASELINE_KEY)) {
				CountingOutputStream out = new CountingOutputStream(upload.stream());
				connection.unwrap(PGConnection.class)
					.getCopyAPI()
					.copyOut(COPY_SQL.formatted(batch.firstTokenId(), batch.firstTokenId() + batch.quantity()), out);
				upload.commit();
				bytes = out.count;
			}
			double seconds = seconds(start);
			return new Timed(seconds, bytes);
		}
	}

	private MintBatch mint(Product product, int quantity) {
		return this.data.mint(product, quantity, ActivationMode.ACTIVE);
	}

	private Product benchProduct() {
		return this.data.product(BRAND, "Export benchmark brand", null, SKU);
	}

	private void row(int run, String what, Timed timed, int quantity, Timed copy) {
		this.out.printf("%-4d %-44s %10.3f %,14.0f %,12d %9.2fx%n", run, what, timed.seconds(),
				quantity / timed.seconds(), timed.bytes(), timed.seconds() / copy.seconds());
	}

	private static double seconds(long start) {
		return (System.nanoTime() - start) / 1e9;
	}

	private record Timed(double seconds, long bytes) {

	}

	private static final class CountingOutputStream extends FilterOutputStream {

		private long count;

		CountingOutputStream(OutputStream out) {
			super(out);
		}

		@Override
		public void write(int b) throws IOException {
			this.out.write(b);
			this.count++;
		}

		@Override
		public void write(byte[] bytes, int offset, int length) throws IOException {
			this.out.write(bytes, offset, length);
			this.count += length;
		}

	}

}
