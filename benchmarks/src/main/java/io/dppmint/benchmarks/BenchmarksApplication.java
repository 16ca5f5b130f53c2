package io.dppmint.benchmarks;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.dppmint.benchmarks.database.BenchmarkDatabase;
import io.dppmint.benchmarks.database.NotABenchmarkDatabaseException;
import io.dppmint.benchmarks.resolver.Wrk;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * {@code java -jar benchmarks.jar mint|export|resolver|console [options]} (what
 * {@code ./dpp bench} runs): one benchmark, printed as a table and one final
 * {@code RESULT <name> key=value ...} line. It first settles the database
 * ({@link BenchmarkDatabase}: its own embedded PostgreSQL, or a {@code DPP_DB_URL} that
 * is marked for benchmarks, else it refuses with exit status 3 before writing anything),
 * applies the migrations, then runs the benchmark, which starts the app it measures from
 * its packaged jar. Exit status 0 when the benchmark completed, 1 when it failed, 2 for a
 * bad command line.
 */
@SpringBootApplication
public class BenchmarksApplication {

	/** The benchmarks, by name. */
	static final List<String> BENCHMARKS = List.of("mint", "export", "resolver", "console");

	/** Exit status of a refusal to use a database not marked for benchmarks. */
	static final int REFUSED = 3;

	public static void main(String[] args) {
		System.exit(run(args));
	}

	private static int run(String[] args) {
		String name = (args.length > 0) ? args[0] : "";
		if (!BENCHMARKS.contains(name)) {
			System.err.println("dpp bench: which benchmark? " + String.join(", ", BENCHMARKS) + " (usage: ./dpp help)");
			return 2;
		}
		if (name.equals("resolver")) {
			Optional<String> missing = Wrk.missing().or(Wrk::missingBaseline);
			if (missing.isPresent()) {
				System.err.println(missing.get());
				return 1;
			}
		}
		BenchmarkDatabase database;
		try {
			database = BenchmarkDatabase.open(System.getenv());
		}
		catch (NotABenchmarkDatabaseException ex) {
			System.err.println("dpp bench: " + ex.getMessage());
			return REFUSED;
		}
		catch (RuntimeException ex) {
			System.err.println("dpp bench: " + ex.getMessage());
			return 1;
		}
		try (database) {
			System.out.println("Benchmark database: " + database.url()
					+ (database.embedded() ? " (the benchmarks' own, data in " + database.home() + ")" : ""));
			try {
				new SpringApplicationBuilder(BenchmarksApplication.class).web(WebApplicationType.NONE)
					.properties(database.properties())
					.properties("dpp.benchmark=" + name)
					.initializers(
							(context) -> context.getBeanFactory().registerSingleton("benchmarkDatabase", database))
					.run(Arrays.copyOfRange(args, 1, args.length))
					.close();
				return 0;
			}
			catch (RuntimeException ex) {
				Throwable cause = ex;
				while (cause.getCause() != null) {
					cause = cause.getCause();
				}
				System.err.println("dpp bench " + name + " failed: " + cause.getMessage());
				return 1;
			}
		}
	}

}
