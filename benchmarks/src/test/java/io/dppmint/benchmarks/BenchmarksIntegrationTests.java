package io.dppmint.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.dppmint.benchmarks.database.BenchmarkDatabase;
import io.dppmint.platform.process.JarProcess;
import io.dppmint.testsupport.AppProcess;
import io.dppmint.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmarks end to end at tiny sizes, as {@code ./dpp bench} runs them: the packaged
 * {@code benchmarks.jar} as a process, which starts the packaged app it measures, against
 * the test database given as {@code DPP_DB_URL}. The figures mean nothing at this size
 * and on a busy machine; what is checked is that every unit is minted or exported, the
 * baselines clean up, and the {@code RESULT} line keeps the keys the docs quote. And that
 * a database not marked for benchmarks is refused before anything is written.
 */
class BenchmarksIntegrationTests {

	private static final Pattern RESULT = Pattern.compile("^RESULT (\\S+)((?: \\S+=\\S+)+)$", Pattern.MULTILINE);

	private static final Duration TIMEOUT = Duration.ofMinutes(5);

	private final TestPostgres postgres = TestPostgres.get();

	private final JdbcClient jdbc = JdbcClient.create(this.postgres.dataSource());

	@Test
	void mintBenchmarkMintsEveryUnitOnAMarkedDatabase(TestInfo test) throws Exception {
		mark(true);

		Run run = benchmark(test, "mint", "--quantity=30000");

		assertThat(run.status()).as(run.output()).isZero();
		Map<String, String> result = run.result("mint");
		assertThat(result).containsOnlyKeys("quantity", "runs", "ours_s", "copy_s", "jdbc_s", "ratio_vs_copy",
				"speedup_vs_jdbc", "peak_heap_mb");
		assertThat(result.get("quantity")).isEqualTo("30000");
		assertThat(result.get("runs")).isEqualTo("1");
		assertThat(Double.parseDouble(result.get("ours_s"))).isPositive();
		assertThat(Double.parseDouble(result.get("copy_s"))).isPositive();
		assertThat(Double.parseDouble(result.get("jdbc_s"))).isPositive();
		// The ratio is ours / copy before the times are printed to the millisecond and it
		// to the hundredth: at this size copy takes a few tens of milliseconds, so the
		// printed times' rounding alone moves their quotient by more than a hundredth.
		double ours = Double.parseDouble(result.get("ours_s"));
		double copy = Double.parseDouble(result.get("copy_s"));
		assertThat(Double.parseDouble(result.get("ratio_vs_copy"))).isBetween((ours - 0.0005) / (copy + 0.0005) - 0.005,
				(ours + 0.0005) / (copy - 0.0005) + 0.005);
		assertThat(Long.parseLong(result.get("peak_heap_mb"))).isBetween(1L, 511L);
		// The measured job (after the 20,000-unit warm-up): minted by mint-jobs, every
		// unit
		// in its range once.
		Map<String, Object> batch = this.jdbc.sql("""
				select b.status, b.quantity, b.minted_count,
					(select count(*) from tokens t where t.id >= b.first_token_id
						and t.id < b.first_token_id + b.quantity) as rows
				from mint_batches b join brands br on br.id = b.brand_id
				where br.code = 'bench' order by b.id desc limit 1""").query().singleRow();
		assertThat(batch).containsEntry("status", "minted")
			.containsEntry("quantity", 30_000)
			.containsEntry("minted_count", 30_000L)
			.containsEntry("rows", 30_000L);
		assertThat(this.jdbc.sql("select count(*) from tokens where id >= :baselines")
			.param("baselines", 1L << 62)
			.query(Long.class)
			.single()).as("baseline rows left behind").isZero();
		assertThat(run.home().resolve("bench/logs/mint-jobs.log")).content().contains("Started MintJobsApplication");
	}

	@Test
	void exportBenchmarkWritesEveryPackOnAMarkedDatabase(TestInfo test) throws Exception {
		mark(true);

		Run run = benchmark(test, "export", "--quantity=30000", "--runs=2");

		assertThat(run.status()).as(run.output()).isZero();
		Map<String, String> result = run.result("export");
		assertThat(result).containsOnlyKeys("quantity", "packs", "runs", "ours_s", "copy_s", "ratio_vs_copy");
		assertThat(result).containsEntry("quantity", "30000").containsEntry("packs", "3").containsEntry("runs", "2");
		assertThat(run.output()).contains("ours / raw COPY, run by run: ").contains("median of 2 runs");
		assertThat(Double.parseDouble(result.get("ours_s"))).isPositive();
		assertThat(Double.parseDouble(result.get("copy_s"))).isPositive();
		Map<String, Object> export = this.jdbc.sql("""
				select e.status, e.pack_count, (select count(*) from export_packs p where p.export_id = e.id) as packs,
					(select sum(p.row_count) from export_packs p where p.export_id = e.id) as rows
				from exports e join mint_batches b on b.id = e.batch_id
				where b.quantity = 30000 order by e.id desc""").query().listOfRows().getFirst();
		assertThat(export).containsEntry("status", "completed")
			.containsEntry("pack_count", 3)
			.containsEntry("packs", 3L);
		assertThat(((Number) export.get("rows")).longValue()).isEqualTo(30_000);
		assertThat(this.jdbc.sql("""
				select count(*) from exports e join mint_batches b on b.id = e.batch_id
				where b.quantity = 30000 and e.status = 'completed'""").query(Long.class).single())
			.as("one completed export per run")
			.isEqualTo(2);
	}

	@Test
	void refusesADatabaseNotMarkedForBenchmarksAndWritesNothing(TestInfo test) throws Exception {
		mark(false);
		Map<String, Long> before = rowCounts();

		Run run = benchmark(test, "mint", "--quantity=30000");

		assertThat(run.status()).as(run.output()).isEqualTo(3);
		assertThat(run.output()).contains("Refusing to benchmark against " + this.postgres.jdbcUrl())
			.contains("not marked as a benchmark database, and nothing was written")
			.contains("COMMENT ON DATABASE \"dpp\" IS 'dpp-benchmark';")
			.doesNotContain("RESULT");
		assertThat(rowCounts()).isEqualTo(before);
		assertThat(run.home().resolve("bench/logs")).as("no app was started").doesNotExist();
		assertThat(this.jdbc
			.sql("select shobj_description(oid, 'pg_database') from pg_database where datname = current_database()")
			.query((row, number) -> Optional.ofNullable(row.getString(1)))
			.single()).as("the database's comment").isEmpty();
	}

	private Map<String, Long> rowCounts() {
		Map<String, Long> counts = new LinkedHashMap<>();
		for (String table : List.of("brands", "products", "mint_batches", "tokens", "exports", "audit_events",
				"console_users", "batch_job_execution", "flyway_schema_history")) {
			counts.put(table, this.jdbc.sql("select count(*) from " + table).query(Long.class).single());
		}
		return counts;
	}

	private void mark(boolean marked) {
		this.jdbc
			.sql("comment on database " + currentDatabase() + " is "
					+ (marked ? "'" + BenchmarkDatabase.MARK + "'" : "null"))
			.update();
	}

	private String currentDatabase() {
		return this.jdbc.sql("select current_database()").query(String.class).single();
	}

	/**
	 * Run {@code benchmarks.jar} as {@code ./dpp bench} does, on the test database, with
	 * a fresh {@code DPP_HOME}; the apps it starts get quick-start JVM options.
	 */
	private Run benchmark(TestInfo test, String... arguments) throws IOException, InterruptedException {
		Path root = Path.of(System.getProperty("dpp.root")).toAbsolutePath().normalize();
		Path home = Path.of("target", "benchmarks-it", test.getTestMethod().orElseThrow().getName()).toAbsolutePath();
		// Fresh: what an earlier run kept there (an audit checkpoint) belongs to its own
		// database and keys.
		FileSystemUtils.deleteRecursively(home);
		Map<String, String> environment = new LinkedHashMap<>(AppProcess.defaultEnvironment());
		environment.remove("SERVER_PORT");
		// Benchmarks run on a database of their own as its owner (it marks and migrates
		// it).
		environment.put("DPP_DB_USERNAME", TestPostgres.get().username());
		environment.put("DPP_DB_PASSWORD", TestPostgres.get().password());
		environment.put("DPP_HOME", home.toString());
		environment.put("DPP_JAVA_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx512m");
		JarProcess process = JarProcess.of(root.resolve("benchmarks/target/benchmarks.jar"))
			.name("bench-" + arguments[0])
			.jvmOptions(List.of("-Xmx512m", "-Ddpp.root=" + root))
			.arguments(Arrays.asList(arguments))
			.environment(environment)
			.log(home.resolve("benchmark.log"), false)
			.start();
		try {
			if (!process.process().waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new AssertionError("The benchmark did not finish in " + TIMEOUT + ":\n" + process.output());
			}
		}
		finally {
			process.stop();
		}
		return new Run(process.process().exitValue(), process.output(), home);
	}

	private record Run(int status, String output, Path home) {

		/** The key=value pairs of the {@code RESULT <name>} line. */
		Map<String, String> result(String name) {
			Matcher matcher = RESULT.matcher(this.output);
			while (matcher.find()) {
				if (matcher.group(1).equals(name)) {
					Map<String, String> values = new LinkedHashMap<>();
					for (String pair : matcher.group(2).strip().split(" ")) {
						values.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
					}
					return values;
				}
			}
			throw new AssertionError("No RESULT " + name + " line in:\n" + this.output);
		}

		@Override
		public String toString() {
			return "exit " + this.status + ", home " + this.home;
		}

	}

}
