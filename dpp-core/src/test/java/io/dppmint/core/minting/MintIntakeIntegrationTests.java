package io.dppmint.core.minting;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import io.dppmint.core.catalog.Brand;
import io.dppmint.core.catalog.CommercialStatus;
import io.dppmint.core.catalog.ErpProductionRun;
import io.dppmint.core.catalog.JdbcBrandRepository;
import io.dppmint.core.catalog.JdbcProductRepository;
import io.dppmint.core.catalog.JdbcProductionRunRepository;
import io.dppmint.core.catalog.NewProduct;
import io.dppmint.core.catalog.Product;
import io.dppmint.core.catalog.ProductionRun;
import io.dppmint.core.fixtures.Fixtures;
import io.dppmint.core.kpi.JdbcBrandCounters;
import io.dppmint.core.minting.MintRejectedException.Violation;
import io.dppmint.core.minting.MintRequest.LotRequest;
import io.dppmint.core.passport.JdbcPassports;
import io.dppmint.core.passport.PassportValues;
import io.dppmint.core.passport.PassportVersion;
import io.dppmint.testsupport.TestPostgres;
import org.assertj.core.api.ThrowingConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import org.springframework.jdbc.core.simple.JdbcClient;

import static io.dppmint.core.fixtures.Fixtures.aLotRequest;
import static io.dppmint.core.fixtures.Fixtures.aMintRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * {@link MintIntake} against the real PostgreSQL, wired by hand from its repositories.
 * Every test mints for brands of its own, so tests sharing the database never see each
 * other's rows, and every rejection is checked to have written nothing.
 */
class MintIntakeIntegrationTests {

	private static final String ACTOR = "intake-test";

	private static final String QUEUED_CHANNEL = "dpp_mint_batch_queued";

	private final Fixtures fixtures = Fixtures.onTestPostgres();

	private final DataSource dataSource = this.fixtures.dataSource();

	private final JdbcClient jdbc = this.fixtures.jdbc();

	private final JdbcBrandRepository brands = this.fixtures.brands();

	private final JdbcProductRepository products = this.fixtures.products();

	private final JdbcProductionRunRepository runs = this.fixtures.productionRuns();

	private final JdbcBrandCounters counters = this.fixtures.counters();

	private final JdbcMintBatchRepository batches = this.fixtures.batches();

	private final MintIntake intake = this.fixtures.intake();

	private final Brand brand = this.fixtures.aBrand().create();

	private final Product product = this.fixtures.aProductOf(this.brand).create();

	// Accepted requests

	@Test
	void queuesASerialRequestWithItsOwnTokenRangeCounterAndAuditEvent() {
		MintSubmission submission = this.intake.submit(aMintRequest(this.product).quantity(500).build(), ACTOR);

		assertThat(submission.created()).isTrue();
		MintBatch batch = submission.batch();
		assertThat(batch.brandId()).isEqualTo(this.brand.id());
		assertThat(batch.productId()).isEqualTo(this.product.id());
		assertThat(batch.productionRunId()).isNull();
		assertThat(batch.identityMode()).isEqualTo(IdentityMode.SERIAL);
		assertThat(batch.activationMode()).isEqualTo(ActivationMode.ACTIVE);
		assertThat(batch.quantity()).isEqualTo(500);
		assertThat(batch.idempotencyKey()).isNull();
		assertThat(batch.status()).isEqualTo(MintBatchStatus.QUEUED);
		assertThat(batch.mintedCount()).isZero();
		assertThat(batch.firstTokenId()).isPositive();
		assertThat(batch.requestedBy()).isEqualTo(ACTOR);
		assertThat(batch.createdAt()).isNotNull();
		assertThat(batch.startedAt()).isNull();
		assertThat(batch.finishedAt()).isNull();
		assertThat(this.batches.find(batch.id())).contains(batch);
		assertThat(this.jdbc
			.sql("""
					select identity_mode, activation_mode, status, quantity, first_token_id from mint_batches where id = :id""")
			.param("id", batch.id())
			.query()
			.singleRow())
			.containsExactlyInAnyOrderEntriesOf(Map.of("identity_mode", "serial", "activation_mode", "active", "status",
					"queued", "quantity", 500, "first_token_id", batch.firstTokenId()));
		assertThat(this.batches.lots(batch.id())).isEmpty();
		assertThat(this.counters.totals(List.of(this.brand.id())))
			.isEqualTo(new JdbcBrandCounters.BrandKpis(0, 0, 1, 0));
		assertThat(this.jdbc.sql("""
				select entity_id, action, actor, details->>'productId' as product_id, details->>'quantity' as quantity,
					details->>'identityMode' as identity_mode, details->>'activationMode' as activation_mode,
					details->>'status' as status
				from audit_events where brand_id = :brandId and entity_type = 'batch'""")
			.param("brandId", this.brand.id())
			.query()
			.singleRow())
			.containsExactlyInAnyOrderEntriesOf(Map.of("entity_id", Long.toString(batch.id()), "action", "created",
					"actor", ACTOR, "product_id", Long.toString(this.product.id()), "quantity", "500", "identity_mode",
					"serial", "activation_mode", "active", "status", "queued"));
	}

	@Test
	void queuesAQrBatchByDefaultAndAnNfcBatchWhenAsked() {
		MintBatch qr = this.intake.submit(aMintRequest(this.product).build(), ACTOR).batch();
		MintBatch nfc = this.intake.submit(aMintRequest(this.product).firstScan().nfc().build(), ACTOR).batch();

		assertThat(qr.carrier()).isEqualTo(Carrier.QR);
		assertThat(nfc.carrier()).isEqualTo(Carrier.NFC);
		assertThat(this.batches.find(nfc.id())).contains(nfc);
		assertThat(this.jdbc.sql("select carrier from mint_batches where id = :id")
			.param("id", nfc.id())
			.query(String.class)
			.single()).isEqualTo("nfc");
		assertThat(this.jdbc
			.sql("select details->>'carrier' from audit_events where entity_type = 'batch' and entity_id = :id")
			.param("id", Long.toString(nfc.id()))
			.query(String.class)
			.single()).isEqualTo("nfc");
	}

	@Test
	void queuesARequestForAGs1ReadyProduct() {
		Brand gs1Brand = this.fixtures.aGs1Brand().create();
		Product gs1Product = this.fixtures.aProductOf(gs1Brand).create();

		MintBatch batch = this.intake.submit(aMintRequest(gs1Product).build(), ACTOR).batch();

		assertThat(batch.brandId()).isEqualTo(gs1Brand.id());
		assertThat(batch.status()).isEqualTo(MintBatchStatus.QUEUED);
		assertThat(BrandRows.of(this.jdbc, gs1Brand.id()).batches()).isOne();
	}

	@Test
	void givesEveryBatchATokenRangeOfItsOwnAtLeastAMillionNumbersApart() {
		MintBatch first = this.intake.submit(aMintRequest(this.product).quantity(1_000_000).build(), ACTOR).batch();
		MintBatch second = this.intake.submit(aMintRequest(this.product).quantity(1_000_000).build(), ACTOR).batch();

		assertThat(second.id()).isNotEqualTo(first.id());
		assertThat(Math.abs(second.firstTokenId() - first.firstTokenId())).isGreaterThanOrEqualTo(1_000_000);
		assertThat(first.contains(second.firstTokenId())).isFalse();
		assertThat(first.contains(second.firstTokenId() + second.quantity() - 1)).isFalse();
		assertThat(second.contains(first.firstTokenId())).isFalse();
		assertThat(second.contains(first.firstTokenId() + first.quantity() - 1)).isFalse();
		assertThat(this.counters.totals(List.of(this.brand.id())).batchesCreated()).isEqualTo(2);
	}

	@Test
	void queuesALotRequestWithConsecutiveLotRangesFromTheBatchsFirstToken() {
		// Every symbol of GS1 character set 82: exactly the 20 characters AI 10 allows.
		String allSymbols = "!\"%&'()*+,-./:;<=>?_";
		MintRequest request = aLotRequest(this.product, new LotRequest("LOT-A", 30), new LotRequest(allSymbols, 15),
				new LotRequest("C1", 5))
			.activationMode(ActivationMode.FIRST_SCAN)
			.build();

		MintBatch batch = this.intake.submit(request, ACTOR).batch();

		assertThat(batch.identityMode()).isEqualTo(IdentityMode.LOT);
		assertThat(batch.activationMode()).isEqualTo(ActivationMode.FIRST_SCAN);
		assertThat(batch.quantity()).isEqualTo(50);
		long first = batch.firstTokenId();
		List<Lot> lots = this.batches.lots(batch.id());
		assertThat(lots).extracting(Lot::batchId, Lot::lotNumber, Lot::quantity, Lot::firstTokenId)
			.containsExactly(tuple(batch.id(), "LOT-A", 30, first), tuple(batch.id(), allSymbols, 15, first + 30),
					tuple(batch.id(), "C1", 5, first + 45));
		assertThat(lots.stream().mapToInt(Lot::quantity).sum()).isEqualTo(batch.quantity());
		assertThat(this.jdbc.sql("select distinct product_id from lots where batch_id = :batchId")
			.param("batchId", batch.id())
			.query(Long.class)
			.list()).containsExactly(this.product.id());
		assertThat(this.jdbc.sql("select activation_mode from mint_batches where id = :id")
			.param("id", batch.id())
			.query(String.class)
			.single()).isEqualTo("first_scan");
	}

	@ParameterizedTest
	@ValueSource(ints = { 1, MintRequest.MAX_QUANTITY })
	void acceptsTheSmallestAndLargestQuantity(int quantity) {
		MintBatch batch = this.intake.submit(aMintRequest(this.product).quantity(quantity).build(), ACTOR).batch();

		assertThat(batch.quantity()).isEqualTo(quantity);
		assertThat(BrandRows.of(this.jdbc, this.brand.id()).batches()).isOne();
	}

	@Test
	void acceptsAThousandLots() {
		MintBatch batch = this.intake
			.submit(aLotRequest(this.product).lots(Fixtures.lotsOfOne(MintIntake.MAX_LOTS))
				.quantity(MintIntake.MAX_LOTS)
				.build(), ACTOR)
			.batch();

		List<Lot> lots = this.batches.lots(batch.id());
		assertThat(lots).hasSize(MintIntake.MAX_LOTS);
		for (int i = 0; i < lots.size(); i++) {
			assertThat(lots.get(i).firstTokenId()).isEqualTo(batch.firstTokenId() + i);
		}
	}

	@Test
	void acceptsTheSameLotNumberForAnotherProduct() {
		Product other = this.fixtures.aProductOf(this.brand).create();
		this.intake.submit(aLotRequest(this.product, new LotRequest("SHARED", 10)).build(), ACTOR);

		MintSubmission submission = this.intake.submit(aLotRequest(other, new LotRequest("SHARED", 10)).build(), ACTOR);

		assertThat(submission.created()).isTrue();
		assertThat(this.batches.lots(submission.batch().id())).extracting(Lot::lotNumber).containsExactly("SHARED");
	}

	@Test
	void acceptsAnIdempotencyKeyOf255Characters() {
		String key = "k".repeat(255);

		MintBatch batch = this.intake.submit(aMintRequest(this.product).idempotencyKey(key).build(), ACTOR).batch();

		assertThat(batch.idempotencyKey()).isEqualTo(key);
	}

	// Quantity

	@ParameterizedTest
	@ValueSource(ints = { 0, -1, MintRequest.MAX_QUANTITY + 1, Integer.MIN_VALUE })
	void rejectsAQuantityOutOfRangeAndWritesNothing(int quantity) {
		MintRejectedException rejection = rejected(aMintRequest(this.product).quantity(quantity).build());

		assertThat(rejection.violations()).singleElement()
			.satisfies(violation("quantity", "QUANTITY_OUT_OF_RANGE", "between 1 and 1,000,000, not " + quantity));
	}

	// Batch passport data given with the request

	@Test
	void writesTheRequestsBatchPassportDataAsTheBatchsFirstVersion() {
		Product product = aProductWithBatchFields();
		PassportValues data = PassportValues.parse("{\"production_date\": \"2026-11-30\", \"line\": \"L4\"}");

		MintBatch batch = this.intake.submit(aMintRequest(product).quantity(10).build().withPassport(data), ACTOR)
			.batch();

		JdbcPassports.Current current = this.fixtures.passports().current(JdbcPassports.Subject.BATCH, batch.id());
		assertThat(current.version()).isEqualTo(1);
		assertThat(current.data()).isEqualTo(data);
		PassportVersion first = this.fixtures.passports()
			.version(JdbcPassports.Subject.BATCH, batch.id(), 1)
			.orElseThrow();
		assertThat(first.actor()).isEqualTo(ACTOR);
		assertThat(first.previousSha256()).isNull();
		assertThat(this.jdbc.sql("""
				select count(*) from audit_events
				where entity_type = 'batch' and entity_id = :id and action = 'passport_changed'""")
			.param("id", Long.toString(batch.id()))
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void rejectsARequestWithoutABatchFieldTheSchemaRequiresAndWritesNothing() {
		Product product = aProductWithBatchFields();

		MintRejectedException rejection = rejected(
				aMintRequest(product).build().withPassport(PassportValues.parse("{\"line\": \"L4\"}")));

		assertThat(rejection.violations()).singleElement()
			.satisfies(
					violation("passport.production_date", "REQUIRED_FIELD_MISSING", "'Production date' is required"));
	}

	@Test
	void rejectsBatchDataOfTheWrongTypeOrLevelListingEveryFieldAndWritesNothing() {
		Product product = aProductWithBatchFields();

		MintRejectedException rejection = rejected(aMintRequest(product).build().withPassport(PassportValues.parse("""
				{"production_date": "30/11/2026", "line": "L4-way-too-long-for-its-field", "material": "Wool"}""")));

		assertThat(rejection.violations()).extracting(Violation::field, Violation::code)
			.containsExactlyInAnyOrder(tuple("passport.production_date", "INVALID_DATE"),
					tuple("passport.line", "TOO_LONG"), tuple("passport.material", "WRONG_LEVEL"));
	}

	@Test
	void aRetryWithOtherBatchDataUnderTheSameKeyIsAConflict() {
		Product product = aProductWithBatchFields();
		MintRequest request = aMintRequest(product).idempotencyKey("batch-data-1")
			.build()
			.withPassport(PassportValues.parse("{\"production_date\": \"2026-11-30\"}"));
		MintBatch batch = this.intake.submit(request, ACTOR).batch();

		assertThat(this.intake.submit(request, ACTOR).batch().id()).isEqualTo(batch.id());
		assertThatExceptionOfType(IdempotencyConflictException.class).isThrownBy(() -> this.intake
			.submit(request.withPassport(PassportValues.parse("{\"production_date\": \"2026-12-01\"}")), ACTOR));
		assertThat(this.fixtures.passports().current(JdbcPassports.Subject.BATCH, batch.id()).version()).isEqualTo(1);
	}

	/**
	 * A product of this test's brand under a schema with a required batch-level
	 * production date and an optional production line.
	 */
	private Product aProductWithBatchFields() {
		this.fixtures.passports().publishSchema(this.brand.id(), PassportValues.parse("""
				{"additionalText": true, "fields": [
				  {"key": "material", "label": "Material", "type": "text", "required": true},
				  {"key": "country_of_origin", "label": "Country of origin", "type": "text", "required": true},
				  {"key": "production_date", "label": "Production date", "type": "date", "level": "batch",
				   "required": true},
				  {"key": "line", "label": "Production line", "type": "text", "level": "batch", "maxLength": 10}
				]}""").toNode(), ACTOR);
		return this.fixtures.aProductOf(this.brands.findById(this.brand.id()).orElseThrow()).create();
	}

	// Eligibility

	@Test
	void rejectsAProductMissingARequiredPassportFieldNamingTheField() {
		Product incomplete = this.products.create(new NewProduct(this.brand.id(), Fixtures.uniqueCode("SKU"),
				"Incomplete", null, Map.of("material", "Cotton"), CommercialStatus.ACTIVE));

		MintRejectedException rejection = rejected(aMintRequest(incomplete).build());

		assertThat(rejection.violations()).singleElement()
			.satisfies(violation("productId", "REQUIRED_FIELD_MISSING", "'country_of_origin'"))
			.satisfies((violation) -> assertThat(violation.message()).contains("is missing"));
	}

	@Test
	void rejectsAProductWithABlankRequiredPassportFieldNamingTheField() {
		Product blank = this.products.create(new NewProduct(this.brand.id(), Fixtures.uniqueCode("SKU"),
				"Blank material", null, Map.of("material", " ", "country_of_origin", "PT"), CommercialStatus.ACTIVE));

		MintRejectedException rejection = rejected(aMintRequest(blank).build());

		assertThat(rejection.violations()).singleElement()
			.satisfies(violation("productId", "REQUIRED_FIELD_MISSING", "'material'"))
			.satisfies((violation) -> assertThat(violation.message()).contains("is blank"));
	}

	@Test
	void rejectsAGs1ReadyBrandsProductWithoutGtin() {
		Brand gs1Brand = this.fixtures.aGs1Brand().create();
		Product withoutGtin = this.products.create(new NewProduct(gs1Brand.id(), Fixtures.uniqueCode("SKU"), "No GTIN",
				null, Fixtures.aCompletePassport(), CommercialStatus.ACTIVE));

		MintRejectedException rejection = rejected(aMintRequest(withoutGtin).build(), gs1Brand);

		assertThat(rejection.violations()).singleElement()
			.satisfies(violation("productId", "GTIN_MISSING", "the product needs a GTIN"));
	}

	@Test
	void rejectsAGs1ReadyBrandsProductWithAGtinOfAnotherCompanyPrefix() {
		Brand gs1Brand = this.fixtures.aGs1Brand().create();
		String foreignGtin = Fixtures.uniqueGtin(Fixtures.FOREIGN_COMPANY_PREFIX);
		Product foreign = this.products.create(new NewProduct(gs1Brand.id(), Fixtures.uniqueCode("SKU"), "Foreign GTIN",
				foreignGtin, Fixtures.aCompletePassport(), CommercialStatus.ACTIVE));

		MintRejectedException rejection = rejected(aMintRequest(foreign).build(), gs1Brand);

		assertThat(rejection.violations()).singleElement()
			.satisfies(violation("productId", "GTIN_INVALID", "GTIN " + foreignGtin + " is not issued under "
					+ gs1Brand.name() + "'s GS1 company prefix " + Fixtures.COMPANY_PREFIX));
	}

	@ParameterizedTest
	@EnumSource(value = CommercialStatus.class, names = { "DRAFT", "DISCONTINUED" })
	void rejectsAProductThatIsNotCommerciallyActive(CommercialStatus status) {
		Product inactive = this.products.create(new NewProduct(this.brand.id(), Fixtures.uniqueCode("SKU"), "Inactive",
				null, Fixtures.aCompletePassport(), status));

		MintRejectedException rejection = rejected(aMintRequest(inactive).build());

		assertThat(rejection.violations()).singleElement()
			.satisfies(violation("productId", "COMMERCIAL_STATUS_NOT_ACTIVE",
					"The product is " + status.dbValue() + ": only active products can be minted"));
	}

	@Test
	void reportsEveryBrokenRuleOfARequestAtOnce() {
		Brand gs1Brand = this.fixtures.aGs1Brand().create();
		Product unready = this.products.create(new NewProduct(gs1Brand.id(), Fixtures.uniqueCode("SKU"), "Unready",
				null, Map.of("material", ""), CommercialStatus.DRAFT));

		MintRejectedException rejection = rejected(aMintRequest(unready).quantity(0).build(), gs1Brand);

		assertThat(rejection.violations()).satisfiesExactlyInAnyOrder(
				violation("quantity", "QUANTITY_OUT_OF_RANGE", "not 0"),
				violation("productId", "REQUIRED_FIELD_MISSING", "'material'"),
				violation("productId", "REQUIRED_FIELD_MISSING", "'country_of_origin'"),
				violation("productId", "GTIN_MISSING", "needs a GTIN"),
				violation("productId", "COMMERCIAL_STATUS_NOT_ACTIVE", "The product is draft"));
		assertThat(rejection).hasMessageContaining("not 0").hasMessageContaining("The product is draft");
	}

	// Products and production runs of the brand

	@Test
	void rejectsAnUnknownProduct() {
		long unknown = Long.MAX_VALUE;

		MintRejectedException rejection = rejected(aMintRequest(this.product).productId(unknown).build());

		assertThat(rejection.violations()).singleElement()
			.satisfies(violation("productId", "UNKNOWN_PRODUCT", "There is no product " + unknown + " in this brand"));
	}

	@Test
	void rejectsAnotherBrandsProduct() {
		Brand other = this.fixtures.aBrand().create();
		Product theirs = this.fixtures.aProductOf(other).create();

		MintRejectedException rejection = rejected(aMintRequest(this.product).productId(theirs.id()).build(), other);

		assertThat(rejection.violations()).singleElement()
			.satisfies(
					violation("productId", "UNKNOWN_PRODUCT", "There is no product " + theirs.id() + " in this brand"));
	}

	@Test
	void neverTellsWhichLotsAnotherBrandsProductHas() {
		Brand other = this.fixtures.aBrand().create();
		Product theirs = this.fixtures.aProductOf(other).create();
		this.intake.submit(aLotRequest(theirs, new LotRequest("THEIR-LOT", 10)).build(), ACTOR);

		MintRejectedException probe = rejected(
				aLotRequest(theirs, new LotRequest("THEIR-LOT", 10)).brandId(this.brand.id()).build(), other);
		List<Violation> checked = this.intake
			.check(aLotRequest(theirs, new LotRequest("THEIR-LOT", 10)).brandId(this.brand.id()).build());

		assertThat(probe.violations()).singleElement()
			.satisfies(
					violation("productId", "UNKNOWN_PRODUCT", "There is no product " + theirs.id() + " in this brand"));
		assertThat(checked).extracting(Violation::code).containsExactly("UNKNOWN_PRODUCT");
	}

	@Test
	void rejectsARequestInTheNameOfAnUnknownBrand() {
		MintRejectedException rejection = rejected(aMintRequest(this.product).brandId(Long.MAX_VALUE).build());

		assertThat(rejection.violations()).singleElement()
			.satisfies(violation("productId", "UNKNOWN_PRODUCT",
					"There is no product " + this.product.id() + " in this brand"));
	}

	@Test
	void rejectsAnUnknownProductionRun() {
		MintRejectedException rejection = rejected(aMintRequest(this.product).productionRunId(Long.MAX_VALUE).build());

		assertThat(rejection.violations()).singleElement()
			.satisfies(violation("productionRunId", "UNKNOWN_PRODUCTION_RUN",
					"There is no production run " + Long.MAX_VALUE + " in this brand"));
	}

	@Test
	void rejectsAnotherBrandsProductionRunAndLeavesItUntouched() {
		Brand other = this.fixtures.aBrand().create();
		Product theirs = this.fixtures.aProductOf(other).create();
		ProductionRun theirRun = this.runs.sync(new ErpProductionRun(other.id(), theirs.id(), "PR-THEIRS", 1_000));

		MintRejectedException rejection = rejected(aMintRequest(this.product).productionRunId(theirRun.id()).build(),
				other);

		assertThat(rejection.violations()).singleElement()
			.satisfies(violation("productionRunId", "UNKNOWN_PRODUCTION_RUN",
					"There is no production run " + theirRun.id() + " in this brand"));
		assertThat(this.runs.findById(theirRun.id())).contains(theirRun);
	}

	@Test
	void rejectsAProductionRunOfAnotherProduct() {
		Product other = this.fixtures.aProductOf(this.brand).create();
		ProductionRun otherRun = this.runs.sync(new ErpProductionRun(this.brand.id(), other.id(), "PR-OTHER", 1_000));

		MintRejectedException rejection = rejected(aMintRequest(this.product).productionRunId(otherRun.id()).build());

		assertThat(rejection.violations()).singleElement()
			.satisfies(violation("productionRunId", "PRODUCTION_RUN_OF_OTHER_PRODUCT",
					"Production run PR-OTHER is for another product"));
		assertThat(this.runs.findById(otherRun.id())).contains(otherRun);
	}

	// Lots

	@Test
	void rejectsLotModeWithoutLots() {
		MintRejectedException rejection = rejected(aLotRequest(this.product).quantity(10).build());

		assertThat(rejection.violations()).singleElement()
			.satisfies(violation("lots", "LOTS_REQUIRED", "Lot mode needs at least one lot"));
	}

	@Test
	void rejectsLotsInSerialMode() {
		MintRejectedException rejection = rejected(
				aLotRequest(this.product, new LotRequest("L1", 10)).identityMode(IdentityMode.SERIAL).build());

		assertThat(rejection.violations()).singleElement()
			.satisfies(violation("lots", "LOTS_NOT_ALLOWED", "Serial mode takes no lots"));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "'LOT 1' | U+0020", "LOTé | U+00E9", "LOT#1 | U+0023", "LOT~ | U+007E",
			"'LOT\t1' | U+0009", "LOT😀 | U+1F600" })
	void rejectsALotNumberWithACharacterOutsideGs1CharacterSet82(String lotNumber, String character) {
		MintRejectedException rejection = rejected(
				aLotRequest(this.product, new LotRequest("GOOD", 5), new LotRequest(lotNumber, 5)).build());

		assertThat(rejection.violations()).singleElement()
			.satisfies(violation("lots[1].lotNumber", "INVALID_LOT_NUMBER", "(" + character + ")"))
			.satisfies((violation) -> assertThat(violation.message()).contains("outside GS1 character set 82"));
	}

	@Test
	void rejectsALotNumberLongerThanTwentyCharacters() {
		MintRejectedException rejection = rejected(
				aLotRequest(this.product, new LotRequest("L".repeat(21), 10)).build());

		assertThat(rejection.violations()).singleElement()
			.satisfies(violation("lots[0].lotNumber", "INVALID_LOT_NUMBER",
					"has 21 characters, but it may have at most 20"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "   " })
	void rejectsABlankLotNumber(String lotNumber) {
		MintRejectedException rejection = rejected(aLotRequest(this.product, new LotRequest(lotNumber, 10)).build());

		assertThat(rejection.violations()).singleElement()
			.satisfies(violation("lots[0].lotNumber", "INVALID_LOT_NUMBER", "AI 10 (BATCH/LOT) is blank"));
	}

	@Test
	void rejectsAMissingLotNumber() {
		MintRejectedException rejection = rejected(aLotRequest(this.product, new LotRequest(null, 10)).build());

		assertThat(rejection.violations()).singleElement()
			.satisfies(violation("lots[0].lotNumber", "INVALID_LOT_NUMBER", "AI 10 (BATCH/LOT) is missing"));
	}

	@ParameterizedTest
	@ValueSource(strings = { ".", ".." })
	void rejectsLotNumbersThatAreDotSegments(String lotNumber) {
		MintRejectedException rejection = rejected(aLotRequest(this.product, new LotRequest(lotNumber, 10)).build());

		assertThat(rejection.violations()).singleElement()
			.satisfies(violation("lots[0].lotNumber", "INVALID_LOT_NUMBER", "cannot be '.' or '..'"));
	}

	@Test
	void rejectsALotNumberRepeatedInARequest() {
		MintRejectedException rejection = rejected(
				aLotRequest(this.product, new LotRequest("A", 5), new LotRequest("B", 5), new LotRequest("A", 5))
					.build());

		assertThat(rejection.violations()).singleElement()
			.satisfies(violation("lots[2].lotNumber", "DUPLICATE_LOT_NUMBER", "Lot A appears more than once"));
	}

	@Test
	void rejectsALotAlreadyMintedForTheProduct() {
		this.intake.submit(aLotRequest(this.product, new LotRequest("L1", 10)).build(), ACTOR);

		MintRejectedException rejection = rejected(
				aLotRequest(this.product, new LotRequest("L2", 10), new LotRequest("L1", 10)).build());

		assertThat(rejection.violations()).singleElement()
			.satisfies(
					violation("lots[1].lotNumber", "LOT_ALREADY_EXISTS", "Lot L1 was already minted for this product"));
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, -5 })
	void rejectsALotQuantityBelowOne(int lotQuantity) {
		MintRejectedException rejection = rejected(
				aLotRequest(this.product, new LotRequest("A", 10 - lotQuantity), new LotRequest("B", lotQuantity))
					.build());

		assertThat(rejection.violations()).singleElement()
			.satisfies(violation("lots[1].quantity", "LOT_QUANTITY_NOT_POSITIVE",
					"The quantity of lot B must be positive, not " + lotQuantity));
	}

	@ParameterizedTest
	@ValueSource(ints = { 9, 11 })
	void rejectsLotQuantitiesThatDoNotAddUpToTheQuantity(int quantity) {
		MintRejectedException rejection = rejected(
				aLotRequest(this.product, new LotRequest("A", 4), new LotRequest("B", 6)).quantity(quantity).build());

		assertThat(rejection.violations()).singleElement()
			.satisfies(violation("lots", "LOT_QUANTITIES_MISMATCH",
					"Lot quantities add up to 10, not the requested " + quantity));
	}

	@Test
	void rejectsMoreThanAThousandLots() {
		int count = MintIntake.MAX_LOTS + 1;

		MintRejectedException rejection = rejected(
				aLotRequest(this.product).lots(Fixtures.lotsOfOne(count)).quantity(count).build());

		assertThat(rejection.violations()).singleElement()
			.satisfies(violation("lots", "TOO_MANY_LOTS", "at most 1000 lots, not 1001"));
	}

	// Modes and idempotency key

	@Test
	void rejectsAMissingIdentityMode() {
		MintRejectedException rejection = rejected(aMintRequest(this.product).identityMode(null).build());

		assertThat(rejection.violations()).singleElement()
			.satisfies(violation("identityMode", "REQUIRED", "Identity mode is required"));
	}

	@Test
	void rejectsAMissingActivationMode() {
		MintRejectedException rejection = rejected(aMintRequest(this.product).activationMode(null).build());

		assertThat(rejection.violations()).singleElement()
			.satisfies(violation("activationMode", "REQUIRED", "Activation mode is required"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "\t \n" })
	void rejectsABlankIdempotencyKey(String key) {
		MintRejectedException rejection = rejected(aMintRequest(this.product).idempotencyKey(key).build());

		assertThat(rejection.violations()).singleElement()
			.satisfies(violation("idempotencyKey", "INVALID_IDEMPOTENCY_KEY", "1 to 255 characters and is not blank"));
	}

	@ParameterizedTest
	@ValueSource(ints = { 256, 10_000 })
	void rejectsAnIdempotencyKeyLongerThan255Characters(int length) {
		MintRejectedException rejection = rejected(
				aMintRequest(this.product).idempotencyKey("k".repeat(length)).build());

		assertThat(rejection.violations()).singleElement()
			.satisfies(violation("idempotencyKey", "INVALID_IDEMPOTENCY_KEY", "1 to 255 characters"));
	}

	// Idempotency

	@Test
	void returnsTheExistingBatchForARetryWithTheSameKeyAndWritesNothingMore() {
		MintRequest request = aMintRequest(this.product).quantity(250).idempotencyKey("order-1").build();
		MintSubmission first = this.intake.submit(request, ACTOR);
		BrandRows before = BrandRows.of(this.jdbc, this.brand.id());

		MintSubmission retry = this.intake.submit(request, "someone-else");

		assertThat(first.created()).isTrue();
		assertThat(retry.created()).isFalse();
		assertThat(retry.batch()).isEqualTo(first.batch());
		assertThat(BrandRows.of(this.jdbc, this.brand.id())).isEqualTo(before);
	}

	@Test
	void returnsTheExistingBatchForARetriedLotRequest() {
		MintRequest request = aLotRequest(this.product, new LotRequest("RETRY-1", 7), new LotRequest("RETRY-2", 3))
			.idempotencyKey("order-lots")
			.build();
		MintSubmission first = this.intake.submit(request, ACTOR);
		BrandRows before = BrandRows.of(this.jdbc, this.brand.id());

		MintSubmission retry = this.intake.submit(request, ACTOR);

		assertThat(retry.created()).isFalse();
		assertThat(retry.batch()).isEqualTo(first.batch());
		assertThat(BrandRows.of(this.jdbc, this.brand.id())).isEqualTo(before);
	}

	@Test
	void returnsTheExistingBatchForARetryOfARequestThatUsedUpItsProductionRun() {
		ProductionRun run = this.runs.sync(new ErpProductionRun(this.brand.id(), this.product.id(), "PR-ALL", 100));
		MintRequest request = aMintRequest(this.product).quantity(100)
			.productionRunId(run.id())
			.idempotencyKey("order-run")
			.build();
		MintSubmission first = this.intake.submit(request, ACTOR);
		BrandRows before = BrandRows.of(this.jdbc, this.brand.id());

		MintSubmission retry = this.intake.submit(request, ACTOR);

		assertThat(retry.created()).isFalse();
		assertThat(retry.batch()).isEqualTo(first.batch());
		assertThat(BrandRows.of(this.jdbc, this.brand.id())).isEqualTo(before);
		assertThat(reserved(run)).isEqualTo(100);
	}

	@Test
	void rejectsTheSameKeyWithADifferentRequestNamingTheExistingBatch() {
		MintBatch original = this.intake
			.submit(aMintRequest(this.product).quantity(100).idempotencyKey("order-2").build(), ACTOR)
			.batch();
		List<MintRequest> different = List.of(
				aMintRequest(this.product).quantity(101).idempotencyKey("order-2").build(),
				aMintRequest(this.product).quantity(100)
					.activationMode(ActivationMode.FIRST_SCAN)
					.idempotencyKey("order-2")
					.build(),
				aLotRequest(this.product, new LotRequest("X", 100)).idempotencyKey("order-2").build(),
				aMintRequest(this.product).quantity(100).nfc().idempotencyKey("order-2").build(),
				aMintRequest(this.fixtures.aProductOf(this.brand).create()).quantity(100)
					.idempotencyKey("order-2")
					.build());
		BrandRows before = BrandRows.of(this.jdbc, this.brand.id());

		for (MintRequest request : different) {
			assertThatExceptionOfType(IdempotencyConflictException.class).as("%s", request)
				.isThrownBy(() -> this.intake.submit(request, ACTOR))
				.satisfies((conflict) -> assertThat(conflict.existingBatchId()).isEqualTo(original.id()))
				.withMessageContaining("'order-2'")
				.withMessageContaining("batch " + original.id());
		}
		assertThat(BrandRows.of(this.jdbc, this.brand.id())).isEqualTo(before);
	}

	@Test
	void keepsTheSameKeyApartInTwoBrands() {
		Brand other = this.fixtures.aBrand().create();
		Product theirs = this.fixtures.aProductOf(other).create();

		MintSubmission mine = this.intake.submit(aMintRequest(this.product).idempotencyKey("order-3").build(), ACTOR);
		MintSubmission their = this.intake.submit(aMintRequest(theirs).idempotencyKey("order-3").build(), ACTOR);

		assertThat(mine.created()).isTrue();
		assertThat(their.created()).isTrue();
		assertThat(their.batch().id()).isNotEqualTo(mine.batch().id());
		assertThat(their.batch().brandId()).isEqualTo(other.id());
		assertThat(BrandRows.of(this.jdbc, this.brand.id()).batches()).isOne();
		assertThat(BrandRows.of(this.jdbc, other.id()).batches()).isOne();
	}

	@Test
	void createsOneBatchForConcurrentSubmissionsOfTheSameKeyedRequest() throws Exception {
		MintRequest request = aMintRequest(this.product).quantity(1_000).idempotencyKey("order-race").build();

		List<Outcome> outcomes = concurrently(16, (i) -> request);

		assertThat(outcomes).allSatisfy((outcome) -> assertThat(outcome.failure()).isNull());
		MintBatch batch = outcomes.get(0).submission().batch();
		assertThat(outcomes).extracting((outcome) -> outcome.submission().batch().id()).containsOnly(batch.id());
		assertThat(outcomes).filteredOn((outcome) -> outcome.submission().created()).hasSize(1);
		BrandRows rows = BrandRows.of(this.jdbc, this.brand.id());
		assertThat(rows.batches()).isOne();
		assertThat(rows.batchAuditEvents()).isOne();
		assertThat(rows.counters()).containsEntry("batches_created", 1L);
	}

	@Test
	void createsOneBatchForConcurrentRetriesOfALotRequestThatUsesAllOfItsProductionRun() throws Exception {
		ProductionRun run = this.runs.sync(new ErpProductionRun(this.brand.id(), this.product.id(), "PR-RACE", 40));
		MintRequest request = aLotRequest(this.product, new LotRequest("RACE-A", 25), new LotRequest("RACE-B", 15))
			.productionRunId(run.id())
			.idempotencyKey("order-race-run")
			.build();

		List<Outcome> outcomes = concurrently(16, (i) -> request);

		assertThat(outcomes).allSatisfy((outcome) -> assertThat(outcome.failure()).isNull());
		assertThat(outcomes).extracting((outcome) -> outcome.submission().batch().id())
			.containsOnly(outcomes.get(0).submission().batch().id());
		assertThat(outcomes).filteredOn((outcome) -> outcome.submission().created()).hasSize(1);
		BrandRows rows = BrandRows.of(this.jdbc, this.brand.id());
		assertThat(rows.batches()).isOne();
		assertThat(rows.lots()).isEqualTo(2);
		assertThat(reserved(run)).isEqualTo(40);
	}

	// Production-run capacity

	@Test
	void rejectsAQuantityAboveTheProductionRunsRemainingUnits() {
		ProductionRun run = this.runs.sync(new ErpProductionRun(this.brand.id(), this.product.id(), "PR-1", 100));
		this.intake.submit(aMintRequest(this.product).quantity(60).productionRunId(run.id()).build(), ACTOR);

		MintRejectedException rejection = rejected(
				aMintRequest(this.product).quantity(41).productionRunId(run.id()).build());

		assertThat(rejection.violations()).singleElement()
			.satisfies(violation("quantity", "PRODUCTION_RUN_CAPACITY_EXCEEDED",
					"Production run PR-1 has 40 units left to mint"));
		assertThat(reserved(run)).isEqualTo(60);
	}

	@Test
	void acceptsExactlyTheRemainingUnitsOfAProductionRun() {
		ProductionRun run = this.runs.sync(new ErpProductionRun(this.brand.id(), this.product.id(), "PR-1", 100));
		this.intake.submit(aMintRequest(this.product).quantity(60).productionRunId(run.id()).build(), ACTOR);

		MintBatch batch = this.intake
			.submit(aMintRequest(this.product).quantity(40).productionRunId(run.id()).build(), ACTOR)
			.batch();

		assertThat(batch.productionRunId()).isEqualTo(run.id());
		assertThat(reserved(run)).isEqualTo(100);
		MintRejectedException rejection = rejected(
				aMintRequest(this.product).quantity(1).productionRunId(run.id()).build());
		assertThat(rejection.violations()).singleElement()
			.satisfies(violation("quantity", "PRODUCTION_RUN_CAPACITY_EXCEEDED", "has 0 units left"));
	}

	@Test
	void reservesProductionRunCapacityAtomicallyUnderConcurrentRequests() throws Exception {
		ProductionRun run = this.runs.sync(new ErpProductionRun(this.brand.id(), this.product.id(), "PR-RACE", 100));
		MintRequest request = aMintRequest(this.product).quantity(30).productionRunId(run.id()).build();

		List<Outcome> outcomes = concurrently(10, (i) -> request);

		assertThat(outcomes).filteredOn((outcome) -> outcome.submission() != null)
			.hasSize(3)
			.allSatisfy((outcome) -> assertThat(outcome.submission().created()).isTrue());
		assertThat(outcomes).filteredOn((outcome) -> outcome.submission() == null)
			.hasSize(7)
			.allSatisfy((outcome) -> assertThat(outcome.failure()).isInstanceOfSatisfying(MintRejectedException.class,
					(rejection) -> assertThat(rejection.violations()).singleElement()
						.satisfies(violation("quantity", "PRODUCTION_RUN_CAPACITY_EXCEEDED", "PR-RACE"))));
		assertThat(reserved(run)).isEqualTo(90);
		BrandRows rows = BrandRows.of(this.jdbc, this.brand.id());
		assertThat(rows.batches()).isEqualTo(3);
		assertThat(rows.batchAuditEvents()).isEqualTo(3);
		assertThat(rows.counters()).containsEntry("batches_created", 3L);
	}

	@Test
	void acceptsOneOfConcurrentRequestsForTheSameLotNumber() throws Exception {
		List<Outcome> outcomes = concurrently(8,
				(i) -> aLotRequest(this.product, new LotRequest("RACE-LOT", 10)).idempotencyKey("order-" + i).build());

		assertThat(outcomes).filteredOn((outcome) -> outcome.submission() != null).hasSize(1);
		assertThat(outcomes).filteredOn((outcome) -> outcome.submission() == null)
			.hasSize(7)
			.allSatisfy((outcome) -> assertThat(outcome.failure()).isInstanceOfSatisfying(MintRejectedException.class,
					(rejection) -> assertThat(rejection.violations()).singleElement()
						.satisfies(violation("lots[0].lotNumber", "LOT_ALREADY_EXISTS",
								"Lot RACE-LOT was already minted for this product"))));
		BrandRows rows = BrandRows.of(this.jdbc, this.brand.id());
		assertThat(rows.batches()).isOne();
		assertThat(rows.lots()).isOne();
		assertThat(rows.counters()).containsEntry("batches_created", 1L);
	}

	@Test
	void acceptsOneOfConcurrentRequestsForTheSameLotsInAnotherOrder() throws Exception {
		LotRequest a = new LotRequest("CROSS-A", 5);
		LotRequest b = new LotRequest("CROSS-B", 5);

		List<Outcome> outcomes = concurrently(8,
				(i) -> aLotRequest(this.product, (i % 2 == 0) ? a : b, (i % 2 == 0) ? b : a)
					.idempotencyKey("order-" + i)
					.build());

		assertThat(outcomes).filteredOn((outcome) -> outcome.submission() != null).hasSize(1);
		assertThat(outcomes).filteredOn((outcome) -> outcome.submission() == null)
			.hasSize(7)
			.allSatisfy((outcome) -> assertThat(outcome.failure()).isInstanceOfSatisfying(MintRejectedException.class,
					(rejection) -> assertThat(rejection.violations()).isNotEmpty()
						.allSatisfy((violation) -> assertThat(violation.code()).isEqualTo("LOT_ALREADY_EXISTS"))));
		BrandRows rows = BrandRows.of(this.jdbc, this.brand.id());
		assertThat(rows.batches()).isOne();
		assertThat(rows.lots()).isEqualTo(2);
	}

	// Launcher notifications

	@Test
	void notifiesLaunchersWithTheBatchIdWhenABatchIsQueued() throws Exception {
		try (Connection listener = listen()) {
			MintBatch batch = this.intake.submit(aMintRequest(this.product).build(), ACTOR).batch();

			assertThat(awaitNotification(listener, Long.toString(batch.id()))).contains(Long.toString(batch.id()));
		}
	}

	@Test
	void notifiesLaunchersAgainWhenAFailedBatchIsQueuedForRestart() throws Exception {
		try (Connection listener = listen()) {
			MintBatch batch = this.intake.submit(aMintRequest(this.product).build(), ACTOR).batch();
			String payload = Long.toString(batch.id());
			assertThat(awaitNotification(listener, payload)).contains(payload);
			assertThat(this.batches.markFailed(batch.id(), "disk full", this.batches.advanceLeaseFence(batch.id())))
				.isTrue();

			assertThat(this.batches.requestRestart(batch.id())).isTrue();

			assertThat(awaitNotification(listener, payload)).contains(payload);
			MintBatch restarted = this.batches.find(batch.id()).orElseThrow();
			assertThat(restarted.status()).isEqualTo(MintBatchStatus.QUEUED);
			assertThat(restarted.error()).isNull();
			assertThat(restarted.finishedAt()).isNull();
		}
	}

	@Test
	void restartsOnlyAFailedBatch() {
		MintBatch batch = this.intake.submit(aMintRequest(this.product).build(), ACTOR).batch();

		assertThat(this.batches.requestRestart(batch.id())).isFalse();
		assertThat(this.batches.find(batch.id())).contains(batch);
	}

	// Helpers

	/**
	 * Submit a request that must be rejected, and check that neither this test's brand
	 * nor the {@code others} changed.
	 */
	private MintRejectedException rejected(MintRequest request, Brand... others) {
		List<Long> watched = new ArrayList<>();
		watched.add(this.brand.id());
		for (Brand other : others) {
			watched.add(other.id());
		}
		List<BrandRows> before = watched.stream().map((id) -> BrandRows.of(this.jdbc, id)).toList();

		MintRejectedException rejection = catchThrowableOfType(MintRejectedException.class,
				() -> this.intake.submit(request, ACTOR));

		assertThat(rejection).as("rejection of %s", request).isNotNull();
		assertThat(watched.stream().map((id) -> BrandRows.of(this.jdbc, id)).toList()).as("rows after the rejection")
			.isEqualTo(before);
		return rejection;
	}

	private static ThrowingConsumer<Violation> violation(String field, String code, String messageFragment) {
		return (violation) -> {
			assertThat(violation.field()).as("field of %s", violation).isEqualTo(field);
			assertThat(violation.code()).as("code of %s", violation).isEqualTo(code);
			assertThat(violation.message()).as("message of %s", violation).contains(messageFragment);
		};
	}

	private long reserved(ProductionRun run) {
		return this.runs.findById(run.id()).orElseThrow().reservedQuantity();
	}

	/**
	 * Submit {@code threads} requests at once: every thread waits at a barrier, then
	 * submits.
	 */
	private List<Outcome> concurrently(int threads, RequestFactory requests) throws Exception {
		CyclicBarrier start = new CyclicBarrier(threads);
		try (ExecutorService executor = Executors.newFixedThreadPool(threads)) {
			List<Future<MintSubmission>> futures = IntStream.range(0, threads).mapToObj((i) -> {
				MintRequest request = requests.request(i);
				return executor.submit(() -> {
					start.await(10, TimeUnit.SECONDS);
					return this.intake.submit(request, ACTOR);
				});
			}).toList();
			List<Outcome> outcomes = new ArrayList<>();
			for (Future<MintSubmission> future : futures) {
				try {
					outcomes.add(new Outcome(future.get(30, TimeUnit.SECONDS), null));
				}
				catch (ExecutionException ex) {
					outcomes.add(new Outcome(null, ex.getCause()));
				}
			}
			return outcomes;
		}
	}

	private Connection listen() throws SQLException {
		TestPostgres postgres = TestPostgres.get();
		Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(),
				postgres.password());
		try (Statement statement = connection.createStatement()) {
			statement.execute("listen " + QUEUED_CHANNEL);
		}
		return connection;
	}

	/**
	 * The payloads received on the queued channel until {@code payload} arrives, or for
	 * at most ten seconds.
	 */
	private static List<String> awaitNotification(Connection listener, String payload) throws SQLException {
		PGConnection connection = listener.unwrap(PGConnection.class);
		List<String> received = new ArrayList<>();
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (!received.contains(payload)) {
			long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
			if (left <= 0) {
				break;
			}
			PGNotification[] notifications = connection.getNotifications((int) left);
			if (notifications != null) {
				for (PGNotification notification : notifications) {
					if (QUEUED_CHANNEL.equals(notification.getName())) {
						received.add(notification.getParameter());
					}
				}
			}
		}
		return received;
	}

	@FunctionalInterface
	private interface RequestFactory {

		MintRequest request(int thread);

	}

	/** What one concurrent submission returned or threw. */
	private record Outcome(MintSubmission submission, Throwable failure) {

	}

	/**
	 * Everything intake writes for one brand, to prove that a rejected request wrote
	 * nothing: its batches, their lots, its batch audit events, its counters and the
	 * reserved units of its production runs.
	 */
	private record BrandRows(long batches, long lots, long batchAuditEvents, Map<String, Object> counters,
			List<Map<String, Object>> productionRuns, long passportVersions) {

		static BrandRows of(JdbcClient jdbc, long brandId) {
			return new BrandRows(count(jdbc, "select count(*) from mint_batches where brand_id = :brandId", brandId),
					count(jdbc, """
							select count(*) from lots l join mint_batches b on b.id = l.batch_id
							where b.brand_id = :brandId""", brandId),
					count(jdbc, "select count(*) from audit_events where brand_id = :brandId and entity_type = 'batch'",
							brandId),
					jdbc.sql("select * from brand_counters where brand_id = :brandId")
						.param("brandId", brandId)
						.query()
						.singleRow(),
					jdbc.sql("""
							select id, reserved_quantity, updated_at from production_runs
							where brand_id = :brandId order by id""").param("brandId", brandId).query().listOfRows(),
					count(jdbc, "select count(*) from passport_versions where brand_id = :brandId", brandId));
		}

		private static long count(JdbcClient jdbc, String sql, long brandId) {
			return jdbc.sql(sql).param("brandId", brandId).query(Long.class).single();
		}

	}

}
