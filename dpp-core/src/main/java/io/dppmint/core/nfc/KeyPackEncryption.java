package io.dppmint.core.nfc;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;

import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSAuthEnvelopedDataStreamGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.RecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OutputAEADEncryptor;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.operator.jcajce.JcaAlgorithmParametersConverter;

/**
 * Encrypts an NFC key pack (the CSV of the tag keys a tag programmer needs) as it is
 * written: CMS AuthEnvelopedData (RFC 5083) with AES-256-GCM (RFC 5084) to one recipient,
 * the brand's tag-programmer X.509 certificate, so key bytes only ever reach the sink
 * encrypted and authenticated. The output is BER (indefinite lengths, as streaming
 * needs); {@code openssl cms -decrypt -inform DER -recip prog.pem -inkey prog.key} reads
 * it. OpenSSL 3.0 writes the plaintext out before it checks the GCM tag, so a programmer
 * must discard the output when it exits non-zero.
 * <p>
 * The content-encryption key is fresh for every pack and reaches the recipient as:
 * <ul>
 * <li>RSA (2048 bits or more): key transport with RSAES-OAEP, SHA-256 and MGF1-SHA-256
 * (RFC 8017, RFC 4055);</li>
 * <li>EC: ephemeral-static ECDH with the X9.63 SHA-256 KDF and AES-256 key wrap (RFC
 * 5753).</li>
 * </ul>
 * A certificate that is expired, not yet valid, of another key type, or whose key usage
 * forbids the operation is refused with {@link IllegalArgumentException}. BouncyCastle is
 * used as an explicit provider instance; nothing is registered in the JVM. Thread-safe.
 */
public final class KeyPackEncryption {

	/** The file name extension of an encrypted pack (S/MIME convention for CMS). */
	public static final String FILE_EXTENSION = ".p7m";

	private static final int MIN_RSA_BITS = 2048;

	private static final int KEY_USAGE_KEY_ENCIPHERMENT = 2;

	private static final int KEY_USAGE_KEY_AGREEMENT = 4;

	private static final BouncyCastleProvider PROVIDER = new BouncyCastleProvider();

	private static final SecureRandom RANDOM = new SecureRandom();

	private KeyPackEncryption() {
	}

	/**
	 * Start an encrypted pack. Whatever is written to the returned stream is encrypted
	 * into {@code sink}; closing it writes the GCM tag and ends the CMS message, but does
	 * not close {@code sink}. If writing fails part way, the sink holds an incomplete
	 * message that no recipient will accept.
	 * @param recipient the tag programmer's certificate
	 * @param sink where the CMS message goes
	 * @return the plaintext stream
	 * @throws IOException if the sink fails
	 * @throws IllegalArgumentException if the certificate cannot be a recipient
	 */
	public static OutputStream encryptTo(X509Certificate recipient, OutputStream sink) throws IOException {
		RecipientInfoGenerator recipientInfo = recipientInfo(recipient);
		try {
			OutputEncryptor encryptor = new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_GCM).setProvider(PROVIDER)
				.setSecureRandom(RANDOM)
				.build();
			CMSAuthEnvelopedDataStreamGenerator generator = new CMSAuthEnvelopedDataStreamGenerator();
			generator.addRecipientInfoGenerator(recipientInfo);
			return generator.open(sink, (OutputAEADEncryptor) encryptor);
		}
		catch (CMSException ex) {
			throw new IllegalStateException("Cannot start CMS AuthEnvelopedData with AES-256-GCM", ex);
		}
	}

	/**
	 * Read a PEM (or DER) X.509 certificate, as brands upload it.
	 * @param pem the certificate
	 * @return the certificate
	 * @throws IllegalArgumentException if it is not one X.509 certificate
	 */
	public static X509Certificate parseCertificate(String pem) {
		if (pem == null || pem.isBlank()) {
			throw new IllegalArgumentException("No certificate");
		}
		try {
			return (X509Certificate) CertificateFactory.getInstance("X.509")
				.generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (CertificateException ex) {
			throw new IllegalArgumentException("Not an X.509 certificate in PEM: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Check that a certificate can receive key packs, as {@link #encryptTo} would,
	 * without encrypting anything: what an upload is validated with.
	 * @param recipient the tag programmer's certificate
	 * @throws IllegalArgumentException if it cannot be a recipient
	 */
	public static void requireRecipient(X509Certificate recipient) {
		recipientInfo(recipient);
	}

	private static RecipientInfoGenerator recipientInfo(X509Certificate recipient) {
		try {
			recipient.checkValidity();
		}
		catch (CertificateException ex) {
			throw new IllegalArgumentException("The tag-programmer certificate is expired or not yet valid", ex);
		}
		PublicKey key = recipient.getPublicKey();
		boolean[] keyUsage = recipient.getKeyUsage();
		try {
			if (key instanceof RSAPublicKey rsa) {
				if (rsa.getModulus().bitLength() < MIN_RSA_BITS) {
					throw new IllegalArgumentException(
							"The tag-programmer certificate's RSA key has fewer than " + MIN_RSA_BITS + " bits");
				}
				requireKeyUsage(keyUsage, KEY_USAGE_KEY_ENCIPHERMENT, "keyEncipherment");
				OAEPParameterSpec oaep = new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256,
						PSource.PSpecified.DEFAULT);
				return new JceKeyTransRecipientInfoGenerator(recipient, new JcaAlgorithmParametersConverter()
					.getAlgorithmIdentifier(PKCSObjectIdentifiers.id_RSAES_OAEP, oaep)).setProvider(PROVIDER);
			}
			if (key instanceof ECPublicKey ec) {
				requireKeyUsage(keyUsage, KEY_USAGE_KEY_AGREEMENT, "keyAgreement");
				KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", PROVIDER);
				generator.initialize(ec.getParams(), RANDOM);
				KeyPair ephemeral = generator.generateKeyPair();
				return new JceKeyAgreeRecipientInfoGenerator(CMSAlgorithm.ECDH_SHA256KDF, ephemeral.getPrivate(),
						ephemeral.getPublic(), CMSAlgorithm.AES256_WRAP)
					.setProvider(PROVIDER)
					.setSecureRandom(RANDOM)
					.addRecipient(recipient);
			}
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalArgumentException("Cannot encrypt to the tag-programmer certificate: " + ex.getMessage(),
					ex);
		}
		throw new IllegalArgumentException(
				"The tag-programmer certificate's key is " + key.getAlgorithm() + "; RSA or EC is needed");
	}

	private static void requireKeyUsage(boolean[] keyUsage, int bit, String name) {
		if (keyUsage != null && (keyUsage.length <= bit || !keyUsage[bit])) {
			throw new IllegalArgumentException("The tag-programmer certificate's key usage does not allow " + name);
		}
	}

}
