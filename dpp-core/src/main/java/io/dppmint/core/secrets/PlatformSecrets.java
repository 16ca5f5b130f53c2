package io.dppmint.core.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
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

	private final Key signingKek;

	private final Key nfcKek;

	private final String retiredAuditKeys;

	private PlatformSecrets(SecretsProperties properties, Path developmentHome) {
		this.retiredAuditKeys = properties.retiredAuditKeys();
		this.identifierKey = new Key("identifier-key", properties::identifierKey, developmentHome);
		this.downloadSigningKey = new Key("download-signing-key", properties::downloadSigningKey, developmentHome);
		this.auditKey = new Key("audit-key", properties::auditKey, developmentHome);
		this.signingKek = new Key("signing-kek", properties::signingKek, developmentHome);
		this.nfcKek = new Key("nfc-kek", properties::nfcKek, developmentHome);
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
	 * AES-256 key-encryption key that wraps the brands' code-signing keys (GS1 AI 8030,
	 * {@link KeyWrapping#underSigningKek}): only the apps that sign or create keys
	 * (mint-jobs, the console) ask for it; the internet-facing resolver never does.
	 */
	public byte[] signingKek() {
		return this.signingKek.value();
	}

	/**
	 * AES-256 key-encryption key of the brands' NFC master keys
	 * ({@link KeyWrapping#underNfcKek}): the database holds those only wrapped under it.
	 */
	public byte[] nfcKek() {
		return this.nfcKek.value();
	}

	/**
	 * The audit keys used before {@link #auditKey()}, oldest first: they only verify what
	 * they linked and signed. Never generated; empty when none are configured.
	 */
	public List<byte[]> retiredAuditKeys() {
		if (!StringUtils.hasText(this.retiredAuditKeys)) {
			return List.of();
		}
		List<byte[]> keys = new ArrayList<>();
		for (String key : this.retiredAuditKeys.split(",")) {
			keys.add(decode("retired audit key " + (keys.size() + 1), key.strip()));
		}
		return keys;
	}

	@Override
	public String toString() {
		return "PlatformSecrets[redacted]";
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
			Path file = this.developmentHome.resolve("secrets").resolve(this.name);
			try {
				return decode(this.name, OwnerOnlyFiles.readOrCreate(file, () -> {
					byte[] key = new byte[KEY_BYTES];
					random.nextBytes(key);
					return Base64.getEncoder().encodeToString(key);
				}));
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not read or create the development " + this.name + " in " + file,
						ex);
			}
		}

	}

}
