package io.dppmint.platform;

/**
 * The platform's four apps, in the order the platform starts them: mint-jobs first (it
 * applies the migrations the others validate and, on the embedded default, starts the
 * PostgreSQL server), then the other three.
 */
public enum App {

	/** Mint jobs, the launcher of queued batches, the owner of the migrations. */
	MINT_JOBS("mint-jobs", 8082, "DPP_MINT_JOBS_PORT", "DPP_MINT_JOBS_DB_PASSWORD"),

	/** CSV print-pack exports and their signed downloads. */
	EXPORT_JOBS("export-jobs", 8083, "DPP_EXPORT_JOBS_PORT", "DPP_EXPORT_JOBS_DB_PASSWORD"),

	/** Public scan resolution. */
	RESOLVER("resolver-app", 8081, "DPP_RESOLVER_PORT", "DPP_RESOLVER_DB_PASSWORD"),

	/** Web console, brand-portal API, job operations, Spring Boot Admin. */
	CONSOLE("admin-console", 8080, "DPP_CONSOLE_PORT", "DPP_CONSOLE_DB_PASSWORD");

	private final String module;

	private final int defaultPort;

	private final String portVariable;

	private final String databasePasswordVariable;

	App(String module, int defaultPort, String portVariable, String databasePasswordVariable) {
		this.module = module;
		this.defaultPort = defaultPort;
		this.portVariable = portVariable;
		this.databasePasswordVariable = databasePasswordVariable;
	}

	/** The Maven module, its jar's name and the app's name in logs and messages. */
	public String module() {
		return this.module;
	}

	/**
	 * The loopback port {@code ./dpp up} gives it unless {@link #portVariable()} says.
	 */
	public int defaultPort() {
		return this.defaultPort;
	}

	/** The environment variable that moves it to another port under {@code ./dpp up}. */
	public String portVariable() {
		return this.portVariable;
	}

	/**
	 * The environment variable with the password of the app's own database role, on an
	 * external database ({@code DPP_DB_URL}); on the embedded server each app reads its
	 * role's development password itself.
	 */
	public String databasePasswordVariable() {
		return this.databasePasswordVariable;
	}

}
