package io.dppmint.console;

import java.util.List;
import java.util.Map;

import io.dppmint.console.Http.Response;
import io.dppmint.core.identifier.IdentifierScheme;
import io.dppmint.core.minting.MintBatch;
import io.dppmint.core.passport.JdbcPassports;
import io.dppmint.core.passport.JdbcPassports.Subject;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's batch and unit passport data over real HTTP on the test PostgreSQL: the
 * card on the batch and token pages (the schema's fields of that level with their access,
 * the latest versions), the editor generated from those fields (a refused value next to
 * its input with nothing written, a stale form refused, a saved version audited),
 * read-only viewers and another brand's owner who finds nothing.
 */
class SubjectPassportPagesIntegrationTests extends ApiTestSupport {

	private static final String SCHEMA = """
			{"fields": [{"key": "production_date", "label": "Production date", "type": "date", "level": "batch"},
			            {"key": "repairs", "label": "Repairs", "type": "number", "unit": "C62", "level": "item",
			             "access": "legitimate_interest", "scale": 0}], "additionalText": true}""";

	@Autowired
	IdentifierScheme identifiers;

	@Autowired
	JdbcPassports passports;

	@Test
	void theBatchEditorSavesBatchDataAsAVersionAndWritesNothingForARefusedValue() {
		Tenant tenant = tenant();
		publishSchema(tenant);
		MintBatch batch = mintedBatch(tenant, 3);
		String path = "/mint/batch/" + batch.id() + "/passport";
		Http owner = login(tenant.owner(), tenant.password());

		Response batchPage = owner.page("/mint/batch/" + batch.id());
		Response card = owner.page(path);
		Response editor = owner.page(path + "/edit");
		Response refused = owner.form(path, Map.of("action", "save", "version", "0", "schemaVersion", "2",
				"passport.production_date", "30.11.2026"));
		long versionsAfterRefusal = versions(Subject.BATCH, batch.id());

		assertThat(batchPage.body()).contains("Batch passport data", "hx-get=\"" + path + "\"");
		assertThat(card.status()).isEqualTo(200);
		assertThat(card.body())
			.contains("id=\"batch-passport\"", "data-field=\"production_date\"", "access-public",
					"No batch data written yet", "id=\"edit-batch-passport\"")
			.doesNotContain("data-field=\"repairs\"", "data-field=\"material\"", "set per batch");
		assertThat(editor.status()).isEqualTo(200);
		assertThat(editor.body())
			.contains("name=\"passport.production_date\"", "name=\"version\" value=\"0\"", "Save batch data")
			.doesNotContain("name=\"passport.repairs\"", "name=\"passport.material\"");
		assertThat(refused.status()).isEqualTo(200);
		assertThat(refused.body()).contains("Nothing was saved: 1 value needs correcting",
				"id=\"error-passport-production_date\"", "Expected a date, YYYY-MM-DD", "value=\"30.11.2026\"");
		assertThat(versionsAfterRefusal).isZero();

		Response saved = owner.form(path, Map.of("action", "save", "version", "0", "schemaVersion", "2",
				"passport.production_date", "2026-11-30"));
		Response after = owner.page(path);
		Response afterPage = owner.page("/mint/batch/" + batch.id());
		Response stale = owner.form(path, Map.of("action", "save", "version", "0", "schemaVersion", "2",
				"passport.production_date", "2026-12-01"));

		assertThat(saved.status()).as(saved.toString()).isEqualTo(302);
		assertThat(saved.header("Location")).endsWith("/mint/batch/" + batch.id());
		assertThat(this.passports.current(Subject.BATCH, batch.id()).data().text("production_date"))
			.isEqualTo("2026-11-30");
		assertThat(count("select count(*) from audit_events where entity_type = 'batch' and entity_id = ?"
				+ " and action = 'passport_changed' and actor = ?", Long.toString(batch.id()), tenant.owner()))
			.isOne();
		assertThat(afterPage.body()).contains("Saved as version 1.");
		assertThat(after.body()).contains("data-version=\"1\"", "2026-11-30", tenant.owner(),
				"<code>production_date</code> <span class=\"badge op-added\">added</span>");
		assertThat(stale.status()).isEqualTo(200);
		assertThat(stale.body()).contains("somebody else saved the batch data first", "value=\"2026-12-01\"");
		assertThat(versions(Subject.BATCH, batch.id())).isOne();
	}

	@Test
	void aUnitsItemDataIsEditedFromItsTokenPage() {
		Tenant tenant = tenant();
		publishSchema(tenant);
		MintBatch batch = mintedBatch(tenant, 2);
		long tokenId = batch.firstTokenId();
		String unit = this.identifiers.encode(tokenId);
		String path = "/mint/tokens/" + unit + "/passport";
		Http owner = login(tenant.owner(), tenant.password());

		Response tokenPage = owner.page("/mint/tokens/" + unit);
		Response card = owner.page(path);
		Response editor = owner.page(path + "/edit");
		Response refused = owner.form(path,
				Map.of("action", "save", "version", "0", "schemaVersion", "2", "passport.repairs", "1.5"));
		long versionsAfterRefusal = versions(Subject.TOKEN, tokenId);
		Response saved = owner.form(path,
				Map.of("action", "save", "version", "0", "schemaVersion", "2", "passport.repairs", "2"));

		assertThat(tokenPage.body()).contains("Unit passport data", "hx-get=\"" + path + "\"");
		assertThat(card.body())
			.contains("id=\"unit-passport\"", "data-field=\"repairs\"", "access-legitimate_interest",
					"id=\"edit-unit-passport\"")
			.doesNotContain("data-field=\"production_date\"");
		assertThat(editor.body()).contains("name=\"passport.repairs\"")
			.doesNotContain("name=\"passport.production_date\"");
		assertThat(refused.status()).isEqualTo(200);
		assertThat(refused.body()).contains("id=\"error-passport-repairs\"", "more than 0 decimals");
		assertThat(versionsAfterRefusal).isZero();
		assertThat(saved.status()).as(saved.toString()).isEqualTo(302);
		assertThat(saved.header("Location")).endsWith("/mint/tokens/" + unit);
		assertThat(this.passports.current(Subject.TOKEN, tokenId).data().get("repairs").intValue()).isEqualTo(2);
		assertThat(this.passports.current(Subject.BATCH, batch.id()).version()).isZero();
	}

	@Test
	void viewersSeeBatchAndUnitDataReadOnlyAndAnotherBrandsOwnerFindsNothing() {
		Tenant tenant = tenant();
		Tenant other = tenant();
		publishSchema(tenant);
		MintBatch batch = mintedBatch(tenant, 1);
		String unit = this.identifiers.encode(batch.firstTokenId());
		Http viewer = login(tenant.viewer(), tenant.password());
		Http stranger = login(other.owner(), other.password());
		List<String> paths = List.of("/mint/batch/" + batch.id() + "/passport", "/mint/tokens/" + unit + "/passport");
		Map<String, String> change = Map.of("action", "save", "version", "0", "schemaVersion", "2",
				"passport.production_date", "2026-11-30", "passport.repairs", "1");

		for (String path : paths) {
			Response card = viewer.page(path);
			assertThat(card.status()).as(path).isEqualTo(200);
			assertThat(card.body()).as(path).contains("data written yet", "data-field=\"").doesNotContain("edit-");
			assertThat(viewer.page(path + "/edit").status()).as(path).isEqualTo(403);
			assertThat(viewer.form(path, change).status()).as(path).isEqualTo(403);
			assertThat(stranger.page(path).status()).as(path).isEqualTo(404);
			assertThat(stranger.page(path + "/edit").status()).as(path).isEqualTo(404);
			assertThat(stranger.form(path, change).status()).as(path).isEqualTo(404);
		}
		assertThat(versions(Subject.BATCH, batch.id())).isZero();
		assertThat(versions(Subject.TOKEN, batch.firstTokenId())).isZero();
	}

	private void publishSchema(Tenant tenant) {
		Response published = api(tenant).send("PUT", "/api/v1/brands/" + tenant.brandId() + "/passport-schema", SCHEMA,
				Map.of());
		assertThat(published.status()).as(published.toString()).isEqualTo(200);
	}

	private long versions(Subject subject, long id) {
		return count("select count(*) from passport_versions where subject_kind = ? and subject_id = ?", subject.code(),
				id);
	}

}
