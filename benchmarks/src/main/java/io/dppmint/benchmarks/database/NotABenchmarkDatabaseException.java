package io.dppmint.benchmarks.database;

/**
 * A benchmark was pointed at a database that is not marked as meant for benchmarks; its
 * message says how to mark one. Nothing was written.
 */
public class NotABenchmarkDatabaseException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	NotABenchmarkDatabaseException(String url, String source, String database) {
		super("""
				Refusing to benchmark against %s (%s): it is not marked as a benchmark database, and nothing was written.
				Benchmarks create brands, users and millions of tokens, and delete tokens, so they run only on a
				database meant for them. Without DPP_DB_URL they use their own embedded PostgreSQL (under
				$DPP_HOME/bench, port DPP_BENCH_DB_PORT, default %d). If this database is meant for benchmarks,
				mark it once, as its owner, and run again:
				    COMMENT ON DATABASE "%s" IS '%s';"""
			.formatted(url, source, BenchmarkDatabase.DEFAULT_PORT, database, BenchmarkDatabase.MARK));
	}

}
