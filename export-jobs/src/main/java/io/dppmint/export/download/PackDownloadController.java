package io.dppmint.export.download;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Base64;
import java.util.HexFormat;

import io.dppmint.core.export.DownloadUrlSigner;
import io.dppmint.core.export.Export;
import io.dppmint.core.export.ExportPack;
import io.dppmint.core.export.ExportStatus;
import io.dppmint.core.export.JdbcExportRepository;
import io.dppmint.core.export.PackStorage;
import io.dppmint.core.export.SignedUrlRejectedException;
import io.dppmint.export.job.ExportFiles;

import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves packs, manifests and NFC key packs through signed URLs
 * ({@link DownloadUrlSigner}): a URL is verified (well-formed, signature, brand of the
 * export, expiry) before anything is read; a refused one gets a JSON problem
 * ({@code application/problem+json}) with status 400, 403 or 410 and a stable
 * {@code code}, and no content. Only recorded packs are served, from {@link PackStorage},
 * with their SHA-256 as the {@code ETag} and in {@code Repr-Digest}.
 */
@RestController
class PackDownloadController {

	private static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8;header=present");

	/** An encrypted NFC key pack (CMS, RFC 8551's media type for enveloped data). */
	private static final MediaType PKCS7_MIME = MediaType
		.parseMediaType("application/pkcs7-mime;smime-type=authEnveloped-data");

	private static final long NO_BRAND = -1;

	private final JdbcExportRepository exports;

	private final PackStorage storage;

	private final DownloadUrlSigner signer;

	PackDownloadController(JdbcExportRepository exports, PackStorage storage, DownloadUrlSigner signer) {
		this.exports = exports;
		this.storage = storage;
		this.signer = signer;
	}

	@GetMapping("/exports/{exportId}/packs/{packNumber}")
	ResponseEntity<?> pack(@PathVariable long exportId, @PathVariable int packNumber,
			@RequestParam(required = false) String brand, @RequestParam(required = false) String expires,
			@RequestParam(required = false) String signature) throws IOException {
		Export export = verified(exportId, packNumber, brand, expires, signature);
		if (export == null || packNumber < 1) {
			return problem(HttpStatus.NOT_FOUND, "not_found", "There is no export " + exportId);
		}
		ExportPack pack = this.exports.pack(exportId, packNumber).orElse(null);
		if (pack == null) {
			return problem(HttpStatus.NOT_FOUND, "not_found",
					"Pack " + packNumber + " of export " + exportId + " is not ready (or does not exist)");
		}
		return file(pack.storageKey(), ExportFiles.packFileName(exportId, packNumber), pack.byteSize(), pack.sha256());
	}

	@GetMapping("/exports/{exportId}/nfc-keys/{packNumber}")
	ResponseEntity<?> keyPack(@PathVariable long exportId, @PathVariable int packNumber,
			@RequestParam(required = false) String brand, @RequestParam(required = false) String expires,
			@RequestParam(required = false) String signature) throws IOException {
		Export export = this.exports.find(exportId).orElse(null);
		this.signer.verifyKeyPack(exportId, packNumber, (export != null) ? export.brandId() : NO_BRAND, brand, expires,
				signature);
		JdbcExportRepository.KeyPack keyPack = (export != null) ? this.exports.keyPacks(exportId)
			.stream()
			.filter((candidate) -> candidate.packNumber() == packNumber)
			.findFirst()
			.orElse(null) : null;
		if (keyPack == null) {
			return problem(HttpStatus.NOT_FOUND, "not_found",
					"Pack " + packNumber + " of export " + exportId + " has no NFC key pack (yet)");
		}
		return file(Export.keyPackStorageKey(exportId, packNumber), ExportFiles.keyPackFileName(exportId, packNumber),
				keyPack.byteSize(), keyPack.sha256(), PKCS7_MIME);
	}

	@GetMapping("/exports/{exportId}/manifest")
	ResponseEntity<?> manifest(@PathVariable long exportId, @RequestParam(required = false) String brand,
			@RequestParam(required = false) String expires, @RequestParam(required = false) String signature)
			throws IOException {
		Export export = verified(exportId, DownloadUrlSigner.MANIFEST, brand, expires, signature);
		if (export == null) {
			return problem(HttpStatus.NOT_FOUND, "not_found", "There is no export " + exportId);
		}
		if (export.status() != ExportStatus.COMPLETED) {
			return problem(HttpStatus.NOT_FOUND, "not_ready",
					"Export " + exportId + " is " + export.status().value() + ": its manifest comes with completion");
		}
		return file(export.manifestStorageKey(), ExportFiles.manifestFileName(exportId), export.manifestByteSize(),
				export.manifestSha256());
	}

	@ExceptionHandler(SignedUrlRejectedException.class)
	ResponseEntity<ProblemDetail> rejected(SignedUrlRejectedException ex) {
		return problem(HttpStatus.valueOf(ex.reason().httpStatus()), ex.reason().code(), ex.getMessage());
	}

	private Export verified(long exportId, int packNumber, String brand, String expires, String signature) {
		Export export = this.exports.find(exportId).orElse(null);
		// An unknown export is verified too (against no brand), so that without a valid
		// signature every export looks alike: nobody learns which ids exist.
		this.signer.verify(exportId, packNumber, (export != null) ? export.brandId() : NO_BRAND, brand, expires,
				signature);
		return export;
	}

	private ResponseEntity<Resource> file(String key, String fileName, long bytes, String sha256) throws IOException {
		return file(key, fileName, bytes, sha256, CSV);
	}

	private ResponseEntity<Resource> file(String key, String fileName, long bytes, String sha256, MediaType type)
			throws IOException {
		InputStream content = this.storage.open(key);
		return ResponseEntity.ok()
			.contentType(type)
			.contentLength(bytes)
			.eTag('"' + sha256 + '"')
			.cacheControl(CacheControl.noStore())
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(fileName).build().toString())
			.header("Repr-Digest",
					"sha-256=:" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha256)) + ":")
			.body(new InputStreamResource(content));
	}

	private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String code, String message) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, message);
		problem.setType(URI.create("https://dppmint.io/problems/download-" + code.replace('_', '-')));
		problem.setProperty("code", code);
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

}
