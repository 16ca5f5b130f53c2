package io.dppmint.core.passport;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import io.dppmint.core.catalog.Brand;
import io.dppmint.core.catalog.EligibilityFailure;
import io.dppmint.core.catalog.EligibilityRule;
import io.dppmint.core.catalog.MintEligibility;
import io.dppmint.core.catalog.Product;
import io.dppmint.core.fixtures.Fixtures;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Passport schemas and versions on PostgreSQL: the one intake writes a new immutable,
 * hash-chained, audited version per change, and nothing at all for refused, stale or
 * unchanged submissions (ESPR Art. 9(1): data accurate and up to date; Art. 11(f): only
 * authorised actors write).
 */
class JdbcPassportsIntegrationTests {

	private final Fixtures fixtures = Fixtures.onTestPostgres();

	private final JdbcClient jdbc = this.fixtures.jdbc();

	private final JdbcPassports passports = this.fixtures.passports();

	private final JsonNode textile = PassportSchemaTests.demo("textile-passport-schema.json");

	@Test
	void publishesSchemasAsNewVersionsOfTheBrand() {
		Brand brand = this.fixtures.aGs1Brand().create();
		assertThat(this.passports.currentSchema(brand.id()).version()).isEqualTo(1);

		PassportSchema published = this.passports.publishSchema(brand.id(), this.textile, "alice");

		assertThat(published.version()).isEqualTo(2);
		assertThat(this.passports.currentSchema(brand.id())).isEqualTo(published);
		assertThat(this.fixtures.brands().findById(brand.id()).orElseThrow().passportSchema()).isEqualTo(published);
		assertThat(auditActions(brand.id(), "passport_schema")).containsExactly("published");
		assertThat(this.passports.schema(brand.id(), 2)).contains(published);
		assertThat(this.passports.schema(brand.id(), 1).orElseThrow().additionalText()).isTrue();
		assertThat(this.passports.schema(brand.id(), 3)).isEmpty();
	}

	@Test
	void aRefusedSchemaWritesNothing() {
		Brand brand = this.fixtures.aGs1Brand().create();
		JsonNode bad = PassportValues.mapper.readTree("{\"fields\":[{\"key\":\"a\",\"type\":\"number\"}]}");

		assertThatExceptionOfType(PassportValidationException.class)
			.isThrownBy(() -> this.passports.publishSchema(brand.id(), bad, "alice"));

		assertThat(this.passports.currentSchema(brand.id()).version()).isEqualTo(1);
		assertThat(count("select count(*) from passport_schemas where brand_id = ?", brand.id())).isEqualTo(1);
	}

	@Test
	void writesEachChangeAsAHashChainedVersionWithWhatChanged() {
		Product product = aTextileProduct();
		PassportValues first = PassportValues.parse(PassportValidatorTests.VALID_TEXTILE);

		PassportVersion v1 = this.passports.submit(product.id(), JdbcPassports.Change.replace(first), null, "alice");
		PassportVersion v2 = this.passports.submit(product.id(),
				JdbcPassports.Change.mergePatch(
						PassportValues.mapper.readTree("{\"recycled_content\": 20, \"carbon_footprint\": null}")),
				1, "bob");

		assertThat(v1.version()).isEqualTo(1);
		assertThat(v1.previousSha256()).isNull();
		assertThat(v1.sha256()).isEqualTo(first.sha256());
		assertThat(v2.version()).isEqualTo(2);
		assertThat(v2.previousSha256()).isEqualTo(v1.sha256());
		assertThat(v2.changes()).containsExactly(new PassportValues.Change("carbon_footprint", "removed"),
				new PassportValues.Change("recycled_content", "changed"));
		assertThat(v2.actor()).isEqualTo("bob");
		assertThat(v2.schemaVersion()).isEqualTo(2);
		Product stored = this.fixtures.products().findById(product.id()).orElseThrow();
		assertThat(stored.passportVersion()).isEqualTo(2);
		assertThat(stored.passport()).isEqualTo(v2.data());
		assertThat(stored.passport().text("carbon_footprint")).isNull();
		assertThat(this.passports.versions(product.id(), Integer.MAX_VALUE, 10)).extracting(PassportVersion::version)
			.containsExactly(2, 1);
		// The stored data is the canonical JSON the hash was computed over.
		String storedJson = this.jdbc
			.sql("select data::text from passport_versions where subject_id = ? and version = 2")
			.param(product.id())
			.query(String.class)
			.single();
		assertThat(PassportValues.parse(storedJson).sha256()).isEqualTo(v2.sha256());
		List<Map<String, Object>> audit = this.jdbc
			.sql("select action, actor, details::text as details from audit_events where entity_type = 'product' "
					+ "and entity_id = ? order by id")
			.param(Long.toString(product.id()))
			.query()
			.listOfRows();
		assertThat(audit).extracting((row) -> row.get("actor")).containsExactly("alice", "bob");
		assertThat((String) audit.get(1).get("details")).contains(HexFormat.of().formatHex(v2.sha256()))
			.contains("recycled_content");
	}

	@Test
	void refusedDataWritesNothing() {
		Product product = aTextileProduct();
		this.passports.submit(product.id(),
				JdbcPassports.Change.replace(PassportValues.parse(PassportValidatorTests.VALID_TEXTILE)), null,
				"alice");
		Map<String, Long> before = counts(product);

		assertThatExceptionOfType(PassportValidationException.class)
			.isThrownBy(() -> this.passports.submit(product.id(),
					JdbcPassports.Change.mergePatch(PassportValues.mapper
						.readTree("{\"recycled_content\": \"lots\", \"country_of_origin\": \"XX\"}")),
					null, "alice"))
			.satisfies((ex) -> assertThat(ex.errors()).extracting(FieldError::path)
				.containsExactly("passport.country_of_origin", "passport.recycled_content"));

		assertThat(counts(product)).isEqualTo(before);
		assertThat(this.fixtures.products().findById(product.id()).orElseThrow().passportVersion()).isEqualTo(1);
	}

	@Test
	void anUnchangedSubmissionWritesNoVersion() {
		Product product = aTextileProduct();
		PassportValues data = PassportValues.parse(PassportValidatorTests.VALID_TEXTILE);
		this.passports.submit(product.id(), JdbcPassports.Change.replace(data), null, "alice");
		Map<String, Long> before = counts(product);

		PassportVersion again = this.passports.submit(product.id(),
				JdbcPassports.Change.replace(PassportValues.parse(data.toJson().replace("12.5", "12.50"))), 1, "bob");

		assertThat(again.version()).isEqualTo(1);
		assertThat(counts(product)).isEqualTo(before);
	}

	@Test
	void ofTwoWritersWhoReadTheSameVersionOnlyOneWins() throws Exception {
		Product product = aTextileProduct();
		this.passports.submit(product.id(),
				JdbcPassports.Change.replace(PassportValues.parse(PassportValidatorTests.VALID_TEXTILE)), null,
				"alice");
		CountDownLatch start = new CountDownLatch(1);
		List<CompletableFuture<Object>> writers = List.of(30, 40)
			.stream()
			.map((value) -> CompletableFuture.supplyAsync(() -> {
				try {
					start.await();
					return (Object) this.passports.submit(product.id(),
							JdbcPassports.Change
								.mergePatch(PassportValues.mapper.readTree("{\"recycled_content\": " + value + "}")),
							1, "w" + value);
				}
				catch (PassportVersionConflictException ex) {
					return ex;
				}
				catch (InterruptedException ex) {
					throw new IllegalStateException(ex);
				}
			}))
			.toList();
		start.countDown();

		List<Object> outcomes = writers.stream().map(CompletableFuture::join).toList();

		assertThat(outcomes).filteredOn(PassportVersion.class::isInstance).hasSize(1);
		assertThat(outcomes).filteredOn(PassportVersionConflictException.class::isInstance)
			.singleElement()
			.satisfies((ex) -> assertThat(((PassportVersionConflictException) ex).currentVersion()).isEqualTo(2));
		assertThat(this.fixtures.products().findById(product.id()).orElseThrow().passportVersion()).isEqualTo(2);
	}

	@Test
	void noRoleRewritesHistory() {
		Product product = aTextileProduct();
		this.passports.submit(product.id(),
				JdbcPassports.Change.replace(PassportValues.parse(PassportValidatorTests.VALID_TEXTILE)), null,
				"alice");

		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> this.jdbc.sql("update passport_versions set data = '{}' where subject_id = ?")
				.param(product.id())
				.update())
			.satisfies(JdbcPassportsIntegrationTests::appendOnly);
		assertThatExceptionOfType(DataAccessException.class).isThrownBy(
				() -> this.jdbc.sql("delete from passport_versions where subject_id = ?").param(product.id()).update())
			.satisfies(JdbcPassportsIntegrationTests::appendOnly);
		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> this.jdbc.sql("delete from passport_schemas where brand_id = ?")
				.param(product.brandId())
				.update())
			.satisfies(JdbcPassportsIntegrationTests::appendOnly);
	}

	@Test
	void aSchemaThatNoLongerFitsTheDataMakesTheProductUnready() {
		Product product = aTextileProduct();
		this.passports.submit(product.id(),
				JdbcPassports.Change.replace(PassportValues.parse(PassportValidatorTests.VALID_TEXTILE)), null,
				"alice");
		Brand brand = this.fixtures.brands().findById(product.brandId()).orElseThrow();
		assertThat(
				MintEligibility.evaluate(brand, this.fixtures.products().findById(product.id()).orElseThrow()).ready())
			.isTrue();
		// The next schema caps recycled content at 10 % and requires a new field.
		String stricter = this.textile.toString()
			.replace("\"key\":\"recycled_content\",\"label\":\"Recycled content\",\"section\":\"Materials\","
					+ "\"type\":\"number\",\"level\":\"model\",\"access\":\"public\",\"unit\":\"P1\",\"unitLabel\":\"%\","
					+ "\"min\":0,\"max\":100",
					"\"key\":\"recycled_content\",\"label\":\"Recycled content\",\"section\":\"Materials\","
							+ "\"type\":\"number\",\"level\":\"model\",\"access\":\"public\",\"unit\":\"P1\",\"unitLabel\":\"%\","
							+ "\"min\":0,\"max\":10")
			.replace(
					"\"key\":\"repair_instructions\",\"label\":\"Repair instructions\",\"section\":\"Use and care\","
							+ "\"type\":\"url\",\"level\":\"model\",\"access\":\"public\"",
					"\"key\":\"repair_instructions\",\"label\":\"Repair instructions\",\"section\":\"Use and care\","
							+ "\"type\":\"url\",\"level\":\"model\",\"access\":\"public\",\"required\":true");
		assertThat(stricter).contains("\"max\":10,").contains("\"required\":true}");
		this.passports.submit(product.id(),
				JdbcPassports.Change.mergePatch(PassportValues.mapper.readTree("{\"repair_instructions\": null}")),
				null, "alice");
		this.passports.publishSchema(brand.id(), PassportValues.mapper.readTree(stricter), "alice");

		List<EligibilityFailure> failures = MintEligibility
			.evaluate(this.fixtures.brands().findById(brand.id()).orElseThrow(),
					this.fixtures.products().findById(product.id()).orElseThrow())
			.failures();

		assertThat(failures).extracting(EligibilityFailure::rule, EligibilityFailure::subject)
			.containsExactly(
					org.assertj.core.groups.Tuple.tuple(EligibilityRule.REQUIRED_FIELD_MISSING, "repair_instructions"),
					org.assertj.core.groups.Tuple.tuple(EligibilityRule.FIELD_INVALID, "passport.recycled_content"));
	}

	private static void appendOnly(DataAccessException ex) {
		assertThat(ex.getMostSpecificCause()).hasMessageContaining("is append-only");
	}

	private Product aTextileProduct() {
		Brand brand = this.fixtures.aGs1Brand().requiredFields(List.of()).create();
		this.passports.publishSchema(brand.id(), this.textile, "alice");
		return this.fixtures.aProductOf(brand).passport(Map.of()).create();
	}

	private Map<String, Long> counts(Product product) {
		return Map.of("versions", count("select count(*) from passport_versions where subject_id = ?", product.id()),
				"audit", count("select count(*) from audit_events where entity_type = 'product' and entity_id = ?",
						Long.toString(product.id())));
	}

	private long count(String sql, Object parameter) {
		return this.jdbc.sql(sql).param(parameter).query(Long.class).single();
	}

	private List<String> auditActions(long brandId, String entityType) {
		return this.jdbc.sql("select action from audit_events where brand_id = ? and entity_type = ? order by id")
			.param(brandId)
			.param(entityType)
			.query(String.class)
			.list();
	}

	@Test
	void writesBatchAndItemDataAsVersionsAtTheirOwnLevel() {
		Brand brand = this.fixtures.aGs1Brand().requiredFields(List.of()).create();
		this.passports.publishSchema(brand.id(), PassportSchemaTests.demo("battery-passport-schema.json"), "alice");
		Product product = this.fixtures.aProductOf(brand).passport(Map.of()).create();
		this.passports.submit(product.id(),
				JdbcPassports.Change.replace(PassportValues.of(PassportSchemaTests.demo("battery-passport-data.json"))),
				null, "alice");
		io.dppmint.core.minting.MintBatch batch = this.fixtures.aMintedBatch(product).quantity(2).create();
		long unit = batch.firstTokenId();

		PassportVersion batchVersion = this.passports.submit(JdbcPassports.Subject.BATCH, batch.id(),
				JdbcPassports.Change.replace(PassportValues.parse("{\"manufacturing_date\": \"2026-03\"}")), 0,
				"alice");
		PassportVersion unitVersion = this.passports.submit(JdbcPassports.Subject.TOKEN, unit,
				JdbcPassports.Change.replace(PassportValues.parse("{\"state_of_health\": 97.5}")), null, "bob");
		PassportVersion unitVersion2 = this.passports.submit(JdbcPassports.Subject.TOKEN, unit,
				JdbcPassports.Change.mergePatch(PassportValues.mapper.readTree("{\"state_of_health\": 91}")), 1, "bob");

		assertThat(batchVersion.version()).isEqualTo(1);
		assertThat(this.passports.current(JdbcPassports.Subject.BATCH, batch.id()).data().text("manufacturing_date"))
			.isEqualTo("2026-03");
		assertThat(unitVersion2.previousSha256()).isEqualTo(unitVersion.sha256());
		assertThat(this.passports.current(JdbcPassports.Subject.TOKEN, unit).version()).isEqualTo(2);
		assertThat(this.passports.current(JdbcPassports.Subject.TOKEN, unit + 1).version()).isZero();
		assertThat(this.passports.versions(JdbcPassports.Subject.TOKEN, unit, Integer.MAX_VALUE, 10))
			.extracting(PassportVersion::version)
			.containsExactly(2, 1);
		// Each level's data is written on its own subject only; stale and refused writes
		// change nothing.
		assertThatExceptionOfType(PassportValidationException.class)
			.isThrownBy(
					() -> this.passports.submit(JdbcPassports.Subject.BATCH, batch.id(),
							JdbcPassports.Change.mergePatch(
									PassportValues.mapper.readTree("{\"state_of_health\": 90}")),
							null, "alice"))
			.satisfies((ex) -> assertThat(ex.errors()).extracting(FieldError::code).containsExactly("WRONG_LEVEL"));
		assertThatExceptionOfType(PassportValidationException.class)
			.isThrownBy(
					() -> this.passports.submit(JdbcPassports.Subject.TOKEN, unit,
							JdbcPassports.Change
								.mergePatch(PassportValues.mapper.readTree("{\"state_of_health\": 101}")),
							null, "bob"))
			.satisfies((ex) -> assertThat(ex.errors()).extracting(FieldError::code).containsExactly("OUT_OF_RANGE"));
		assertThatExceptionOfType(PassportVersionConflictException.class)
			.isThrownBy(() -> this.passports.submit(JdbcPassports.Subject.TOKEN, unit,
					JdbcPassports.Change.mergePatch(PassportValues.mapper.readTree("{\"state_of_health\": 80}")), 1,
					"bob"));
		assertThat(this.passports.current(JdbcPassports.Subject.TOKEN, unit).data().get("state_of_health").intValue())
			.isEqualTo(91);
		assertThat(auditActions(brand.id(), "token")).containsExactly("passport_changed", "passport_changed");
	}

}
