package io.dppmint.core.export;

/**
 * The facts every app shares about the export job: its name and parameter in the job
 * repository. Its lease is the export row's ({@code exports.lease_owner} and
 * {@code lease_expires_at}, see {@link JdbcExportRepository}): a live lease means a live
 * process runs it.
 */
public final class ExportJob {

	/** The job's name in the job repository. */
	public static final String JOB_NAME = "exportJob";

	/** Its one identifying parameter: the export to run. */
	public static final String EXPORT_ID = "exportId";

	private ExportJob() {
	}

}
