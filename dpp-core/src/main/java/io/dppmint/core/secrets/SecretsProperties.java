package io.dppmint.core.secrets;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * Keys the platform cannot run without, base64-encoded, from configuration (environment
 * {@code DPP_SECRETS_IDENTIFIER_KEY}, {@code DPP_SECRETS_DOWNLOAD_SIGNING_KEY},
 * {@code DPP_SECRETS_AUDIT_KEY}, or a secret store mapped onto them). Never in code,
 * never logged. Each app is given only the keys it uses.
 *
 * @param identifierKey AES-256 key of the identifier permutation: every app must share
 * it, and it must never change once tokens exist
 * @param downloadSigningKey HMAC-SHA256 key that signs pack download URLs
 * @param auditKey HMAC-SHA256 key of the audit chain and its checkpoints (apps that seal
 * or verify the chain); the database never holds it
 * @param retiredAuditKeys the audit keys used before {@code auditKey}, oldest first,
 * comma-separated ({@code DPP_SECRETS_RETIRED_AUDIT_KEYS}): they verify the links they
 * made, and never link or sign anything new (docs/security.md, "Rotating keys")
 * @param signingKek AES-256 key-encryption key of the brands' code-signing keys
 * ({@code DPP_SECRETS_SIGNING_KEK}; mint-jobs and the console): it must never change
 * while wrapped keys exist
 * @param nfcKek AES-256 key that wraps the brands' NFC master keys
 * ({@code DPP_SECRETS_NFC_KEK}; export-jobs and the resolver): the database holds the
 * master keys only wrapped under it
 */
@ConfigurationProperties("dpp.secrets")
public record SecretsProperties(String identifierKey, String downloadSigningKey, String auditKey,
		String retiredAuditKeys, String signingKek, String nfcKek) {

	@ConstructorBinding
	public SecretsProperties {
	}

	/**
	 * Keys without key-encryption keys (they are then generated on a development install,
	 * or required when first asked for).
	 * @param identifierKey see the record
	 * @param downloadSigningKey see the record
	 * @param auditKey see the record
	 * @param retiredAuditKeys see the record
	 */
	public SecretsProperties(String identifierKey, String downloadSigningKey, String auditKey,
			String retiredAuditKeys) {
		this(identifierKey, downloadSigningKey, auditKey, retiredAuditKeys, null, null);
	}

	@Override
	public String toString() {
		return "SecretsProperties[redacted]";
	}

}
