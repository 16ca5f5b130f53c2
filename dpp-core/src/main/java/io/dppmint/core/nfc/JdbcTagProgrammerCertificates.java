package io.dppmint.core.nfc;

import java.security.cert.X509Certificate;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The brands' tag-programmer certificates ({@code brands.tag_programmer_certificate},
 * PEM): the recipients NFC key packs are encrypted to. Only a certificate that
 * {@link KeyPackEncryption} accepts as a recipient is stored.
 */
public class JdbcTagProgrammerCertificates {

	private final JdbcClient jdbc;

	public JdbcTagProgrammerCertificates(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The brand's certificate.
	 * @param brandId the brand
	 * @return its PEM, or empty if none was uploaded
	 */
	public Optional<String> find(long brandId) {
		return this.jdbc.sql("select tag_programmer_certificate from brands where id = :brandId")
			.param("brandId", brandId)
			.query((rs, row) -> rs.getString(1))
			.optional()
			.flatMap(Optional::ofNullable);
	}

	/**
	 * Store a brand's certificate, after checking it can receive key packs.
	 * @param brandId the brand
	 * @param pem the certificate
	 * @return the parsed certificate
	 * @throws IllegalArgumentException if it is not an X.509 certificate that can be a
	 * recipient (RSA of 2048 bits or more, or EC; valid now; key usage allowing it)
	 */
	public X509Certificate store(long brandId, String pem) {
		X509Certificate certificate = KeyPackEncryption.parseCertificate(pem);
		KeyPackEncryption.requireRecipient(certificate);
		this.jdbc.sql("update brands set tag_programmer_certificate = :pem where id = :brandId")
			.param("pem", pem.strip() + "\n")
			.param("brandId", brandId)
			.update();
		return certificate;
	}

}
