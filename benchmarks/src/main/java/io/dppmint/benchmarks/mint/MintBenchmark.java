package io.dppmint.benchmarks.mint;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.dppmint.benchmarks.database.BenchmarkDatabase;
import io.dppmint.benchmarks.report.Runs;
import io.dppmint.benchmarks.setup.BenchData;
import io.dppmint.core.catalog.Product;
import io.dppmint.core.cli.AppCommand;
import io.dppmint.core.minting.ActivationMode;
import io.dppmint.core.minting.IdentityMode;
import io.dppmint.core.minting.MintBatch;
import io.dppmint.core.minting.MintBatchStatus;
import io.dppmint.core.minting.MintIntake;
import io.dppmint.core.minting.MintRequest;
import io.dppmint.core.token.TokenCopy;
import io.dppmint.core.token.TokenStatus;
import io.dppmint.platform.App;
import io.dppmint.platform.Platform;
import io.dppmint.platform.process.JarProcess;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;

/**
 * {@code ./dpp bench mint}: our mint job end to end, as deployed (the mint-jobs jar
 * started as its own process, a request accepted by {@link MintIntake} and timed until
 * the batch reads {@code minted}), side by side on the same database and table with (a) a
 * raw single-connection {@code COPY} of the same rows from this process, the physical
 * limit, and (b) a plain Spring Batch job with {@code JdbcBatchItemWriter} in this
 * process, what a user would build. It also reports mint-jobs' peak heap during our job
 * ({@link HeapPeak}). With {@code --concurrent K} it runs one job, then K overlapping
 * jobs, and checks them. With {@code --workers W} it mints the same quantity with a
 * standalone mint-jobs, then with mint-jobs as a manager and W worker processes, and
 * reports the cost of distribution. {@code --runs N} repeats the raw COPY and our job N
 * times and reports the medians. Ends with one {@code RESULT} line.
 */
class MintBenchmark implements ApplicationRunner {

	private static final String BRAND = "bench";

	private static final String SKU = "BENCH-1";

	private static final String SIGNED_BRAND = "bench-gs1";

	private static final String SIGNED_SKU = "BENCH-GS1-1";

	/** The GS1 company prefix of the signed benchmark's brand (GS1's example prefix). */
	private static final String SIGNED_COMPANY_PREFIX = "9506000";

	private static final long BASELINE_RANGE = 1L << 62;

	private static final int WARM_UP = 20_000;

	private static final List<String> JVM_OPTIONS = List.of("-Xmx512m");

	private static final Duration MINT_TIMEOUT = Duration.ofMinutes(30);

	private final MintIntake intake;

	private final BenchmarkDatabase database;

	private final JdbcBatchItemWriterBaseline jdbcBaseline;

	private final BenchData data;

	private final PrintStream out = System.out;

	MintBenchmark(MintIntake intake, BenchmarkDatabase database, JdbcBatchItemWriterBaseline jdbcBaseline,
			BenchData data) {
		this.data = data;
		this.intake = intake;
		this.database = database;
		this.jdbcBaseline = jdbcBaseline;
	}

	@Override
	public void run(ApplicationArguments arguments) throws Exception {
		int quantity = AppCommand.intOption(arguments, "quantity", 1_000_000);
		int concurrent = AppCommand.intOption(arguments, "concurrent", 1);
		int workers = AppCommand.intOption(arguments, "workers", 0);
		int runs = Runs.checked(AppCommand.intOption(arguments, "runs", 1));
		if (quantity < 1 || quantity > 5_000_000 || concurrent < 1 || concurrent > 8 || workers < 0 || workers > 16
				|| (concurrent > 1 && quantity > MintRequest.MAX_QUANTITY)) {
			throw new IllegalArgumentException("--quantity must be 1..5,000,000 (1..1,000,000 with --concurrent),"
					+ " --concurrent 1..8 and --workers 0..16");
		}
		if (arguments.containsOption("signed")) {
			if (concurrent > 1 || workers > 0 || quantity > MintRequest.MAX_QUANTITY) {
				throw new IllegalArgumentException(
						"--signed compares one signed and one unsigned job of up to 1,000,000 units: no --concurrent"
								+ " or --workers");
			}
			signedAgainstUnsigned(quantity, runs);
			return;
		}
		Product product = benchProduct();
		if (workers > 0) {
			compareWithSingleProcess(product, quantity, workers);
			return;
		}
		try (Platform mintJobs = startMintJobs(-1)) {
			this.out.printf("Warming up (20,000 units each way)...%n");
			rawCopy(WARM_UP);
			mintWithOurJob(mintJobs, product, WARM_UP);
			jdbcBatchItemWriter(WARM_UP);
			if (concurrent == 1) {
				compareWithBaselines(mintJobs, product, quantity, runs);
			}
			else {
				overlapping(mintJobs, product, quantity, concurrent);
			}
		}
	}

	/**
	 * The raw COPY and our job, one after the other, {@code runs} times (each pair sees
	 * the same machine), then the {@code JdbcBatchItemWriter} job once: it is only there
	 * to show a factor, and takes five times as long.
	 */
	private void compareWithBaselines(Platform mintJobs, Product product, int quantity, int runs) throws Exception {
		this.out.printf(
				"Minting %,d units: raw COPY and our job one after the other, %d time%s, then the"
						+ " JdbcBatchItemWriter job, on %s%n",
				quantity, runs, (runs == 1) ? "" : "s", this.database.url());
		this.out.println();
		this.out.printf("%-4s %-36s %10s %14s %10s%n", "run", "what", "seconds", "units/s", "vs COPY");
		Runs timed = new Runs(runs);
		long heap = 0;
		for (int run = 1; run <= runs; run++) {
			double copy = rawCopy(quantity);
			double ours;
			try (HeapPeak heapPeak = HeapPeak.of(mintJobs.process(App.MINT_JOBS).pid())) {
				heapPeak.reset();
				ours = mintWithOurJob(mintJobs, product, quantity);
				heap = Math.max(heap, heapPeak.megabytes());
			}
			timed.add(copy, ours);
			row(Integer.toString(run), "raw COPY, one connection (limit)", copy, quantity, copy);
			row(Integer.toString(run), "our mint job (submit to minted)", ours, quantity, copy);
		}
		double ours = timed.medianOurs();
		double copy = timed.medianBaseline();
		double jdbc = jdbcBatchItemWriter(quantity);
		row("", "Spring Batch JdbcBatchItemWriter", jdbc, quantity, copy);
		if (runs > 1) {
			this.out.printf("%nours / raw COPY, run by run: %s; medians: ours %.3f s, raw COPY %.3f s%n",
					timed.ratiosLine(), ours, copy);
		}
		this.out.printf(Locale.ROOT,
				"%nours / raw COPY = %.2f (target <= 1.3); JdbcBatchItemWriter / ours = %.2f (target >= 4);"
						+ " peak heap of mint-jobs during ours %d MB (target < 512)%n",
				timed.medianRatio(), jdbc / ours, heap);
		this.out.printf(Locale.ROOT,
				"RESULT mint quantity=%d runs=%d ours_s=%.3f copy_s=%.3f jdbc_s=%.3f ratio_vs_copy=%.2f speedup_vs_jdbc=%.2f peak_heap_mb=%d%n",
				quantity, runs, ours, copy, jdbc, timed.medianRatio(), jdbc / ours, heap);
	}

	/**
	 * {@code --signed}: the same quantity of the same GS1 product minted unsigned, then
	 * signed (GS1 AI 8030, one ECDSA P-256 signature per unit, COPYed with its chunk), by
	 * one standalone mint-jobs on the same database, {@code runs} times; reports the cost
	 * of signing against unsigned minting.
	 */
	private void signedAgainstUnsigned(int quantity, int runs) throws Exception {
		Product product = this.data.product(SIGNED_BRAND, "Benchmark GS1 brand", SIGNED_COMPANY_PREFIX, SIGNED_SKU);
		try (Platform mintJobs = startMintJobs(-1)) {
			this.out.printf("Warming up (20,000 units unsigned and signed)...%n");
			mintWithOurJob(mintJobs, product, WARM_UP, false);
			mintWithOurJob(mintJobs, product, WARM_UP, true);
			this.out.printf("Minting %,d units unsigned, then signed (GS1 AI 8030, ECDSA P-256), %d time%s, on %s%n",
					quantity, runs, (runs == 1) ? "" : "s", this.database.url());
			this.out.println();
			this.out.printf("%-4s %-36s %10s %14s %12s%n", "run", "what", "seconds", "units/s", "vs unsigned");
			Runs timed = new Runs(runs);
			long heap = 0;
			for (int run = 1; run <= runs; run++) {
				double unsigned = mintWithOurJob(mintJobs, product, quantity, false);
				double signed;
				try (HeapPeak heapPeak = HeapPeak.of(mintJobs.process(App.MINT_JOBS).pid())) {
					heapPeak.reset();
					signed = mintWithOurJob(mintJobs, product, quantity, true);
					heap = Math.max(heap, heapPeak.megabytes());
				}
				timed.add(unsigned, signed);
				this.out.printf("%-4s %-36s %10.3f %,14.0f %11.2fx%n", run, "unsigned mint job", unsigned,
						quantity / unsigned, 1.0);
				this.out.printf("%-4s %-36s %10.3f %,14.0f %11.2fx%n", run, "signed mint job (--signed)", signed,
						quantity / signed, signed / unsigned);
			}
			double unsigned = timed.medianBaseline();
			double signed = timed.medianOurs();
			this.out.println();
			this.out.printf(
					"RESULT mint-signed quantity=%d runs=%d unsigned_s=%.3f signed_s=%.3f ratio_vs_unsigned=%.2f"
							+ " signatures_per_s=%.0f peak_heap_mb=%d%n",
					quantity, runs, unsigned, signed, timed.medianRatio(), quantity / signed, heap);
		}
	}

	/**
	 * The same quantity minted by a standalone mint-jobs (partitions on its own threads),
	 * then by mint-jobs as a manager handing its partitions to {@code workers} worker
	 * processes; each warmed up first.
	 */
	private void compareWithSingleProcess(Product product, int quantity, int workers) throws Exception {
		this.out.printf("Minting %,d units with partitions in one mint-jobs process, then through a manager and %d"
				+ " worker processes, on %s%n", quantity, workers, this.database.url());
		double single;
		try (Platform standalone = startMintJobs(-1)) {
			this.out.printf("Warming up (20,000 units)...%n");
			mintWithOurJob(standalone, product, WARM_UP);
			single = mintWithOurJob(standalone, product, quantity);
		}
		double remote;
		try (Platform manager = startMintJobs(workers)) {
			this.out.printf("Warming up (20,000 units)...%n");
			mintWithOurJob(manager, product, WARM_UP);
			remote = mintWithOurJob(manager, product, quantity);
		}
		this.out.println();
		this.out.printf("%-36s %10s %14s%n", "what", "seconds", "units/s");
		this.out.printf("%-36s %10.3f %,14.0f%n", "our job, partitions in one process", single, quantity / single);
		this.out.printf("%-36s %10.3f %,14.0f%n", "our job, partitions on " + workers + " workers", remote,
				quantity / remote);
		this.out.printf("%nworkers / single process = %.2f (the cost of distribution; no speedup expected on one"
				+ " machine)%n", remote / single);
		this.out.printf(
				"RESULT mint-workers quantity=%d workers=%d single_s=%.3f workers_s=%.3f ratio_vs_single=%.2f%n",
				quantity, workers, single, remote, remote / single);
	}

	private void overlapping(Platform mintJobs, Product product, int quantity, int jobs) throws Exception {
		this.out.printf("One job of %,d units, then %d overlapping jobs of %,d units%n", quantity, jobs, quantity);
		double single = mintWithOurJob(mintJobs, product, quantity);
		List<MintBatch> submitted = new ArrayList<>();
		long start = System.nanoTime();
		try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<MintBatch>> running = new ArrayList<>();
			for (int i = 0; i < jobs; i++) {
				running.add(executor.submit((Callable<MintBatch>) () -> mint(mintJobs, product, quantity)));
			}
			for (Future<MintBatch> job : running) {
				submitted.add(job.get());
			}
		}
		double total = seconds(start);
		long minted = submitted.stream().filter((batch) -> batch.status() == MintBatchStatus.MINTED).count();
		long rows = 0;
		for (MintBatch batch : submitted) {
			rows += this.data.jdbc()
				.sql("select count(*) from tokens where id >= :first and id < :end")
				.param("first", batch.firstTokenId())
				.param("end", batch.firstTokenId() + batch.quantity())
				.query(Long.class)
				.single();
		}
		// Token numbers are the primary key, so a duplicate cannot be stored; what could
		// go wrong is a batch writing outside its range or twice into it, which the
		// per-range counts would show.
		long duplicates = rows - (long) jobs * quantity;
		this.out.printf("%n%d jobs: %d minted, %,d rows in their ranges (expected %,d), total %.2f s = %.2f x one job"
				+ " (target <= 3.3)%n", jobs, minted, rows, (long) jobs * quantity, total, total / single);
		this.out.printf(
				"RESULT mint-concurrent quantity=%d jobs=%d minted=%d single_s=%.3f total_s=%.3f"
						+ " ratio_vs_single=%.2f duplicates=%d%n",
				quantity, jobs, minted, single, total, total / single, duplicates);
	}

	/**
	 * mint-jobs started for the benchmark: standalone ({@code workers} &lt; 0), or as a
	 * manager with {@code workers} worker processes.
	 */
	private Platform startMintJobs(int workers) {
		return this.data.apps().start(App.MINT_JOBS, JVM_OPTIONS, (settings) -> {
			if (workers >= 0) {
				settings.workers(workers).workerJvmOptions(JVM_OPTIONS);
			}
		});
	}

	/**
	 * Mint {@code quantity} units; above the 1,000,000-unit request limit, as consecutive
	 * full batches.
	 */
	private double mintWithOurJob(Platform mintJobs, Product product, int quantity) throws Exception {
		return mintWithOurJob(mintJobs, product, quantity, false);
	}

	private double mintWithOurJob(Platform mintJobs, Product product, int quantity, boolean signed) throws Exception {
		long start = System.nanoTime();
		for (int left = quantity; left > 0; left -= MintRequest.MAX_QUANTITY) {
			MintBatch batch = mint(mintJobs, product, Math.min(left, MintRequest.MAX_QUANTITY), signed);
			if (batch.status() != MintBatchStatus.MINTED) {
				throw new IllegalStateException(
						"Batch " + batch.id() + " ended " + batch.status() + ": " + batch.error());
			}
		}
		return seconds(start);
	}

	/**
	 * Submit a request through the intake, as the API, the console and the command line
	 * do, and follow the batch until mint-jobs has finished it.
	 */
	private MintBatch mint(Platform mintJobs, Product product, int quantity) throws InterruptedException {
		return mint(mintJobs, product, quantity, false);
	}

	private MintBatch mint(Platform mintJobs, Product product, int quantity, boolean signed)
			throws InterruptedException {
		MintBatch batch = this.intake
			.submit(new MintRequest(product.brandId(), product.id(), null, IdentityMode.SERIAL, ActivationMode.ACTIVE,
					quantity, List.of(), null)
				.withSigned(signed), "bench")
			.batch();
		JarProcess process = mintJobs.process(App.MINT_JOBS);
		long deadline = System.nanoTime() + MINT_TIMEOUT.toNanos();
		while (true) {
			String status = this.data.jdbc()
				.sql("select status from mint_batches where id = :id")
				.param("id", batch.id())
				.query(String.class)
				.single();
			if (status.equals("minted") || status.equals("failed")) {
				return this.data.batches().find(batch.id()).orElseThrow();
			}
			if (!process.isAlive() || System.nanoTime() > deadline) {
				throw new IllegalStateException("Batch " + batch.id() + " is still " + status
						+ (process.isAlive() ? " after " + MINT_TIMEOUT.toMinutes() + " minutes" : ": mint-jobs exited")
						+ "; the end of " + process.log() + ":\n" + process.outputTail(40));
			}
			Thread.sleep(5);
		}
	}

	private double rawCopy(int quantity) throws Exception {
		long first = reserveBlock();
		try (Connection connection = DriverManager.getConnection(this.database.url(), this.database.username(),
				this.database.password())) {
			connection.setAutoCommit(false);
			long start = System.nanoTime();
			TokenCopy copy = new TokenCopy().begin();
			for (int i = 0; i < quantity; i++) {
				copy.add(first + i, 0, 0, TokenStatus.ACTIVE);
			}
			copy.copyTo(connection);
			connection.commit();
			double seconds = seconds(start);
			deleteRange(first, quantity);
			return seconds;
		}
	}

	private double jdbcBatchItemWriter(int quantity) throws Exception {
		long first = reserveBlock();
		long start = System.nanoTime();
		this.jdbcBaseline.run(first, quantity, 0);
		double seconds = seconds(start);
		deleteRange(first, quantity);
		return seconds;
	}

	/**
	 * Where baseline rows go: far above anything the token sequence hands out, so they
	 * can never meet real tokens; each baseline deletes its rows again after being timed.
	 */
	private long reserveBlock() {
		return BASELINE_RANGE;
	}

	/**
	 * Delete a baseline's rows, and vacuum them away before anything else is timed: left
	 * to autovacuum, a million dead rows would be vacuumed during the next contender's
	 * run and slow it down.
	 */
	private void deleteRange(long first, int quantity) {
		this.data.jdbc()
			.sql("delete from tokens where id >= :first and id < :end")
			.param("first", first)
			.param("end", first + quantity)
			.update();
		this.data.jdbc().sql("vacuum tokens").update();
	}

	private Product benchProduct() {
		return this.data.product(BRAND, "Benchmark brand", null, SKU);
	}

	private void row(String run, String what, double seconds, int quantity, double copy) {
		this.out.printf("%-4s %-36s %10.3f %,14.0f %9.2fx%n", run, what, seconds, quantity / seconds, seconds / copy);
	}

	private static double seconds(long start) {
		return (System.nanoTime() - start) / 1e9;
	}

}
