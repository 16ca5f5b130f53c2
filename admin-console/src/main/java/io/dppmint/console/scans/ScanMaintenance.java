package io.dppmint.console.scans;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Runs the database's {@code scan_maintenance}: roll-ups of the days not yet closed, the
 * partitions of the coming months, and the drop of months past the retention once rolled
 * up. The console's role cannot run DDL; the function is {@code SECURITY DEFINER}, owned
 * by the schema's owner and executable by this role alone. It is idempotent and takes an
 * advisory lock, so every console replica may call it: one runs, the others skip.
 */
public class ScanMaintenance {

	private static final Logger log = LoggerFactory.getLogger(ScanMaintenance.class);

	private final JdbcClient jdbc;

	private final ScansProperties properties;

	ScanMaintenance(JdbcClient jdbc, ScansProperties properties) {
		this.jdbc = jdbc;
		this.properties = properties;
	}

	/**
	 * Run the maintenance once.
	 * @return what it did, as the function reports it (JSON)
	 */
	public String run() {
		String result = this.jdbc.sql("select scan_maintenance(:retention, :ahead)::text")
			.param("retention", this.properties.retentionMonths())
			.param("ahead", this.properties.monthsAhead())
			.query(String.class)
			.single();
		// Partitions created or dropped are worth a line; a run that only rolled up is
		// not.
		if (!result.contains("\"created\": []") || !result.contains("\"dropped\": []")) {
			log.info("Scan maintenance: {}", result);
		}
		else {
			log.debug("Scan maintenance: {}", result);
		}
		return result;
	}

}
