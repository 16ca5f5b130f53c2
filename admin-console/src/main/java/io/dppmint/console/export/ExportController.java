package io.dppmint.console.export;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import io.dppmint.console.api.ApiException;
import io.dppmint.console.api.Cursors;
import io.dppmint.console.api.FieldError;
import io.dppmint.console.api.Page;
import io.dppmint.console.security.Caller;
import io.dppmint.core.deployment.PublicUrls;
import io.dppmint.core.export.DownloadUrlSigner;
import io.dppmint.core.export.Export;
import io.dppmint.core.export.ExportIntake;
import io.dppmint.core.export.ExportLockedException;
import io.dppmint.core.export.ExportPack;
import io.dppmint.core.export.ExportRejectedException;
import io.dppmint.core.export.ExportSubmission;
import io.dppmint.core.export.JdbcExportRepository;
import io.dppmint.core.minting.JdbcMintBatchRepository;
import io.dppmint.core.minting.MintBatch;
import io.dppmint.core.tenancy.BrandScope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Exports of minted batches: start or resume one (through {@link ExportIntake}, the one
 * intake shared with the command line; export-jobs runs it), list them, and list a
 * finished export's packs with short-lived signed download URLs served by export-jobs.
 * Exports are found through brand-scoped queries: another brand's export is absent.
 */
@RestController
@RequestMapping("/api/v1/exports")
@Tag(name = "Exports", description = "CSV print packs of minted batches")
class ExportController {

	private final JdbcClient jdbc;

	private final ExportIntake intake;

	private final JdbcExportRepository exports;

	private final JdbcMintBatchRepository batches;

	private final DownloadUrlSigner signer;

	private final String downloadBaseUrl;

	ExportController(JdbcClient jdbc, ExportIntake intake, JdbcExportRepository exports,
			JdbcMintBatchRepository batches, DownloadUrlSigner signer,
			@Value("${dpp.console.export-download-base-url:http://127.0.0.1:8083}") String downloadBaseUrl,
			Environment environment) {
		this.jdbc = jdbc;
		this.intake = intake;
		this.exports = exports;
		this.batches = batches;
		this.signer = signer;
		PublicUrls.require(downloadBaseUrl, "dpp.console.export-download-base-url", environment);
		this.downloadBaseUrl = downloadBaseUrl.endsWith("/")
				? downloadBaseUrl.substring(0, downloadBaseUrl.length() - 1) : downloadBaseUrl;
	}

	@PostMapping
	@Operation(summary = "Start or resume the export of a minted batch",
			description = "202 when the export is queued (new, waiting, or resumed at its first incomplete pack); "
					+ "200 with its packs when it is complete; 409 while another process holds its 10-minute lock.")
	ResponseEntity<ExportView> request(Caller caller, @Valid @RequestBody ExportRequest body) {
		MintBatch batch = this.batches.find(caller.scope(), body.batchId())
			.orElseThrow(() -> unknownBatch(body.batchId()));
		ExportSubmission submission;
		try {
			submission = this.intake.request(batch.id(), caller.brandId(), caller.actor());
		}
		catch (ExportRejectedException ex) {
			if (ex.reason() == ExportRejectedException.Reason.NO_PROGRAMMER_CERTIFICATE) {
				throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "export-rejected", ex.getMessage(),
						List.of(new FieldError("batchId", "NO_PROGRAMMER_CERTIFICATE", ex.getMessage())));
			}
			if (ex.reason() == ExportRejectedException.Reason.BATCH_NOT_MINTED) {
				throw new ApiException(HttpStatus.CONFLICT, "conflict", ex.getMessage(),
						List.of(new FieldError("batchId", "BATCH_NOT_MINTED", ex.getMessage())));
			}
			throw unknownBatch(body.batchId());
		}
		catch (ExportLockedException ex) {
			throw new ApiException(HttpStatus.CONFLICT, "export-locked", ex.getMessage(),
					List.of(new FieldError("batchId", "EXPORT_LOCKED",
							"Another process is exporting this batch until " + ex.leaseExpiresAt())));
		}
		ExportView view = view(submission.export(), submission.packs());
		HttpStatus status = (submission.outcome() == ExportSubmission.Outcome.COMPLETED) ? HttpStatus.OK
				: HttpStatus.ACCEPTED;
		return ResponseEntity.status(status)
			.location(URI.create("/api/v1/exports/" + submission.export().id()))
			.body(view);
	}

	@GetMapping
	@Operation(summary = "Exports, newest first (keyset pagination), optionally of one batch")
	Page<ExportView> list(Caller caller, @RequestParam(required = false) @Positive Long batchId,
			@RequestParam(required = false) @Size(max = 20) String cursor,
			@RequestParam(defaultValue = "50") @Min(1) @Max(Page.MAX_LIMIT) int limit) {
		Long before = Cursors.key(cursor);
		List<Long> ids = ids(caller.scope(), batchId, (before != null) ? before : Long.MAX_VALUE, limit + 1);
		List<ExportView> items = ids.stream()
			.limit(limit)
			.map((id) -> this.exports.find(id).orElseThrow())
			.map((export) -> view(export, null))
			.toList();
		return new Page<>(items, (ids.size() > limit) ? Cursors.of(ids.get(limit - 1)) : null);
	}

	@GetMapping("/{id}")
	@Operation(summary = "An export with its packs and their signed download URLs (valid 5 minutes)")
	ExportView export(Caller caller, @PathVariable long id) {
		Export export = inScope(caller.scope(), id);
		return view(export, this.exports.packs(id));
	}

	@GetMapping("/{id}/packs")
	@Operation(summary = "The packs of an export, each with a fresh signed download URL (valid 5 minutes)")
	List<PackView> packs(Caller caller, @PathVariable long id) {
		Export export = inScope(caller.scope(), id);
		return packViews(export, this.exports.packs(id));
	}

	private Export inScope(BrandScope scope, long id) {
		return ids(scope, null, id + 1, 1).stream()
			.filter((found) -> found == id)
			.findFirst()
			.flatMap(this.exports::find)
			.orElseThrow(() -> ApiException.notFound("There is no export " + id));
	}

	/** Ids of exports in scope, newest first: the brand filter is in the query. */
	private List<Long> ids(BrandScope scope, Long batchId, long beforeId, int limit) {
		return this.jdbc.sql("""
				select id from exports
				where (:allBrands or brand_id = :brandId)
					and (cast(:batchId as bigint) is null or batch_id = cast(:batchId as bigint))
					and id < :beforeId
				order by id desc
				limit :limit""")
			.param("allBrands", scope.allBrands())
			.param("brandId", scope.brandId())
			.param("batchId", batchId)
			.param("beforeId", beforeId)
			.param("limit", limit)
			.query(Long.class)
			.list();
	}

	private ExportView view(Export export, List<ExportPack> packs) {
		String manifestUrl = (export.manifestSha256() != null)
				? this.downloadBaseUrl + this.signer.sign(export.id(), DownloadUrlSigner.MANIFEST, export.brandId())
				: null;
		return new ExportView(export.id(), export.batchId(), export.brandId(), export.status().value(),
				export.packCount(), (packs != null) ? packs.size() : null, export.manifestSha256(), manifestUrl,
				export.error(), export.requestedBy(), export.createdAt(), export.startedAt(), export.completedAt(),
				(packs != null) ? packViews(export, packs) : null);
	}

	private List<PackView> packViews(Export export, List<ExportPack> packs) {
		java.util.Map<Integer, JdbcExportRepository.KeyPack> keyPacks = new java.util.HashMap<>();
		this.exports.keyPacks(export.id()).forEach((keyPack) -> keyPacks.put(keyPack.packNumber(), keyPack));
		return packs.stream().map((pack) -> {
			JdbcExportRepository.KeyPack keyPack = keyPacks.get(pack.packNumber());
			return new PackView(pack.packNumber(), pack.rowCount(), pack.byteSize(), pack.sha256(),
					this.downloadBaseUrl + this.signer.sign(export.id(), pack.packNumber(), export.brandId()),
					(keyPack != null) ? keyPack.sha256() : null, (keyPack != null) ? this.downloadBaseUrl
							+ this.signer.signKeyPack(export.id(), pack.packNumber(), export.brandId()) : null);
		}).toList();
	}

	private static ApiException unknownBatch(long batchId) {
		return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-request", "There is no batch " + batchId,
				List.of(new FieldError("batchId", "UNKNOWN_BATCH", "There is no batch " + batchId)));
	}

	/**
	 * An export request.
	 *
	 * @param batchId the minted batch to export
	 */
	record ExportRequest(@NotNull @Positive Long batchId) {
	}

	/**
	 * An export.
	 *
	 * @param id export id
	 * @param batchId the exported batch
	 * @param brandId its brand
	 * @param status pending, running, completed or failed
	 * @param packCount packs when complete
	 * @param packsDone packs written so far (detail views only)
	 * @param manifestSha256 SHA-256 of the manifest, once complete
	 * @param manifestUrl signed download URL of the manifest, once complete
	 * @param error why it failed, or {@code null}
	 * @param requestedBy who first requested it
	 * @param createdAt when it was requested
	 * @param startedAt when it first ran
	 * @param completedAt when it completed
	 * @param packs its packs (detail views only)
	 */
	record ExportView(long id, long batchId, long brandId, String status, int packCount, Integer packsDone,
			String manifestSha256, String manifestUrl, String error, String requestedBy, Instant createdAt,
			Instant startedAt, Instant completedAt, List<PackView> packs) {
	}

	/**
	 * A pack.
	 *
	 * @param packNumber its number, from 1
	 * @param rowCount units in it
	 * @param byteSize its size
	 * @param sha256 its checksum, as in the manifest
	 * @param downloadUrl a signed URL valid for a few minutes
	 * @param keyPackSha256 for an NFC batch, the SHA-256 of its encrypted key pack
	 * @param keyPackDownloadUrl for an NFC batch, a signed URL of its encrypted key pack
	 */
	record PackView(int packNumber, int rowCount, long byteSize, String sha256, String downloadUrl,
			String keyPackSha256, String keyPackDownloadUrl) {
	}

}
