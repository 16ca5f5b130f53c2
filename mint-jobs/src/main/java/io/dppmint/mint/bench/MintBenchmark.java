package io.dppmint.mint.bench;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.dppmint.core.cli.AppCommand;
import io.dppmint.core.catalog.Brand;
import io.dppmint.core.catalog.CommercialStatus;
import io.dppmint.core.catalog.JdbcBrandRepository;
import io.dppmint.core.catalog.JdbcProductRepository;
import io.dppmint.core.catalog.NewBrand;
import io.dppmint.core.catalog.NewProduct;
import io.dppmint.core.catalog.Product;
import io.dppmint.core.minting.ActivationMode;
import io.dppmint.core.minting.IdentityMode;
import io.dppmint.core.minting.JdbcMintBatchRepository;
import io.dppmint.core.minting.MintBatch;
import io.dppmint.core.minting.MintBatchStatus;
import io.dppmint.core.minting.MintIntake;
import io.dppmint.core.minting.MintRequest;
import io.dppmint.core.token.TokenCopy;
import io.dppmint.core.token.TokenStatus;
import io.dppmint.mint.cli.CommandOutcome;
import io.dppmint.mint.launcher.BatchLease;
import io.dppmint.mint.launcher.MintJobRunner;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code ./dpp bench mint}: our mint job end to end (submit to {@code minted}) side by
 * side, in one process and on the same database and table, with (a) a raw
 * single-connection {@code COPY} of the same rows, the physical limit, and (b) a plain
 * Spring Batch job with {@code JdbcBatchItemWriter}, what a user would build. With
 * {@code --concurrent K} it runs one job, then K overlapping jobs, and checks them. With
 * {@code --workers W} (run as a manager, with W worker processes started by
 * {@code ./dpp}) it runs the same batch size once in this process and once through the
 * workers, and reports the cost of distribution. Ends with one {@code RESULT} line.
 */
class MintBenchmark implements ApplicationRunner {

	private static final String BRAND = "bench";

	private static final String SKU = "BENCH-1";

	private static final long BASELINE_RANGE = 1L << 62;

	private final JdbcBrandRepository brands;

	private final JdbcProductRepository products;

	private final MintIntake intake;

	private final JdbcMintBatchRepository batches;

	private final MintJobRunner runner;

	private final MintJobRunner singleProcessRunner;

	private final JdbcConnectionDetails database;

	private final JdbcClient jdbc;

	private final JdbcBatchItemWriterBaseline jdbcBaseline;

	private final CommandOutcome outcome;

	private final PrintStream out = System.out;

	MintBenchmark(JdbcBrandRepository brands, JdbcProductRepository products, MintIntake intake,
			JdbcMintBatchRepository batches, MintJobRunner runner, MintJobRunner singleProcessRunner,
			JdbcConnectionDetails database, JdbcClient jdbc, JdbcBatchItemWriterBaseline jdbcBaseline,
			CommandOutcome outcome) {
		this.brands = brands;
		this.products = products;
		this.intake = intake;
		this.batches = batches;
		this.runner = runner;
		this.singleProcessRunner = singleProcessRunner;
		this.database = database;
		this.jdbc = jdbc;
		this.jdbcBaseline = jdbcBaseline;
		this.outcome = outcome;
	}

	@Override
	public void run(ApplicationArguments arguments) throws Exception {
		int quantity = AppCommand.intOption(arguments, "quantity", 1_000_000);
		int concurrent = AppCommand.intOption(arguments, "concurrent", 1);
		int workers = AppCommand.intOption(arguments, "workers", 0);
		if (workers > 0 && this.singleProcessRunner == null) {
			throw new IllegalArgumentException("--workers needs the manager role (./dpp bench mint --workers N)");
		}
		if (quantity < 1 || quantity > 5_000_000 || concurrent < 1 || concurrent > 8
				|| (concurrent > 1 && quantity > MintRequest.MAX_QUANTITY)) {
			throw new IllegalArgumentException(
					"--quantity must be 1..5,000,000 (1..1,000,000 with --concurrent) and --concurrent 1..8");
		}
		Product product = benchProduct();
		this.out.printf("Warming up (20,000 units each way)...%n");
		rawCopy(20_000);
		mintWithOurJob(product, 20_000);
		jdbcBatchItemWriter(20_000);
		if (workers > 0) {
			mintWithOurJob(this.singleProcessRunner, product, 20_000);
			compareWithSingleProcess(product, quantity, workers);
		}
		else if (concurrent == 1) {
			compareWithBaselines(product, quantity);
		}
		else {
			overlapping(product, quantity, concurrent);
		}
		this.outcome.set(0);
	}

	private void compareWithBaselines(Product product, int quantity) throws Exception {
		this.out.printf("Minting %,d units three ways, one after another, on %s%n", quantity,
				this.database.getJdbcUrl());
		double copy = rawCopy(quantity);
		HeapPeak.reset();
		double ours = mintWithOurJob(product, quantity);
		long heap = HeapPeak.megabytes();
		double jdbc = jdbcBatchItemWriter(quantity);
		this.out.println();
		this.out.printf("%-36s %10s %14s %10s%n", "what", "seconds", "units/s", "vs COPY");
		row("raw COPY, one connection (limit)", copy, quantity, copy);
		row("our mint job (submit to minted)", ours, quantity, copy);
		row("Spring Batch JdbcBatchItemWriter", jdbc, quantity, copy);
		this.out.printf("%nours / raw COPY = %.2f (target <= 1.3); JdbcBatchItemWriter / ours = %.2f (target >= 4);"
				+ " peak heap during ours %d MB (target < 512)%n", ours / copy, jdbc / ours, heap);
		this.out.printf(
				"RESULT mint quantity=%d ours_s=%.3f copy_s=%.3f jdbc_s=%.3f ratio_vs_copy=%.2f speedup_vs_jdbc=%.2f peak_heap_mb=%d%n",
				quantity, ours, copy, jdbc, ours / copy, jdbc / ours, heap);
	}

	private void compareWithSingleProcess(Product product, int quantity, int workers) throws Exception {
		this.out.printf("Minting %,d units in this process, then through %d worker processes, on %s%n", quantity,
				workers, this.database.getJdbcUrl());
		double single = mintWithOurJob(this.singleProcessRunner, product, quantity);
		double remote = mintWithOurJob(this.runner, product, quantity);
		this.out.println();
		this.out.printf("%-36s %10s %14s%n", "what", "seconds", "units/s");
		this.out.printf("%-36s %10.3f %,14.0f%n", "our job, partitions in this process", single, quantity / single);
		this.out.printf("%-36s %10.3f %,14.0f%n", "our job, partitions on " + workers + " workers", remote,
				quantity / remote);
		this.out.printf("%nworkers / single process = %.2f (the cost of distribution; no speedup expected on one"
				+ " machine)%n", remote / single);
		this.out.printf(
				"RESULT mint-workers quantity=%d workers=%d single_s=%.3f workers_s=%.3f ratio_vs_single=%.2f%n",
				quantity, workers, single, remote, remote / single);
	}

	private void overlapping(Product product, int quantity, int jobs) throws Exception {
		this.out.printf("One job of %,d units, then %d overlapping jobs of %,d units%n", quantity, jobs, quantity);
		double single = mintWithOurJob(product, quantity);
		List<MintBatch> submitted = new ArrayList<>();
		long start = System.nanoTime();
		try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<MintBatch>> running = new ArrayList<>();
			for (int i = 0; i < jobs; i++) {
				running.add(executor.submit((Callable<MintBatch>) () -> mint(product, quantity)));
			}
			for (Future<MintBatch> job : running) {
				submitted.add(job.get());
			}
		}
		double total = seconds(start);
		long minted = submitted.stream().filter((batch) -> batch.status() == MintBatchStatus.MINTED).count();
		long rows = 0;
		for (MintBatch batch : submitted) {
			rows += this.jdbc.sql("select count(*) from tokens where id >= :first and id < :end")
				.param("first", batch.firstTokenId())
				.param("end", batch.firstTokenId() + batch.quantity())
				.query(Long.class)
				.single();
		}
		// Token numbers are the primary key, so a duplicate cannot be stored; what could
		// go wrong is a
		// batch writing outside its range or twice into it, which the per-range counts
		// would show.
		long duplicates = rows - (long) jobs * quantity;
		this.out.printf("%n%d jobs: %d minted, %,d rows in their ranges (expected %,d), total %.2f s = %.2f x one job"
				+ " (target <= 3.3)%n", jobs, minted, rows, (long) jobs * quantity, total, total / single);
		this.out.printf(
				"RESULT mint-concurrent quantity=%d jobs=%d minted=%d single_s=%.3f total_s=%.3f"
						+ " ratio_vs_single=%.2f duplicates=%d%n",
				quantity, jobs, minted, single, total, total / single, duplicates);
	}

	/**
	 * Mint {@code quantity} units; above the 1,000,000-unit request limit, as consecutive
	 * full batches.
	 */
	private double mintWithOurJob(Product product, int quantity) throws Exception {
		return mintWithOurJob(this.runner, product, quantity);
	}

	private double mintWithOurJob(MintJobRunner jobRunner, Product product, int quantity) throws Exception {
		long start = System.nanoTime();
		for (int left = quantity; left > 0; left -= MintRequest.MAX_QUANTITY) {
			MintBatch batch = mint(jobRunner, product, Math.min(left, MintRequest.MAX_QUANTITY));
			if (batch.status() != MintBatchStatus.MINTED) {
				throw new IllegalStateException(
						"Batch " + batch.id() + " ended " + batch.status() + ": " + batch.error());
			}
		}
		return seconds(start);
	}

	private MintBatch mint(Product product, int quantity) throws Exception {
		return mint(this.runner, product, quantity);
	}

	private MintBatch mint(MintJobRunner jobRunner, Product product, int quantity) throws Exception {
		MintBatch batch = this.intake
			.submit(new MintRequest(product.brandId(), product.id(), null, IdentityMode.SERIAL, ActivationMode.ACTIVE,
					quantity, List.of(), null), "bench")
			.batch();
		Optional<BatchLease> lease = BatchLease.tryAcquire(this.database, batch.id());
		try (BatchLease held = lease.orElseThrow(() -> new IllegalStateException(
				"Another process took batch " + batch.id() + ": stop mint-jobs first"))) {
			jobRunner.run(held);
		}
		return this.batches.find(batch.id()).orElseThrow();
	}

	private double rawCopy(int quantity) throws Exception {
		long first = reserveBlock();
		try (Connection connection = DriverManager.getConnection(this.database.getJdbcUrl(),
				this.database.getUsername(), this.database.getPassword())) {
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

	private void deleteRange(long first, int quantity) {
		this.jdbc.sql("delete from tokens where id >= :first and id < :end")
			.param("first", first)
			.param("end", first + quantity)
			.update();
	}

	private Product benchProduct() {
		Brand brand = this.brands.findByCode(BRAND)
			.orElseGet(() -> this.brands
				.create(new NewBrand(BRAND, "Benchmark brand", List.of(), false, null, "https://id.example.com")));
		return this.products.findByBrandAndSku(brand.id(), SKU)
			.orElseGet(() -> this.products.create(new NewProduct(brand.id(), SKU, "Benchmark product", null,
					Map.of("material", "benchmark"), CommercialStatus.ACTIVE)));
	}

	private void row(String what, double seconds, int quantity, double copy) {
		this.out.printf("%-36s %10.3f %,14.0f %9.2fx%n", what, seconds, quantity / seconds, seconds / copy);
	}

	private static double seconds(long start) {
		return (System.nanoTime() - start) / 1e9;
	}

}
