package io.dppmint.console.minting;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import io.dppmint.console.api.ApiException;
import io.dppmint.console.api.Cursors;
import io.dppmint.console.api.FieldError;
import io.dppmint.console.api.Page;
import io.dppmint.console.security.Caller;
import io.dppmint.core.catalog.JdbcProductRepository;
import io.dppmint.core.catalog.Product;
import io.dppmint.core.minting.ActivationMode;
import io.dppmint.core.minting.Carrier;
import io.dppmint.core.minting.IdentityMode;
import io.dppmint.core.minting.JdbcMintBatchRepository;
import io.dppmint.core.minting.Lot;
import io.dppmint.core.minting.MintBatch;
import io.dppmint.core.minting.MintBatchStatus;
import io.dppmint.core.minting.MintIntake;
import io.dppmint.core.minting.MintRequest;
import io.dppmint.core.minting.MintRequest.LotRequest;
import io.dppmint.core.minting.MintSubmission;
import io.dppmint.core.nfc.JdbcNfcTagCounters;
import io.dppmint.core.passport.PassportValues;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Mint requests and the batches they create. A request goes through {@link MintIntake}
 * (the one intake shared with the console wizard and the command line), which validates
 * it in full and queues a batch; the mint-jobs service picks it up. Batches are read
 * through brand-scoped queries.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Minting", description = "Mint requests and batches")
class MintController {

	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	private final MintIntake intake;

	private final JdbcMintBatchRepository batches;

	private final JdbcProductRepository products;

	private final JdbcNfcTagCounters tapCounters;

	MintController(MintIntake intake, JdbcMintBatchRepository batches, JdbcProductRepository products,
			JdbcClient jdbc) {
		this.tapCounters = new JdbcNfcTagCounters(jdbc);
		this.intake = intake;
		this.batches = batches;
		this.products = products;
	}

	@PostMapping("/mint-requests")
	@Operation(summary = "Submit a mint request; 202 with the queued batch",
			description = "With an Idempotency-Key header a retry returns the same batch (header Idempotent-Replayed: true); "
					+ "the same key with a different request is 409. Every broken rule is reported at once (422).")
	ResponseEntity<BatchView> submit(Caller caller,
			@RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
			@Valid @RequestBody MintRequestBody body) {
		if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 255)) {
			throw ApiException.invalid(IDEMPOTENCY_KEY, "INVALID_IDEMPOTENCY_KEY",
					"An idempotency key has 1 to 255 characters and is not blank");
		}
		long brandId = brandOf(caller, body.productId());
		MintRequest request = new MintRequest(brandId, body.productId(), body.productionRunId(),
				IdentityMode.of(body.identityMode()), ActivationMode.of(body.activationMode()), body.quantity(),
				(body.lots() != null)
						? body.lots().stream().map((lot) -> new LotRequest(lot.lotNumber(), lot.quantity())).toList()
						: List.of(),
				idempotencyKey, Boolean.TRUE.equals(body.signed()),
				(body.carrier() != null) ? Carrier.of(body.carrier()) : Carrier.QR)
			.withPassport(batchPassport(body.passport()));
		MintSubmission submission = this.intake.submit(request, caller.actor());
		MintBatch batch = submission.batch();
		return ResponseEntity.status(HttpStatus.ACCEPTED)
			.location(URI.create("/api/v1/batches/" + batch.id()))
			.header("Idempotent-Replayed", Boolean.toString(!submission.created()))
			.body(BatchView.of(batch, this.batches.lots(batch.id())));
	}

	@GetMapping("/mint-requests/{batchId}")
	@Operation(summary = "Status and progress of a mint request's batch")
	BatchView mintRequest(Caller caller, @PathVariable long batchId) {
		return batch(caller, batchId);
	}

	@GetMapping("/batches")
	@Operation(summary = "Batches, newest first (keyset pagination), optionally by status")
	Page<BatchView> batches(Caller caller,
			@RequestParam(required = false) @Pattern(regexp = "queued|processing|minted|failed") String status,
			@RequestParam(required = false) @Size(max = 20) String cursor,
			@RequestParam(defaultValue = "50") @Min(1) @Max(Page.MAX_LIMIT) int limit) {
		List<MintBatch> page = this.batches.page(caller.scope(), (status != null) ? MintBatchStatus.of(status) : null,
				Cursors.key(cursor), limit + 1);
		List<BatchView> items = page.stream().limit(limit).map((batch) -> BatchView.of(batch, null)).toList();
		return new Page<>(items, (page.size() > limit) ? Cursors.of(page.get(limit - 1).id()) : null);
	}

	@GetMapping("/batches/{id}")
	@Operation(summary = "A batch with its lots, status and progress")
	BatchView batch(Caller caller, @PathVariable long id) {
		MintBatch batch = this.batches.find(caller.scope(), id)
			.orElseThrow(() -> ApiException.notFound("There is no batch " + id));
		BatchView view = BatchView.of(batch, this.batches.lots(batch.id()));
		if (batch.carrier() == Carrier.NFC) {
			view = view.withNfcTaps(this.tapCounters.totals(batch.firstTokenId(), batch.quantity()));
		}
		return view;
	}

	/** The request's batch data: a JSON object, or none. */
	private static PassportValues batchPassport(JsonNode passport) {
		if (passport == null || passport.isNull()) {
			return PassportValues.empty();
		}
		if (!passport.isObject()) {
			throw ApiException.invalid("passport", "WRONG_TYPE",
					"A batch's passport data is a JSON object of the brand's batch-level fields");
		}
		return PassportValues.of(passport);
	}

	private long brandOf(Caller caller, long productId) {
		if (caller.brandId() != null) {
			return caller.brandId();
		}
		// An operator mints for the product's brand.
		return this.products.findById(caller.scope(), productId)
			.map(Product::brandId)
			.orElseThrow(() -> new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "mint-request-rejected",
					"There is no product " + productId, List.of(new FieldError("productId", "UNKNOWN_PRODUCT",
							"There is no product " + productId + " in this brand"))));
	}

	/**
	 * A mint request.
	 *
	 * @param productId the product (SKU) to mint
	 * @param productionRunId an ERP production run bounding the quantity, or none
	 * @param identityMode {@code serial} or {@code lot}
	 * @param activationMode {@code active} or {@code first_scan}
	 * @param quantity units, 1 to 1,000,000
	 * @param lots lot mode: the lots, quantities summing to {@code quantity}
	 * @param signed sign each unit with the brand's key, carried as GS1 AI 8030 in the
	 * Digital Link (GS1-ready brands, products with a GTIN); false when absent
	 * @param carrier {@code qr} (default) or {@code nfc}: NFC batches get encrypted key
	 * packs for the tag programmer and their taps are verified
	 * @param passport the batch's passport data: a JSON object of the brand's batch-level
	 * fields, checked against its schema and written as the batch's first passport
	 * version; the schema's required batch fields must be given here
	 */
	record MintRequestBody(@NotNull @Positive Long productId, @Positive Long productionRunId,
			@NotNull @Pattern(regexp = "serial|lot", message = "must be serial or lot") String identityMode,
			@NotNull @Pattern(regexp = "active|first_scan|first-scan",
					message = "must be active or first_scan") String activationMode,
			@NotNull Integer quantity, @Size(max = MintIntake.MAX_LOTS) List<@Valid @NotNull LotBody> lots,
			Boolean signed, @Pattern(regexp = "qr|nfc", message = "must be qr or nfc") String carrier,
			JsonNode passport) {
	}

	/**
	 * One lot of a lot-mode request.
	 *
	 * @param lotNumber GS1 AI (10): up to 20 characters of GS1 set 82
	 * @param quantity units in the lot
	 */
	record LotBody(@NotNull @Size(max = 20) String lotNumber, @NotNull Integer quantity) {
	}

	/**
	 * A batch: one accepted mint request and its progress.
	 *
	 * @param id batch id
	 * @param brandId its brand
	 * @param productId the product minted
	 * @param productionRunId the linked production run, or {@code null}
	 * @param identityMode serial or lot
	 * @param activationMode active or first_scan
	 * @param quantity units requested
	 * @param mintedCount units committed so far
	 * @param status queued, processing, minted or failed
	 * @param idempotencyKey the client's key, or {@code null}
	 * @param lots the lots (detail views only; {@code null} in lists)
	 * @param error why it failed, or {@code null}
	 * @param requestedBy who submitted it
	 * @param createdAt when it was accepted
	 * @param startedAt when minting started, or {@code null}
	 * @param finishedAt when it ended, or {@code null}
	 * @param signed whether its units are signed (GS1 AI 8030)
	 * @param carrier qr or nfc
	 * @param nfcTaps for an NFC batch (detail views only): tags tapped genuinely, genuine
	 * and rejected taps
	 */
	record BatchView(long id, long brandId, long productId, Long productionRunId, String identityMode,
			String activationMode, int quantity, long mintedCount, String status, String idempotencyKey,
			List<LotView> lots, String error, String requestedBy, Instant createdAt, Instant startedAt,
			Instant finishedAt, boolean signed, String carrier, JdbcNfcTagCounters.TapTotals nfcTaps) {

		BatchView withNfcTaps(JdbcNfcTagCounters.TapTotals taps) {
			return new BatchView(this.id, this.brandId, this.productId, this.productionRunId, this.identityMode,
					this.activationMode, this.quantity, this.mintedCount, this.status, this.idempotencyKey, this.lots,
					this.error, this.requestedBy, this.createdAt, this.startedAt, this.finishedAt, this.signed,
					this.carrier, taps);
		}

		static BatchView of(MintBatch batch, List<Lot> lots) {
			return new BatchView(batch.id(), batch.brandId(), batch.productId(), batch.productionRunId(),
					batch.identityMode().value(), batch.activationMode().value(), batch.quantity(), batch.mintedCount(),
					batch.status().value(), batch.idempotencyKey(),
					(lots != null) ? lots.stream().map((lot) -> new LotView(lot.lotNumber(), lot.quantity())).toList()
							: null,
					batch.error(), batch.requestedBy(), batch.createdAt(), batch.startedAt(), batch.finishedAt(),
					batch.signed(), batch.carrier().value(), null);
		}

	}

	/**
	 * A lot of a batch.
	 *
	 * @param lotNumber its number
	 * @param quantity its units
	 */
	record LotView(String lotNumber, int quantity) {
	}

}
