package io.dppmint.core.digsig;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;

import io.dppmint.core.gs1.Gtin;
import io.dppmint.core.identifier.IdentifierScheme;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Signs runs of a signed batch's tokens and writes their {@code token_signatures} rows
 * with PostgreSQL {@code COPY ... FROM STDIN (FORMAT binary)} on a given connection, so
 * that the mint chunk's transaction covers the tokens and their signatures together. This
 * is the one place that writes {@code token_signatures}.
 * <p>
 * Each unit's message is its unbracketed element string ({@link Gs1ElementString}),
 * assembled in a reused buffer from a per-lot prefix and the serial that
 * {@link IdentifierScheme#encodeRange} writes; signatures go straight into the COPY
 * buffer. Nothing is held beyond one chunk, and signing is deterministic (RFC 6979), so a
 * re-run chunk writes the same bytes. Not thread-safe: one instance per writer.
 */
public final class TokenSignatureCopy {

	static final String COPY_SQL = "copy token_signatures (token_id, signature) from stdin (format binary)";

	private static final byte[] HEADER = { 'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0, 0, 0, 0, 0,
			0, 0, 0, 0 };

	private static final int ROW_BYTES = 2 + 4 + 8 + 4 + DigitalSignature8030.SIGNATURE_BYTES;

	private final BrandSigner signer;

	private final IdentifierScheme identifiers;

	private final Gtin gtin;

	private byte[] serials = new byte[0];

	private byte[] buffer = new byte[64 * 1024];

	private final byte[] message = new byte[2 + 14 + 2 + 20 + 1 + 2 + IdentifierScheme.LENGTH];

	private int length;

	private int rows;

	/**
	 * A writer of one batch's signatures.
	 * @param signer the batch's key
	 * @param identifiers the identifier scheme that gives each token its serial
	 * @param gtin the batch's product GTIN
	 */
	public TokenSignatureCopy(BrandSigner signer, IdentifierScheme identifiers, Gtin gtin) {
		this.signer = signer;
		this.identifiers = identifiers;
		this.gtin = gtin;
	}

	/** Start a new set of rows. */
	public TokenSignatureCopy begin() {
		System.arraycopy(HEADER, 0, this.buffer, 0, HEADER.length);
		this.length = HEADER.length;
		this.rows = 0;
		return this;
	}

	/**
	 * Sign consecutive tokens of one lot and add their rows.
	 * @param firstTokenNumber the first token
	 * @param count how many
	 * @param lot their lot number, or {@code null} in serial mode
	 * @return this
	 */
	public TokenSignatureCopy add(long firstTokenNumber, int count, String lot) {
		int prefix = prefix(lot);
		if (this.serials.length < count * IdentifierScheme.LENGTH) {
			this.serials = new byte[count * IdentifierScheme.LENGTH];
		}
		this.identifiers.encodeRange(firstTokenNumber, count, this.serials, 0);
		ensure(count * ROW_BYTES + 2);
		for (int k = 0; k < count; k++) {
			System.arraycopy(this.serials, k * IdentifierScheme.LENGTH, this.message, prefix, IdentifierScheme.LENGTH);
			int row = this.length;
			putShort(row, 2);
			putInt(row + 2, 8);
			putLong(row + 6, firstTokenNumber + k);
			putInt(row + 14, DigitalSignature8030.SIGNATURE_BYTES);
			this.signer.sign(this.message, 0, prefix + IdentifierScheme.LENGTH, this.buffer, row + 18);
			this.length += ROW_BYTES;
		}
		this.rows += count;
		return this;
	}

	/**
	 * Send the rows added since {@link #begin()} through COPY on {@code connection}.
	 * @param connection a PostgreSQL connection (possibly a pool proxy)
	 * @return the number of rows written
	 * @throws SQLException if COPY fails (the caller's transaction is then aborted)
	 */
	public long copyTo(Connection connection) throws SQLException {
		if (this.rows == 0) {
			return 0;
		}
		ensure(2);
		putShort(this.length, -1);
		CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
		try {
			return copy.copyIn(COPY_SQL, new ByteArrayInputStream(this.buffer, 0, this.length + 2), 256 * 1024);
		}
		catch (IOException ex) {
			throw new SQLException("Could not stream token signatures to COPY", ex);
		}
	}

	/**
	 * Write {@code 01{gtin}[10{lot}<GS>]21} into the message buffer.
	 * @return where the serial goes
	 */
	private int prefix(String lot) {
		StringBuilder prefix = new StringBuilder(40).append("01").append(this.gtin.value());
		if (lot != null) {
			prefix.append("10").append(lot).append(Gs1ElementString.GS);
		}
		byte[] bytes = prefix.append("21").toString().getBytes(StandardCharsets.US_ASCII);
		System.arraycopy(bytes, 0, this.message, 0, bytes.length);
		return bytes.length;
	}

	private void ensure(int extra) {
		if (this.length + extra > this.buffer.length) {
			this.buffer = Arrays.copyOf(this.buffer, Math.max(this.buffer.length * 2, this.length + extra));
		}
	}

	private void putShort(int at, int value) {
		this.buffer[at] = (byte) (value >>> 8);
		this.buffer[at + 1] = (byte) value;
	}

	private void putInt(int at, int value) {
		for (int i = 0; i < 4; i++) {
			this.buffer[at + i] = (byte) (value >>> (24 - 8 * i));
		}
	}

	private void putLong(int at, long value) {
		for (int i = 0; i < 8; i++) {
			this.buffer[at + i] = (byte) (value >>> (56 - 8 * i));
		}
	}

}
