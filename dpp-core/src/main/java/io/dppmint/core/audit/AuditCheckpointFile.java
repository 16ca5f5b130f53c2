package io.dppmint.core.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.dppmint.core.files.OwnerOnlyFiles;

/**
 * Audit checkpoints kept in a file outside the database: a few lines of text, signed with
 * the checkpoint key, replaced atomically, owner-only. An operator can copy the file
 * anywhere (object storage with retention, another machine) and verify the chain against
 * any copy later ({@code ./dpp audit verify --checkpoint FILE}):
 *
 * <pre>
 * dpp-audit-checkpoint 1
 * position 1234
 * hash hmac-sha256:9f2c...
 * unkeyed-end 0
 * written-at 2026-01-31T12:00:00Z
 * signature 4be1...
 * </pre>
 *
 * The signature is the HMAC of the lines above it; a file whose signature does not check
 * out (edited, forged, or made with another key) is refused.
 */
public final class AuditCheckpointFile {

	private static final String FORMAT = "dpp-audit-checkpoint 1";

	private final Path file;

	private final AuditChainKey key;

	public AuditCheckpointFile(Path file, AuditChainKey key) {
		this.file = file.toAbsolutePath();
		this.key = key;
	}

	public Path path() {
		return this.file;
	}

	/**
	 * The checkpoint in the file, or empty if there is no file yet.
	 * @throws InvalidCheckpointException if the file is unreadable, malformed or its
	 * signature does not check out
	 */
	public Optional<AuditCheckpoint> read() {
		List<String> lines;
		try {
			lines = Files.readAllLines(this.file, StandardCharsets.UTF_8);
		}
		catch (NoSuchFileException ex) {
			return Optional.empty();
		}
		catch (IOException ex) {
			throw new InvalidCheckpointException(this.file + " cannot be read: " + ex.getMessage());
		}
		if (lines.isEmpty() || !FORMAT.equals(lines.getFirst()) || !lines.getLast().startsWith("signature ")) {
			throw new InvalidCheckpointException(this.file + " is not an audit checkpoint");
		}
		String signed = String.join("\n", lines.subList(0, lines.size() - 1)) + "\n";
		if (!this.key.signs(lines.getLast().substring("signature ".length()), signed)) {
			throw new InvalidCheckpointException(
					this.file + " is not signed with this platform's audit key (edited, forged or another key)");
		}
		Map<String, String> fields = new LinkedHashMap<>();
		for (String line : lines.subList(1, lines.size() - 1)) {
			int space = line.indexOf(' ');
			if (space > 0) {
				fields.put(line.substring(0, space), line.substring(space + 1));
			}
		}
		try {
			return Optional.of(new AuditCheckpoint(Long.parseLong(fields.get("position")), fields.get("hash"),
					Long.parseLong(fields.get("unkeyed-end")), Instant.parse(fields.get("written-at"))));
		}
		catch (NumberFormatException | NullPointerException | DateTimeParseException ex) {
			throw new InvalidCheckpointException(this.file + " is an incomplete audit checkpoint");
		}
	}

	/** Replace the file's checkpoint with {@code checkpoint}, atomically. */
	public void write(AuditCheckpoint checkpoint) throws IOException {
		OwnerOnlyFiles.writeAtomically(this.file, text(checkpoint, this.key).getBytes(StandardCharsets.UTF_8));
	}

	static String text(AuditCheckpoint checkpoint, AuditChainKey key) {
		String signed = FORMAT + "\nposition " + checkpoint.position() + "\nhash " + checkpoint.hash()
				+ "\nunkeyed-end " + checkpoint.unkeyedEnd() + "\nwritten-at " + checkpoint.writtenAt() + "\n";
		return signed + "signature " + key.sign(signed) + "\n";
	}

	/** A checkpoint file that cannot be trusted. */
	public static class InvalidCheckpointException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		InvalidCheckpointException(String message) {
			super(message);
		}

	}

}
