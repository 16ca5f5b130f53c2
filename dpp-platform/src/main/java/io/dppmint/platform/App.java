package io.dppmint.platform;

/**
 * The platform's four apps, in the order the platform starts them: mint-jobs first (it
 * applies the migrations the others validate and, on the embedded default, starts the
 * PostgreSQL server), then the other three.
 */
public enum App {

	/** Mint jobs, the launcher of queued batches, the owner of the migrations. */
	MINT_JOBS("mint-jobs", 8082, "DPP_MINT_JOBS_PORT"),

	/** CSV print-pack exports and their signed downloads. */
	EXPORT_JOBS("export-jobs", 8083, "DPP_EXPORT_JOBS_PORT"),

	/** Public scan resolution. */
	RESOLVER("resolver-app", 8081, "DPP_RESOLVER_PORT"),

	/** Web console, brand-portal API, job operations, Spring Boot Admin. */
	CONSOLE("admin-console", 8080, "DPP_CONSOLE_PORT");

	private final String module;

	private final int defaultPort;

	private final String portVariable;

	App(String module, int defaultPort, String portVariable) {
		this.module = module;
		this.defaultPort = defaultPort;
		this.portVariable = portVariable;
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

}
