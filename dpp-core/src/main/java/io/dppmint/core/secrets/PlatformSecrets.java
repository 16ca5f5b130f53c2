package io.dppmint.core.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.function.Supplier;

import io.dppmint.core.files.OwnerOnlyFiles;

import org.springframework.util.StringUtils;

/**
 * The platform's secret keys. Each comes from configuration; on a development install
 * (embedded database) a missing key is generated on first use and kept in
 * {@code <home>/secrets/} (owner-only folder and files), so that all local apps share it
 * and it survives restarts. With an external database a missing key is an error: apps on
 * different machines must share one key, and a generated one would silently differ
 * between them.
 * <p>
 * A key is resolved only when an app asks for it, so an app is given only the keys it
 * needs (the resolver the identifier key, never the download-signing or the audit key): a
 * key nobody in the app uses is never read, required or generated there.
 */
public final class PlatformSecrets {

	private static final int KEY_BYTES = 32;

	private static final SecureRandom random = new SecureRandom();

	private final Key identifierKey;

	private final Key downloadSigningKey;

	private final Key auditKey;

	private PlatformSecrets(SecretsProperties properties, Path developmentHome) {
		this.identifierKey = new Key("identifier-key", properties::identifierKey, developmentHome);
		this.downloadSigningKey = new Key("download-signing-key", properties::downloadSigningKey, developmentHome);
		this.auditKey = new Key("audit-key", properties::auditKey, developmentHome);
	}

	/**
	 * The keys of this configuration, each resolved when first asked for.
	 * @param properties configured keys
	 * @param developmentHome folder for generated development keys, or {@code null} when
	 * keys must be configured
	 * @return the keys
	 */
	public static PlatformSecrets resolve(SecretsProperties properties, Path developmentHome) {
		return new PlatformSecrets(properties, developmentHome);
	}

	/** AES-256 key of the identifier permutation. */
	public byte[] identifierKey() {
		return this.identifierKey.value();
	}

	/** HMAC-SHA256 key for signed download URLs. */
	public byte[] downloadSigningKey() {
		return this.downloadSigningKey.value();
	}

	/**
	 * HMAC-SHA256 key of the audit chain and its checkpoints: the database never holds
	 * it, so whoever controls the database cannot re-hash the chain.
	 */
	public byte[] auditKey() {
		return this.auditKey.value();
	}

	/**
	 * A development secret (a database password, say) kept in
	 * {@code <home>/secrets/<name>}: read if it exists, else generated (24 random bytes,
	 * base64url) and written owner-only. Concurrent processes agree on one value.
	 * @param home the platform's local folder
	 * @param name the secret's file name
	 * @return the secret
	 */
	public static String developmentSecret(Path home, String name) {
		return developmentValue(home.resolve("secrets").resolve(name), () -> {
			byte[] bytes = new byte[24];
			random.nextBytes(bytes);
			return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		});
	}

	@Override
	public String toString() {
		return "PlatformSecrets[redacted]";
	}

	private static String developmentValue(Path file, Supplier<String> generator) {
		try {
			if (!Files.exists(file)) {
				OwnerOnlyFiles.createFolders(file.getParent());
				try (FileChannel channel = OwnerOnlyFiles.createFile(file)) {
					ByteBuffer content = ByteBuffer.wrap((generator.get() + "\n").getBytes(StandardCharsets.US_ASCII));
					while (content.hasRemaining()) {
						channel.write(content);
					}
					channel.force(true);
				}
				catch (FileAlreadyExistsException raced) {
					// Another app created it first: use theirs.
				}
			}
			return awaitContent(file).strip();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read or create the development secret " + file, ex);
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
		throw new IOException("Incomplete secret file " + file);
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

	/** One key, resolved on first use. */
	private static final class Key {

		private final String name;

		private final Supplier<String> configured;

		private final Path developmentHome;

		private byte[] value;

		Key(String name, Supplier<String> configured, Path developmentHome) {
			this.name = name;
			this.configured = configured;
			this.developmentHome = developmentHome;
		}

		synchronized byte[] value() {
			if (this.value == null) {
				this.value = resolve();
			}
			return this.value.clone();
		}

		private byte[] resolve() {
			String configured = this.configured.get();
			if (StringUtils.hasText(configured)) {
				return decode(this.name, configured.strip());
			}
			if (this.developmentHome == null) {
				throw new IllegalStateException("No " + this.name + " configured (dpp.secrets." + this.name
						+ ", environment DPP_SECRETS_" + this.name.replace('-', '_').toUpperCase(Locale.ROOT)
						+ "): with an external database every app that needs it must be given the same base64-encoded"
						+ " 32-byte key");
			}
			return decode(this.name,
					developmentValue(this.developmentHome.resolve("secrets").resolve(this.name), () -> {
						byte[] key = new byte[KEY_BYTES];
						random.nextBytes(key);
						return Base64.getEncoder().encodeToString(key);
					}));
		}

	}

}
