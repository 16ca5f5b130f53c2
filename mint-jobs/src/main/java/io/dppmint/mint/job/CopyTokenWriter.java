package io.dppmint.mint.job;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.Arrays;
import java.util.List;

import javax.sql.DataSource;

import io.dppmint.core.digsig.TokenSignatureCopy;
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
 * too, so a chunk's tokens, progress and restart point commit (or vanish) together. For a
 * signed batch the chunk's signatures (GS1 AI 8030) are COPYed in the same transaction:
 * one per token, and identical when a chunk is re-run (deterministic ECDSA).
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

	private final String[] lotNumbers;

	private final TokenSignatureCopy signatures;

	private final long fence;

	private final TokenCopy copy = new TokenCopy();

	private final CommittedCounter mintedUnits;

	CopyTokenWriter(DataSource dataSource, JdbcMintBatchRepository batches, MintBatch batch, List<Lot> lots, long fence,
			CommittedCounter mintedUnits) {
		this(dataSource, batches, batch, lots, fence, mintedUnits, null);
	}

	/**
	 * A writer that also signs, when {@code signatures} is given (a signed batch).
	 */
	CopyTokenWriter(DataSource dataSource, JdbcMintBatchRepository batches, MintBatch batch, List<Lot> lots, long fence,
			CommittedCounter mintedUnits, TokenSignatureCopy signatures) {
		if (batch.signed() != (signatures != null)) {
			throw new IllegalArgumentException("Batch " + batch.id()
					+ (batch.signed() ? " is signed but no signer" : " is unsigned but a signer") + " was given");
		}
		this.signatures = signatures;
		this.lotNumbers = lots.stream().map(Lot::lotNumber).toArray(String[]::new);
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
			if (this.signatures != null) {
				long signed = signatures(chunk, connection);
				if (signed != units) {
					throw new IllegalStateException("COPY wrote " + signed + " signatures for " + units + " tokens");
				}
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

	private long signatures(Chunk<? extends TokenRange> chunk, Connection connection) throws SQLException {
		this.signatures.begin();
		for (TokenRange range : chunk) {
			long end = range.first() + range.count();
			long number = range.first();
			while (number < end) {
				int lot = lotIndexOf(number);
				long lotEnd = (lot >= 0 && lot + 1 < this.lotStarts.length) ? this.lotStarts[lot + 1] : end;
				int count = (int) (Math.min(end, lotEnd) - number);
				this.signatures.add(number, count, (lot >= 0) ? this.lotNumbers[lot] : null);
				number += count;
			}
		}
		return this.signatures.copyTo(connection);
	}

	/** The index of the lot holding token {@code number}, or -1 in serial mode. */
	private int lotIndexOf(long number) {
		if (this.lotStarts.length == 0) {
			return -1;
		}
		int index = Arrays.binarySearch(this.lotStarts, number);
		return (index >= 0) ? index : -index - 2;
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
