package io.dppmint.core.minting;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

import io.dppmint.core.audit.AuditEvent;
import io.dppmint.core.audit.AuditLog;
import io.dppmint.core.catalog.Brand;
import io.dppmint.core.catalog.EligibilityFailure;
import io.dppmint.core.catalog.EligibilityRule;
import io.dppmint.core.catalog.JdbcBrandRepository;
import io.dppmint.core.catalog.JdbcProductRepository;
import io.dppmint.core.catalog.JdbcProductionRunRepository;
import io.dppmint.core.catalog.MintEligibility;
import io.dppmint.core.catalog.Product;
import io.dppmint.core.catalog.ProductionRun;
import io.dppmint.core.digsig.BrandKeys;
import io.dppmint.core.gs1.ApplicationIdentifier;
import io.dppmint.core.gs1.InvalidGs1DataException;
import io.dppmint.core.kpi.JdbcBrandCounters;
import io.dppmint.core.minting.MintRejectedException.Violation;
import io.dppmint.core.minting.MintRequest.LotRequest;
import io.dppmint.core.passport.DataLevel;
import io.dppmint.core.passport.FieldDefinition;
import io.dppmint.core.passport.FieldError;
import io.dppmint.core.passport.JdbcPassports;
import io.dppmint.core.passport.PassportSchema;
import io.dppmint.core.passport.PassportValidator;

import org.springframework.transaction.support.TransactionTemplate;

/**
 * Accepts mint requests: the one intake behind the REST API, the console wizard and the
 * command line. A request is validated in full (every broken rule is reported, by field),
 * then, in one transaction, its production-run capacity is reserved atomically, its batch
 * is queued with a token range of its own and its lots, the brand's counter and the audit
 * log are updated. A rejected request writes nothing.
 * <p>
 * Idempotency: a key is unique per brand. The same key with the same request returns the
 * batch it created; with a different request it is a conflict. Concurrent duplicates
 * create one batch: the unique key makes the later transaction roll back and return the
 * winner's batch.
 */
public class MintIntake {

	private static final String PASSPORT = "passport";

	/** Most lots one request may carry. */
	public static final int MAX_LOTS = 1_000;

	private final TransactionTemplate transactions;

	private final JdbcBrandRepository brands;

	private final JdbcProductRepository products;

	private final JdbcProductionRunRepository productionRuns;

	private final JdbcMintBatchRepository batches;

	private final JdbcBrandCounters counters;

	private final AuditLog auditLog;

	private final BrandKeys brandKeys;

	private final JdbcPassports passports;

	/**
	 * An intake that cannot sign: it rejects signed requests.
	 * @param transactions the intake transaction
	 * @param brands the brands
	 * @param products the products
	 * @param productionRuns the production runs
	 * @param batches the batches
	 * @param counters the brand counters
	 * @param auditLog the audit log
	 */
	public MintIntake(TransactionTemplate transactions, JdbcBrandRepository brands, JdbcProductRepository products,
			JdbcProductionRunRepository productionRuns, JdbcMintBatchRepository batches, JdbcBrandCounters counters,
			AuditLog auditLog) {
		this(transactions, brands, products, productionRuns, batches, counters, auditLog, null);
	}

	/**
	 * An intake that accepts signed requests.
	 * @param transactions the intake transaction
	 * @param brands the brands
	 * @param products the products
	 * @param productionRuns the production runs
	 * @param batches the batches
	 * @param counters the brand counters
	 * @param auditLog the audit log
	 * @param brandKeys the brands' signing keys, or {@code null} to reject signed
	 * requests
	 */
	public MintIntake(TransactionTemplate transactions, JdbcBrandRepository brands, JdbcProductRepository products,
			JdbcProductionRunRepository productionRuns, JdbcMintBatchRepository batches, JdbcBrandCounters counters,
			AuditLog auditLog, BrandKeys brandKeys) {
		this(transactions, brands, products, productionRuns, batches, counters, auditLog, brandKeys, null);
	}

	/**
	 * An intake that accepts signed requests and batch passport data.
	 * @param transactions the intake transaction
	 * @param brands the brands
	 * @param products the products
	 * @param productionRuns the production runs
	 * @param batches the batches
	 * @param counters the brand counters
	 * @param auditLog the audit log
	 * @param brandKeys the brands' signing keys, or {@code null} to reject signed
	 * requests
	 * @param passports where a request's batch passport data is written, or {@code null}
	 * to reject requests that carry some
	 */
	public MintIntake(TransactionTemplate transactions, JdbcBrandRepository brands, JdbcProductRepository products,
			JdbcProductionRunRepository productionRuns, JdbcMintBatchRepository batches, JdbcBrandCounters counters,
			AuditLog auditLog, BrandKeys brandKeys, JdbcPassports passports) {
		this.passports = passports;
		this.brandKeys = brandKeys;
		this.transactions = transactions;
		this.brands = brands;
		this.products = products;
		this.productionRuns = productionRuns;
		this.batches = batches;
		this.counters = counters;
		this.auditLog = auditLog;
	}

	/**
	 * Validate and queue a request.
	 * @param request the request
	 * @param actor who submits it (user, API key or command line), for the audit log
	 * @return the queued batch, or the existing one for an idempotent retry
	 * @throws MintRejectedException listing every broken rule (nothing written)
	 * @throws IdempotencyConflictException if the key was used for a different request
	 */
	public MintSubmission submit(MintRequest request, String actor) {
		List<Violation> violations = new ArrayList<>();
		checkShape(request, violations);
		String fingerprint = null;
		if (violations.isEmpty()) {
			// A retry returns what the original request got, even if the catalogue or the
			// lots have moved on since (the original batch now holds the lot numbers it
			// asked for, and the production-run capacity).
			fingerprint = fingerprint(request);
			Optional<MintSubmission> replay = replay(request, fingerprint);
			if (replay.isPresent()) {
				return replay.get();
			}
		}
		Optional<Product> product = productOfBrand(request);
		if (violations.isEmpty()) {
			checkLotsAreNew(request, product, violations);
		}
		checkCatalogue(request, product, violations);
		if (!violations.isEmpty()) {
			if (fingerprint != null) {
				// The original of a concurrent retry may have committed since the first
				// look, taking the lots and the capacity this check just found gone.
				Optional<MintSubmission> replay = replay(request, fingerprint);
				if (replay.isPresent()) {
					return replay.get();
				}
			}
			throw new MintRejectedException(violations);
		}
		String accepted = fingerprint;
		try {
			Brand brand = this.brands.findById(request.brandId()).orElseThrow();
			MintBatch batch = this.transactions.execute((status) -> queue(request, brand, accepted, actor));
			return new MintSubmission(batch, true);
		}
		catch (IdempotentRaceLost ex) {
			return replay(request, accepted).orElseThrow(() -> new IllegalStateException(
					"Idempotency key " + request.idempotencyKey() + " conflicted but no batch holds it"));
		}
	}

	/**
	 * Every rule {@link #submit} would check, without queueing anything: what the console
	 * wizard shows before its review step. A request that passes may still be rejected at
	 * submission if the catalogue, the lots or the production run change meanwhile.
	 * @param request the request
	 * @return the broken rules, by field; empty if the request would be accepted now
	 */
	public List<Violation> check(MintRequest request) {
		List<Violation> violations = new ArrayList<>();
		checkShape(request, violations);
		Optional<Product> product = productOfBrand(request);
		if (violations.isEmpty()) {
			checkLotsAreNew(request, product, violations);
		}
		checkCatalogue(request, product, violations);
		return List.copyOf(violations);
	}

	/** The requested product if it is the requesting brand's: any other is unknown. */
	private Optional<Product> productOfBrand(MintRequest request) {
		return this.products.findById(request.productId())
			.filter((candidate) -> candidate.brandId() == request.brandId());
	}

	private void checkCatalogue(MintRequest request, Optional<Product> product, List<Violation> violations) {
		Brand brand = this.brands.findById(request.brandId()).orElse(null);
		if (product.isEmpty() || brand == null) {
			violations.add(new Violation("productId", "UNKNOWN_PRODUCT",
					"There is no product " + request.productId() + " in this brand"));
		}
		else {
			for (EligibilityFailure failure : MintEligibility.evaluate(brand, product.get()).failures()) {
				violations.add(new Violation("productId", failure.rule().name(), failure.message()));
			}
			if (request.signed()) {
				checkSignable(brand, product.get(), violations);
			}
			checkPassport(request, brand, violations);
		}
		if (request.productionRunId() != null) {
			Optional<ProductionRun> run = this.productionRuns.findById(request.productionRunId())
				.filter((candidate) -> candidate.brandId() == request.brandId());
			if (run.isEmpty()) {
				violations.add(new Violation("productionRunId", "UNKNOWN_PRODUCTION_RUN",
						"There is no production run " + request.productionRunId() + " in this brand"));
			}
			else if (run.get().productId() != request.productId()) {
				violations.add(new Violation("productionRunId", "PRODUCTION_RUN_OF_OTHER_PRODUCT",
						"Production run " + run.get().erpReference() + " is for another product"));
			}
			else if (request.quantity() > run.get().remainingQuantity()) {
				violations.add(capacityExceeded(run.get().erpReference(), run.get().remainingQuantity()));
			}
		}
	}

	/**
	 * The batch passport data a request carries, checked against the brand's schema at
	 * batch level as a later write through the API would be, and the batch-level fields
	 * the schema requires before minting: a request that lacks one is refused here, as a
	 * product without its required model-level fields is not ready to mint.
	 */
	private void checkPassport(MintRequest request, Brand brand, List<Violation> violations) {
		PassportSchema schema = brand.passportSchema();
		for (FieldError error : PassportValidator.check(schema, request.passport(), DataLevel.BATCH, PASSPORT)) {
			violations.add(new Violation(error.path(), error.code(), error.message()));
		}
		for (String key : PassportValidator.missing(schema, request.passport(), DataLevel.BATCH)) {
			String label = schema.field(key).map(FieldDefinition::label).orElse(key);
			violations.add(new Violation(PASSPORT + "." + key, EligibilityRule.REQUIRED_FIELD_MISSING.name(),
					"'" + label + "' is required for every batch of this brand: give it in the request's passport"));
		}
		if (!request.passport().isEmpty() && this.passports == null) {
			violations.add(
					new Violation(PASSPORT, "PASSPORT_DATA_UNAVAILABLE", "This app cannot record batch passport data"));
		}
	}

	/**
	 * A signature covers a GS1 element string with AI 01 and 21 (AI 8030 requires them),
	 * so only a GS1-ready brand's products with a GTIN can be signed.
	 */
	private void checkSignable(Brand brand, Product product, List<Violation> violations) {
		if (!brand.gtinRequired() || product.gtin() == null) {
			violations.add(new Violation("signed", "SIGNATURE_REQUIRES_GTIN",
					"Signed codes (GS1 AI 8030) need a GS1-ready brand and a product with a GTIN: a signature covers"
							+ " the unit's GTIN and serial, and this "
							+ (brand.gtinRequired() ? "product has no GTIN" : "brand is not GS1-ready")));
		}
		else if (this.brandKeys == null) {
			violations.add(new Violation("signed", "SIGNING_UNAVAILABLE", "This app cannot sign codes"));
		}
	}

	private MintBatch queue(MintRequest request, Brand brand, String fingerprint, String actor) {
		// Locks are taken in one order (signing key, idempotency key, production run,
		// lots
		// by number), so concurrent intakes wait for each other but never deadlock; a
		// duplicate's insert waits here for the first submission and then replays its
		// batch.
		// The key is fixed now, so a rotation while the batch mints never mixes keys.
		Long signingKeyId = request.signed() ? this.brandKeys.signingKeyFor(brand.id()) : null;
		Optional<Long> batchId = this.batches.insertQueued(request, fingerprint, actor, signingKeyId);
		if (batchId.isEmpty()) {
			throw new IdempotentRaceLost();
		}
		if (request.productionRunId() != null
				&& !this.productionRuns.reserve(request.productionRunId(), request.quantity())) {
			ProductionRun run = this.productionRuns.findById(request.productionRunId()).orElseThrow();
			throw new MintRejectedException(List.of(capacityExceeded(run.erpReference(), run.remainingQuantity())));
		}
		MintBatch batch = this.batches.find(batchId.get()).orElseThrow();
		List<LotRequest> lots = request.lots();
		long[] offsets = new long[lots.size()];
		for (int i = 1; i < lots.size(); i++) {
			offsets[i] = offsets[i - 1] + lots.get(i - 1).quantity();
		}
		List<Integer> byLotNumber = IntStream.range(0, lots.size())
			.boxed()
			.sorted(Comparator.comparing((i) -> lots.get(i).lotNumber()))
			.toList();
		for (int i : byLotNumber) {
			LotRequest lot = lots.get(i);
			boolean inserted = this.batches.insertLot(batch.id(), request.productId(), lot.lotNumber(), lot.quantity(),
					batch.firstTokenId() + offsets[i]);
			if (!inserted) {
				// A concurrent request minted the lot after this one was validated.
				throw new MintRejectedException(List.of(lotAlreadyExists(i, lot.lotNumber())));
			}
		}
		if (!request.passport().isEmpty()) {
			// Joins this transaction: a refused request leaves no passport version
			// behind.
			this.passports.submit(JdbcPassports.Subject.BATCH, batch.id(),
					JdbcPassports.Change.replace(request.passport()), 0, actor);
		}
		this.counters.batchCreated(brand.id());
		this.auditLog.record(new AuditEvent(brand.id(), "batch", Long.toString(batch.id()), "created", actor,
				Map.of("productId", request.productId(), "quantity", request.quantity(), "identityMode",
						request.identityMode().value(), "activationMode", request.activationMode().value(), "carrier",
						request.carrier().value(), "status", MintBatchStatus.QUEUED.value(), "signed",
						request.signed())));
		return batch;
	}

	private Optional<MintSubmission> replay(MintRequest request, String fingerprint) {
		if (request.idempotencyKey() == null) {
			return Optional.empty();
		}
		return this.batches.findByIdempotencyKey(request.brandId(), request.idempotencyKey()).map((keyed) -> {
			if (!fingerprint.equals(keyed.requestFingerprint())) {
				throw new IdempotencyConflictException(request.idempotencyKey(), keyed.id());
			}
			return new MintSubmission(this.batches.find(keyed.id()).orElseThrow(), false);
		});
	}

	private void checkShape(MintRequest request, List<Violation> violations) {
		if (request.quantity() < 1 || request.quantity() > MintRequest.MAX_QUANTITY) {
			violations.add(new Violation("quantity", "QUANTITY_OUT_OF_RANGE",
					"Quantity must be between 1 and 1,000,000, not " + request.quantity()));
		}
		if (request.identityMode() == null) {
			violations.add(new Violation("identityMode", "REQUIRED", "Identity mode is required (serial or lot)"));
		}
		if (request.activationMode() == null) {
			violations
				.add(new Violation("activationMode", "REQUIRED", "Activation mode is required (active or first_scan)"));
		}
		String key = request.idempotencyKey();
		if (key != null && (key.isBlank() || key.length() > 255)) {
			violations.add(new Violation("idempotencyKey", "INVALID_IDEMPOTENCY_KEY",
					"An idempotency key has 1 to 255 characters and is not blank"));
		}
		if (request.identityMode() == IdentityMode.SERIAL && !request.lots().isEmpty()) {
			violations.add(new Violation("lots", "LOTS_NOT_ALLOWED", "Serial mode takes no lots; use lot mode"));
		}
		if (request.identityMode() == IdentityMode.LOT) {
			checkLots(request, violations);
		}
	}

	private void checkLots(MintRequest request, List<Violation> violations) {
		List<LotRequest> lots = request.lots();
		if (lots.isEmpty()) {
			violations.add(new Violation("lots", "LOTS_REQUIRED", "Lot mode needs at least one lot"));
			return;
		}
		if (lots.size() > MAX_LOTS) {
			violations.add(new Violation("lots", "TOO_MANY_LOTS",
					"A request carries at most " + MAX_LOTS + " lots, not " + lots.size()));
			return;
		}
		Set<String> seen = new HashSet<>();
		long sum = 0;
		for (int i = 0; i < lots.size(); i++) {
			LotRequest lot = lots.get(i);
			String field = "lots[" + i + "]";
			try {
				ApplicationIdentifier.BATCH_LOT.requireValid(lot.lotNumber());
				if (lot.lotNumber().equals(".") || lot.lotNumber().equals("..")) {
					// Valid GS1, but HTTP clients remove such path segments, so /10/../
					// could never be scanned.
					violations.add(new Violation(field + ".lotNumber", "INVALID_LOT_NUMBER",
							"A lot number cannot be '.' or '..': scanners and browsers drop such URI segments"));
				}
				else if (!seen.add(lot.lotNumber())) {
					violations.add(new Violation(field + ".lotNumber", "DUPLICATE_LOT_NUMBER",
							"Lot " + lot.lotNumber() + " appears more than once"));
				}
			}
			catch (InvalidGs1DataException ex) {
				violations.add(new Violation(field + ".lotNumber", "INVALID_LOT_NUMBER", ex.getMessage()));
			}
			if (lot.quantity() < 1) {
				violations.add(new Violation(field + ".quantity", "LOT_QUANTITY_NOT_POSITIVE",
						"The quantity of lot " + lot.lotNumber() + " must be positive, not " + lot.quantity()));
			}
			sum += lot.quantity();
		}
		if (sum != request.quantity()) {
			violations.add(new Violation("lots", "LOT_QUANTITIES_MISMATCH",
					"Lot quantities add up to " + sum + ", not the requested " + request.quantity()));
		}
	}

	/**
	 * Whether the lots are new for the product, looked up only for a product of the
	 * requesting brand: another brand's lot numbers are none of its business (asking with
	 * another brand's product id must not tell which lots exist).
	 */
	private void checkLotsAreNew(MintRequest request, Optional<Product> product, List<Violation> violations) {
		if (product.isEmpty()) {
			return;
		}
		for (int i = 0; i < request.lots().size(); i++) {
			String lotNumber = request.lots().get(i).lotNumber();
			if (this.batches.findLot(request.productId(), lotNumber).isPresent()) {
				violations.add(lotAlreadyExists(i, lotNumber));
			}
		}
	}

	private static Violation lotAlreadyExists(int index, String lotNumber) {
		return new Violation("lots[" + index + "].lotNumber", "LOT_ALREADY_EXISTS",
				"Lot " + lotNumber + " was already minted for this product");
	}

	private static Violation capacityExceeded(String erpReference, long remaining) {
		return new Violation("quantity", "PRODUCTION_RUN_CAPACITY_EXCEEDED",
				"Production run " + erpReference + " has " + remaining + " units left to mint; the request exceeds it");
	}

	private static String fingerprint(MintRequest request) {
		StringBuilder canonical = new StringBuilder().append(request.productId())
			.append('|')
			.append(request.productionRunId())
			.append('|')
			.append(request.identityMode().value())
			.append('|')
			.append(request.activationMode().value())
			.append('|')
			.append(request.quantity());
		if (request.carrier() != Carrier.QR) {
			// Only a non-default carrier joins the fingerprint, so batches queued before
			// carriers existed keep theirs and their retries still replay.
			canonical.append("|carrier=").append(request.carrier().value());
		}
		for (LotRequest lot : request.lots()) {
			canonical.append('|')
				.append(lot.lotNumber().length())
				.append(':')
				.append(lot.lotNumber())
				.append('=')
				.append(lot.quantity());
		}
		if (!request.passport().isEmpty()) {
			// Only requests with batch data carry it, so older fingerprints still match.
			canonical.append("|passport=").append(HexFormat.of().formatHex(request.passport().sha256()));
		}
		if (request.signed()) {
			// Only signed requests carry the flag, so the fingerprints of unsigned
			// requests
			// stored before signing existed still match their retries.
			canonical.append("|signed");
		}
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256")
					.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Rolls the intake transaction back when a concurrent request won the idempotency
	 * key.
	 */
	private static final class IdempotentRaceLost extends RuntimeException {

		private static final long serialVersionUID = 1L;

		IdempotentRaceLost() {
			super(null, null, false, false);
		}

	}

}
