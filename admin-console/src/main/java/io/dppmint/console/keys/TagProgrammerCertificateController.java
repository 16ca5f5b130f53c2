package io.dppmint.console.keys;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.dppmint.console.api.ApiException;
import io.dppmint.console.api.FieldError;
import io.dppmint.console.security.Caller;
import io.dppmint.console.security.CallerBrands;
import io.dppmint.core.audit.AuditEvent;
import io.dppmint.core.audit.AuditLog;
import io.dppmint.core.catalog.JdbcBrandRepository;
import io.dppmint.core.nfc.JdbcTagProgrammerCertificates;
import io.dppmint.core.nfc.KeyPackEncryption;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A brand's tag-programmer certificate: the X.509 certificate its NFC key packs are
 * encrypted to (docs/nfc.md). An upload is accepted only if the certificate can receive
 * key packs (RSA of 2048 bits or more with keyEncipherment, or EC with keyAgreement;
 * valid now); it replaces the previous one and is audited. Another brand's certificate is
 * answered like a brand that does not exist.
 */
@RestController
@RequestMapping("/api/v1/brands/{brandId}/tag-programmer-certificate")
@Tag(name = "NFC tags", description = "The tag-programmer certificate NFC key packs are encrypted to")
class TagProgrammerCertificateController {

	private final JdbcTagProgrammerCertificates certificates;

	private final JdbcBrandRepository brands;

	private final AuditLog auditLog;

	private final TransactionTemplate transactions;

	TagProgrammerCertificateController(JdbcClient jdbc, JdbcBrandRepository brands, AuditLog auditLog,
			TransactionTemplate transactions) {
		this.certificates = new JdbcTagProgrammerCertificates(jdbc);
		this.brands = brands;
		this.auditLog = auditLog;
		this.transactions = transactions;
	}

	@PutMapping
	@Operation(summary = "Upload (or replace) the brand's tag-programmer certificate, PEM",
			description = "422 when it is not an X.509 certificate that NFC key packs can be encrypted to.")
	CertificateView upload(Caller caller, @PathVariable long brandId, @Valid @RequestBody CertificateUpload body) {
		CallerBrands.require(this.brands, caller, brandId);
		return this.transactions.execute((status) -> {
			X509Certificate certificate;
			try {
				certificate = this.certificates.store(brandId, body.pem());
			}
			catch (IllegalArgumentException ex) {
				throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-request", ex.getMessage(),
						List.of(new FieldError("pem", "INVALID_CERTIFICATE", ex.getMessage())));
			}
			CertificateView view = CertificateView.of(certificate);
			this.auditLog.record(new AuditEvent(brandId, "brand", Long.toString(brandId),
					"tag_programmer_certificate_uploaded", caller.actor(), Map.of("subject", view.subject(),
							"sha256Fingerprint", view.sha256Fingerprint(), "notAfter", view.notAfter().toString())));
			return view;
		});
	}

	@GetMapping
	@Operation(summary = "The brand's tag-programmer certificate: subject, validity and fingerprint")
	CertificateView certificate(Caller caller, @PathVariable long brandId) {
		return find(caller, brandId)
			.orElseThrow(() -> ApiException.notFound("Brand " + brandId + " has no tag-programmer certificate"));
	}

	/**
	 * The brand's certificate, if one was uploaded (the Keys page shows it or its
	 * absence).
	 */
	Optional<CertificateView> find(Caller caller, long brandId) {
		CallerBrands.require(this.brands, caller, brandId);
		return this.certificates.find(brandId).map(KeyPackEncryption::parseCertificate).map(CertificateView::of);
	}

	/**
	 * An upload.
	 *
	 * @param pem the X.509 certificate, PEM
	 */
	record CertificateUpload(@NotBlank @Size(max = CertificateUpload.MAX_PEM_LENGTH) String pem) {

		/** The longest PEM accepted, in characters. */
		static final int MAX_PEM_LENGTH = 16_384;

	}

	/**
	 * A stored certificate.
	 *
	 * @param subject its subject
	 * @param notAfter the end of its validity
	 * @param sha256Fingerprint SHA-256 of its DER encoding, lower-case hex
	 */
	record CertificateView(String subject, Instant notAfter, String sha256Fingerprint) {

		static CertificateView of(X509Certificate certificate) {
			try {
				return new CertificateView(certificate.getSubjectX500Principal().getName(),
						certificate.getNotAfter().toInstant(), HexFormat.of()
							.formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded())));
			}
			catch (CertificateEncodingException | NoSuchAlgorithmException ex) {
				throw new IllegalStateException("Cannot fingerprint a parsed certificate", ex);
			}
		}

	}

}
