package io.dppmint.core.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

import org.springframework.util.StringUtils;

/**
 * The platform's secret keys. Each comes from configuration; on a development install
 * (embedded database) a missing key is generated on first start and kept in
 * {@code <home>/secrets/} with owner-only permissions, so that all local apps share it
 * and it survives restarts. With an external database a missing key is an error: apps on
 * different machines must share one key, and a generated one would silently differ
 * between them.
 */
public final class PlatformSecrets {

	private static final int KEY_BYTES = 32;

	private final byte[] identifierKey;

	private final byte[] downloadSigningKey;

	private PlatformSecrets(byte[] identifierKey, byte[] downloadSigningKey) {
		this.identifierKey = identifierKey;
		this.downloadSigningKey = downloadSigningKey;
	}

	/**
	 * Resolve the keys.
	 * @param properties configured keys
	 * @param developmentHome folder for generated development keys, or {@code null} when
	 * keys must be configured
	 * @return the keys
	 */
	public static PlatformSecrets resolve(SecretsProperties properties, Path developmentHome) {
		return new PlatformSecrets(key("identifier-key", properties.identifierKey(), developmentHome),
				key("download-signing-key", properties.downloadSigningKey(), developmentHome));
	}

	/** AES-256 key of the identifier permutation. */
	public byte[] identifierKey() {
		return this.identifierKey.clone();
	}

	/** HMAC-SHA256 key for signed download URLs. */
	public byte[] downloadSigningKey() {
		return this.downloadSigningKey.clone();
	}

	@Override
	public String toString() {
		return "PlatformSecrets[redacted]";
	}

	private static byte[] key(String name, String configured, Path developmentHome) {
		if (StringUtils.hasText(configured)) {
			return decode(name, configured.strip());
		}
		if (developmentHome == null) {
			throw new IllegalStateException("No " + name + " configured (dpp.secrets." + name
					+ ", environment DPP_SECRETS_" + name.replace('-', '_').toUpperCase(java.util.Locale.ROOT)
					+ "): with an external database every app must be given the same base64-encoded 32-byte key");
		}
		return developmentKey(name, developmentHome.resolve("secrets").resolve(name));
	}

	private static byte[] developmentKey(String name, Path file) {
		try {
			if (!Files.exists(file)) {
				Files.createDirectories(file.getParent());
				byte[] key = new byte[KEY_BYTES];
				new SecureRandom().nextBytes(key);
				try {
					Files.createFile(file,
							PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
					Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII,
							StandardOpenOption.TRUNCATE_EXISTING);
				}
				catch (FileAlreadyExistsException raced) {
					// Another app created it first: use theirs.
				}
			}
			return decode(name, awaitContent(file).strip());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read or create the development " + name + " in " + file, ex);
		}
	}

	private static String awaitContent(Path file) throws IOException {
		for (int attempt = 0; attempt < 50; attempt++) {
			String content = Files.readString(file, StandardCharsets.US_ASCII);
			if (content.endsWith("\n")) {
				return content;
			}
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		throw new IOException("Incomplete key file " + file);
	}

	private static byte[] decode(String name, String base64) {
		byte[] key;
		try {
			key = Base64.getDecoder().decode(base64);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("The " + name + " is not valid base64", ex);
		}
		if (key.length != KEY_BYTES) {
			throw new IllegalStateException(
					"The " + name + " must be " + KEY_BYTES + " bytes (base64-encoded), not " + key.length);
		}
		return key;
	}

}
