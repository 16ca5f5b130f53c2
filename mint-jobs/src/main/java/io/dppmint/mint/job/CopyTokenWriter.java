package io.dppmint.mint.job;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.Arrays;
import java.util.List;

import javax.sql.DataSource;

import io.dppmint.core.minting.JdbcMintBatchRepository;
import io.dppmint.core.minting.Lot;
import io.dppmint.core.minting.MintBatch;
import io.dppmint.core.token.TokenCopy;
import io.dppmint.core.token.TokenStatus;
import io.dppmint.jobs.metrics.CommittedCounter;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.support.SQLExceptionTranslator;
import org.springframework.jdbc.support.SQLStateSQLExceptionTranslator;

/**
 * Writes a chunk of token numbers as token rows with PostgreSQL {@code COPY}, on the
 * chunk transaction's own connection, and counts them in the batch's progress and the
 * brand's KPIs in the same transaction, provided the batch's lease fence is still the one
 * this job execution runs under (otherwise the whole chunk rolls back: another process
 * has taken the batch over). The step then saves its reader position in that transaction
 * too, so a chunk's tokens, progress and restart point commit (or vanish) together.
 * <p>
 * Spring Batch 6 retries a failed write inside the same chunk transaction, which
 * PostgreSQL has aborted after an error. Each write therefore runs under a savepoint and
 * rolls back to it before rethrowing, leaving the transaction usable for the retry. SQL
 * errors are translated so that the step's retry policy can tell transient ones
 * (serialization failures, lock timeouts, deadlocks) from the rest.
 */
class CopyTokenWriter implements ItemWriter<TokenRange> {

	private static final SQLExceptionTranslator translator = new SQLStateSQLExceptionTranslator();

	private final DataSource dataSource;

	private final JdbcMintBatchRepository batches;

	private final MintBatch batch;

	private final TokenStatus initialStatus;

	private final long[] lotStarts;

	private final long[] lotIds;

	private final long fence;

	private final TokenCopy copy = new TokenCopy();

	private final CommittedCounter mintedUnits;

	CopyTokenWriter(DataSource dataSource, JdbcMintBatchRepository batches, MintBatch batch, List<Lot> lots, long fence,
			CommittedCounter mintedUnits) {
		this.fence = fence;
		this.mintedUnits = mintedUnits;
		this.dataSource = dataSource;
		this.batches = batches;
		this.batch = batch;
		this.initialStatus = batch.activationMode().initialStatus();
		this.lotStarts = lots.stream().mapToLong(Lot::firstTokenId).toArray();
		this.lotIds = lots.stream().mapToLong(Lot::id).toArray();
	}

	@Override
	public void write(Chunk<? extends TokenRange> chunk) {
		Connection connection = DataSourceUtils.getConnection(this.dataSource);
		Savepoint savepoint = null;
		try {
			savepoint = connection.setSavepoint();
			this.copy.begin();
			int units = 0;
			for (TokenRange range : chunk) {
				if (!this.batch.contains(range.first()) || !this.batch.contains(range.first() + range.count() - 1)) {
					throw new IllegalStateException(
							"Tokens " + range + " are outside batch " + this.batch.id() + "'s reserved range");
				}
				for (long number = range.first(); number < range.first() + range.count(); number++) {
					this.copy.add(number, this.batch.id(), lotOf(number), this.initialStatus);
				}
				units += range.count();
			}
			long written = this.copy.copyTo(connection);
			if (written != units) {
				throw new IllegalStateException("COPY wrote " + written + " rows for " + units + " tokens");
			}
			this.batches.recordProgress(this.batch, units, this.fence);
			this.mintedUnits.add(units);
			connection.releaseSavepoint(savepoint);
		}
		catch (SQLException ex) {
			rollbackTo(connection, savepoint, ex);
			throw translate(ex);
		}
		catch (RuntimeException ex) {
			rollbackTo(connection, savepoint, ex);
			throw ex;
		}
	}

	private long lotOf(long number) {
		if (this.lotStarts.length == 0) {
			return 0;
		}
		int index = Arrays.binarySearch(this.lotStarts, number);
		return this.lotIds[(index >= 0) ? index : -index - 2];
	}

	private static void rollbackTo(Connection connection, Savepoint savepoint, Exception cause) {
		if (savepoint == null) {
			return;
		}
		try {
			connection.rollback(savepoint);
		}
		catch (SQLException ex) {
			cause.addSuppressed(ex);
		}
	}

	private static RuntimeException translate(SQLException ex) {
		RuntimeException translated = translator.translate("COPY tokens", null, ex);
		return (translated != null) ? translated : new IllegalStateException("COPY tokens failed", ex);
	}

}
