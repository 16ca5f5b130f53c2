package io.dppmint.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.dppmint.console.Http.Response;
import io.dppmint.core.passport.PassportValues;
import org.junit.jupiter.api.Test;

import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's passport pages over real HTTP on the test PostgreSQL: a product's typed
 * passport with its readiness, the editor generated from the brand's schema (rows added
 * and removed, every refused value next to its input with nothing written, a stale form
 * refused, a saved version in the history), the commodity code, the lineage (a
 * predecessor declared, both pages linking to each other, refusals shown at the form with
 * nothing written), the schema page's impact preview before publishing, read-only viewers
 * and another brand's owner who finds nothing.
 */
class PassportPagesIntegrationTests extends ApiTestSupport {

	@Test
	void theEditorSavesTheFormAsTheNextVersionAndWritesNothingForRefusedValues() {
		Tenant tenant = tenant();
		long id = tenant.ready().id();
		publishTextileSchema(tenant);
		Http owner = login(tenant.owner(), tenant.password());

		Response page = owner.page("/products/" + id + "/passport");
		Response editor = owner.page("/products/" + id + "/passport/edit");
		Response added = owner.form("/products/" + id + "/passport",
				fields("action", "add:passport.fibre_composition", "version", "1", "schemaVersion", "2"));
		Response refused = owner.form("/products/" + id + "/passport",
				fields("action", "save", "version", "1", "schemaVersion", "2", "passport.fibre_composition[0].fibre",
						"organic_cotton", "passport.fibre_composition[0].percent", "95",
						"passport.fibre_composition[1].fibre", "elastane", "passport.fibre_composition[1].percent", "4",
						"passport.substances_of_concern[0].substance", "", "passport.substances_of_concern[0].cas",
						"7440-02-0", "passport.recycled_content", "12.55", "passport.expected_wash_cycles", "lots",
						"passport.country_of_origin", "PT"));
		long versionsAfterRefusal = versions(id);

		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("Not ready", "FIELD_INVALID", "REQUIRED_FIELD_MISSING", "Fibre composition",
				"data-field=\"supplier_audit\"", "access-operator", "access-legitimate_interest", "set per batch");
		assertThat(editor.body())
			.contains("name=\"passport.care_instructions\"", "name=\"passport.supplier_audit.url\"", "id=\"dropped\"",
					"<code>material</code>", "name=\"version\" value=\"1\"")
			.doesNotContain("name=\"passport.production_date\"");
		assertThat(added.status()).isEqualTo(200);
		assertThat(added.body()).contains("name=\"passport.fibre_composition[0].fibre\"",
				"name=\"passport.fibre_composition[0].percent\"");
		assertThat(refused.status()).isEqualTo(200);
		assertThat(refused.body()).contains("Nothing was saved: 4 values need correcting",
				"id=\"error-passport-fibre_composition\"", "id=\"error-passport-substances_of_concern-0-substance\"",
				"id=\"error-passport-recycled_content\"", "12.55 has more than 1 decimals",
				"id=\"error-passport-expected_wash_cycles\"", "The items&#39; percent add up to 99, not 100",
				"value=\"12.55\"", "value=\"lots\"");
		assertThat(versionsAfterRefusal).isOne();
		assertThat(passportVersion(id)).isOne();

		Response saved = owner.form("/products/" + id + "/passport",
				fields("action", "save", "version", "1", "schemaVersion", "2", "passport.fibre_composition[0].fibre",
						"organic_cotton", "passport.fibre_composition[0].percent", "95",
						"passport.fibre_composition[1].fibre", "", "passport.fibre_composition[1].percent", "",
						"passport.fibre_composition[2].fibre", "elastane", "passport.fibre_composition[2].percent", "5",
						"passport.recycled_content", "12.5", "passport.non_textile_animal_parts", "no",
						"passport.country_of_origin", "PT", "passport.care_instructions",
						"Wash at 30 °C\r\nDo not tumble dry", "passport.supplier_audit.url",
						"https://acme.example/audit.pdf", "passport.supplier_audit.title", "Audit 2026",
						"passport.supplier_audit.mediaType", "application/pdf", "passport.test_reports[0].url",
						"https://lab.example/report.pdf", "passport.test_reports[0].title", "Lab report",
						"passport.test_reports[0].mediaType", "application/pdf"));
		Response after = owner.page("/products/" + id + "/passport");
		Response stale = owner.form("/products/" + id + "/passport",
				fields("action", "save", "version", "1", "schemaVersion", "2", "passport.country_of_origin", "ES"));
		Response unchanged = owner.form("/products/" + id + "/passport",
				editedValues(owner.page("/products/" + id + "/passport/edit").body()));
		Response afterUnchanged = owner.page("/products/" + id + "/passport");

		assertThat(saved.status()).as(saved.toString()).isEqualTo(302);
		assertThat(saved.header("Location")).endsWith("/products/" + id + "/passport");
		PassportValues data = this.products.findById(id).orElseThrow().passport();
		assertThat(data.get("fibre_composition").size()).isEqualTo(2);
		assertThat(data.get("fibre_composition").get(1).path("fibre").asString()).isEqualTo("elastane");
		assertThat(data.get("fibre_composition").get(1).path("percent").isNumber()).isTrue();
		assertThat(data.text("care_instructions")).isEqualTo("Wash at 30 °C\nDo not tumble dry");
		assertThat(data.get("test_reports").get(0).path("title").asString()).isEqualTo("Lab report");
		assertThat(data.keys()).doesNotContain("material", "expected_wash_cycles");
		assertThat(passportVersion(id)).isEqualTo(2);
		assertThat(count("select count(*) from audit_events where entity_type = 'product' and entity_id = ?"
				+ " and action = 'passport_changed' and actor = ?", Long.toString(id), tenant.owner()))
			.isOne();
		assertThat(after.body())
			.contains("Saved as version 2.", "Ready to mint", "12.5 %", "Cotton (organic)",
					"href=\"https://acme.example/audit.pdf\"", "Lab report")
			.doesNotContain("FIELD_INVALID");
		assertThat(stale.status()).isEqualTo(200);
		assertThat(stale.body()).contains("somebody else saved the passport first", "value=\"ES\" selected");
		assertThat(unchanged.status()).as(unchanged.toString()).isEqualTo(302);
		assertThat(afterUnchanged.body()).contains("Nothing changed: the passport stays at version 2.");
		assertThat(passportVersion(id)).isEqualTo(2);
		assertThat(versions(id)).isEqualTo(2);
	}

	@Test
	void listRowsAreRemovedWithTheRowsAfterThemMovingUp() {
		Tenant tenant = tenant();
		long id = tenant.ready().id();
		publishTextileSchema(tenant);
		Http owner = login(tenant.owner(), tenant.password());

		Response removed = owner.form("/products/" + id + "/passport",
				fields("action", "remove:passport.substances_of_concern[0]", "version", "1", "schemaVersion", "2",
						"passport.substances_of_concern[0].substance", "Lead",
						"passport.substances_of_concern[1].substance", "Nickel",
						"passport.substances_of_concern[1].cas", "7440-02-0"));

		assertThat(removed.status()).isEqualTo(200);
		assertThat(removed.body())
			.containsPattern(
					"name=\"passport\\.substances_of_concern\\[0\\]\\.substance\"\\s+type=\"text\" value=\"Nickel\"")
			.containsPattern(
					"name=\"passport\\.substances_of_concern\\[0\\]\\.cas\"\\s+type=\"text\" value=\"7440-02-0\"")
			.doesNotContain("Lead", "passport.substances_of_concern[1]");
		assertThat(versions(id)).isOne();
	}

	@Test
	void theHistoryListsVersionsNewestFirstAndShowsEachOnesData() {
		Tenant tenant = tenant();
		long id = tenant.ready().id();
		api(tenant).sendBytes("PATCH", "/api/v1/products/" + id + "/passport",
				java.net.http.HttpRequest.BodyPublishers.ofString("{\"material\": \"Linen\"}"),
				Map.of("Content-Type", "application/merge-patch+json"));
		Http viewer = login(tenant.viewer(), tenant.password());

		Response history = viewer.page("/products/" + id + "/passport/history");
		Response first = viewer.page("/products/" + id + "/passport/versions/1");
		Response second = viewer.page("/products/" + id + "/passport/versions/2");

		assertThat(history.status()).isEqualTo(200);
		assertThat(history.body()).containsSubsequence("data-version=\"2\"", "data-version=\"1\"");
		assertThat(history.body()).contains("<code>material</code> <span class=\"badge op-changed\">changed</span>",
				"catalogue");
		assertThat(first.body()).contains("Version 1", "Cotton").doesNotContain("Linen");
		assertThat(second.body()).contains("Version 2", "Linen", "material changed");
		assertThat(viewer.page("/products/" + id + "/passport/versions/3").status()).isEqualTo(404);
	}

	@Test
	void theCommodityCodeIsSetAndAuditedAndAnInvalidOneIsRefusedNextToItsInput() {
		Tenant tenant = tenant();
		long id = tenant.ready().id();
		Http owner = login(tenant.owner(), tenant.password());

		Response set = owner.form("/products/" + id + "/commodity-code", Map.of("commodityCode", "6109.10.00"));
		Response afterSet = owner.page("/products/" + id + "/passport");
		Response invalid = owner.form("/products/" + id + "/commodity-code", Map.of("commodityCode", "6109.10"));
		Response afterInvalid = owner.page("/products/" + id + "/passport");

		assertThat(set.status()).isEqualTo(302);
		assertThat(afterSet.body()).contains("Commodity code set to 61091000.",
				"data-field=\"commodity-code\">61091000<");
		assertThat(invalid.status()).isEqualTo(302);
		assertThat(afterInvalid.body()).contains("id=\"error-commodity-code\"", "is not a commodity code",
				"value=\"6109.10\"");
		assertThat(this.products.findById(id).orElseThrow().commodityCode()).isEqualTo("61091000");
		assertThat(count("select count(*) from audit_events where entity_type = 'product' and entity_id = ?"
				+ " and action = 'commodity_code_changed'", Long.toString(id)))
			.isOne();
	}

	@Test
	void theSchemaPagePreviewsWhichProductsWouldNotBeReadyBeforeItPublishes() {
		Tenant tenant = tenant();
		Http owner = login(tenant.owner(), tenant.password());
		String path = "/brands/" + tenant.brandId() + "/passport-schema";

		Response chooser = owner.page("/passports");
		Response page = owner.page(path);
		Response malformed = owner.form(path, Map.of("definition", "{\"fields\": [", "expectedVersion", "1"));
		Response refused = owner.form(path, Map.of("definition",
				"{\"fields\": [{\"key\": \"weight\", \"type\": \"number\"}, {\"key\": \"gtin\", \"type\": \"text\"}]}",
				"expectedVersion", "1"));
		String textile = PassportApiIntegrationTests.textileSchema();
		Response preview = owner.form(path, Map.of("definition", textile, "expectedVersion", "1"));
		String previewed = field(preview.body(), "previewed");
		Response changedSincePreview = owner.form(path,
				Map.of("definition", textile.replace("Fibre composition", "Fibres"), "expectedVersion", "1",
						"previewed", previewed, "action", "publish"));
		long versionBeforePublishing = schemaVersion(tenant);
		Response published = owner.form(path,
				Map.of("definition", textile, "expectedVersion", "1", "previewed", previewed, "action", "publish"));
		Response after = owner.page(path);
		Response stale = owner.form(path,
				Map.of("definition", textile, "expectedVersion", "1", "previewed", previewed, "action", "publish"));

		assertThat(chooser.status()).isEqualTo(302);
		assertThat(chooser.header("Location")).endsWith(path);
		assertThat(page.body()).contains("data-key=\"material\"", "data-field=\"schema-version\">1<",
				"id=\"schema-editor\"", "Publish version 2");
		assertThat(malformed.body()).contains("MALFORMED_JSON", "Not well-formed JSON");
		assertThat(refused.body()).contains("The definition was refused: 2 errors", "data-path=\"fields[0].unit\"",
				"data-path=\"fields[1].key\"", "RESERVED_KEY");
		assertThat(preview.body()).contains("id=\"impact-not-ready\"", "data-sku=\"" + tenant.ready().sku() + "\"",
				"Of 2 products, 1 would no longer be ready to mint", "Publish version 2");
		assertThat(changedSincePreview.body()).contains("The definition changed since its impact was previewed");
		assertThat(versionBeforePublishing).isOne();
		assertThat(published.status()).isEqualTo(302);
		assertThat(after.body()).contains("Published version 2", "data-key=\"fibre_composition[].percent\"",
				"number · % (P1) · 0..100 · at most 1 decimal");
		assertThat(schemaVersion(tenant)).isEqualTo(2);
		assertThat(stale.body()).contains("The schema is at version 2 now, not 1");
		assertThat(schemaVersion(tenant)).isEqualTo(2);
		assertThat(count("select count(*) from audit_events where entity_type = 'passport_schema' and entity_id = ?"
				+ " and action = 'published' and actor = ?", Long.toString(tenant.brandId()), tenant.owner()))
			.isOne();
	}

	@Test
	void viewersSeePassportsReadOnlyAndAnotherBrandsOwnerFindsNothing() {
		Tenant tenant = tenant();
		Tenant other = tenant();
		long id = tenant.ready().id();
		Http viewer = login(tenant.viewer(), tenant.password());
		Http stranger = login(other.owner(), other.password());
		String schema = "/brands/" + tenant.brandId() + "/passport-schema";
		Map<String, String> change = Map.of("action", "save", "version", "1", "schemaVersion", "1", "passport.material",
				"Silk", "passport.country_of_origin", "PT");

		Response viewed = viewer.page("/products/" + id + "/passport");
		Response viewedSchema = viewer.page(schema);

		assertThat(viewed.status()).isEqualTo(200);
		assertThat(viewed.body()).contains("Cotton", "id=\"tab-history\"")
			.doesNotContain("id=\"tab-edit\"", "commodity-code-form");
		assertThat(viewedSchema.body()).contains("data-key=\"material\"").doesNotContain("schema-editor");
		assertThat(viewer.page("/products/" + id + "/passport/edit").status()).isEqualTo(403);
		assertThat(viewer.form("/products/" + id + "/passport", change).status()).isEqualTo(403);
		assertThat(viewer.form("/products/" + id + "/commodity-code", Map.of("commodityCode", "61091000")).status())
			.isEqualTo(403);
		assertThat(viewer.form(schema, Map.of("definition", "{\"fields\": []}", "expectedVersion", "1")).status())
			.isEqualTo(403);

		for (String page : List.of("/products/" + id + "/passport", "/products/" + id + "/passport/edit",
				"/products/" + id + "/passport/history", "/products/" + id + "/passport/versions/1", schema)) {
			assertThat(stranger.page(page).status()).as(page).isEqualTo(404);
		}
		assertThat(stranger.form("/products/" + id + "/passport", change).status()).isEqualTo(404);
		assertThat(stranger.form("/products/" + id + "/commodity-code", Map.of("commodityCode", "61091000")).status())
			.isEqualTo(404);
		assertThat(stranger
			.form(schema, Map.of("definition", "{\"fields\": []}", "expectedVersion", "1", "action", "preview"))
			.status()).isEqualTo(404);
		assertThat(stranger.page("/passports").header("Location"))
			.endsWith("/brands/" + other.brandId() + "/passport-schema");

		assertThat(this.products.findById(id).orElseThrow().passport().text("material")).isEqualTo("Cotton");
		assertThat(this.products.findById(id).orElseThrow().commodityCode()).isNull();
		assertThat(versions(id)).isOne();
		assertThat(schemaVersion(tenant)).isOne();
		Http operator = login(operator("operator-password"), "operator-password");
		assertThat(operator.page("/passports").body()).contains("data-brand=\"" + tenant.brand().code() + "\"",
				"data-brand=\"" + other.brand().code() + "\"");
		assertThat(operator.page("/products/" + id + "/passport").body()).contains("id=\"tab-edit\"");
	}

	@Test
	void aPredecessorIsDeclaredOnThePassportPageAndBothPassportsLinkToEachOther() {
		Tenant tenant = gs1Tenant();
		Tenant other = gs1Tenant();
		long id = tenant.ready().id();
		long original = tenant.notReady().id();
		String path = "/products/" + id + "/predecessors";
		Http owner = login(tenant.owner(), tenant.password());

		Response page = owner.page("/products/" + id + "/passport");
		Response nothingNamed = owner.form(path, Map.of("relation", "remanufactured_from"));
		Response afterNothingNamed = owner.page("/products/" + id + "/passport");
		Response notHttps = owner.form(path,
				Map.of("relation", "repurposed_from", "predecessorUri", "http://dpp.other.example/01/1"));
		Response afterNotHttps = owner.page("/products/" + id + "/passport");
		Response foreign = owner.form(path,
				Map.of("relation", "remanufactured_from", "predecessorProductId", Long.toString(other.ready().id())));
		Response afterForeign = owner.page("/products/" + id + "/passport");
		long declaredAfterRefusals = count("select count(*) from passport_lineage where successor_product_id = ?", id);

		assertThat(page.body())
			.contains("id=\"lineage\"", "id=\"lineage-empty\"", "id=\"predecessor-form\"",
					"<option value=\"" + original + "\"")
			.doesNotContain("<option value=\"" + id + "\"", "<option value=\"" + other.ready().id() + "\"");
		assertThat(nothingNamed.status()).isEqualTo(302);
		assertThat(nothingNamed.header("Location")).endsWith("/products/" + id + "/passport#lineage");
		assertThat(afterNothingNamed.body()).contains("id=\"error-predecessor\"",
				"Name the predecessor either as a product here or by its passport URI");
		assertThat(afterNotHttps.body()).contains("is an https URI", "value=\"http://dpp.other.example/01/1\"",
				"value=\"repurposed_from\" selected");
		assertThat(afterForeign.body()).contains("Choose a product of the brand as the predecessor");
		assertThat(foreign.status()).isEqualTo(302);
		assertThat(declaredAfterRefusals).isZero();

		Response declared = owner.form(path,
				Map.of("relation", "remanufactured_from", "predecessorProductId", Long.toString(original)));
		Response elsewhere = owner.form(path, Map.of("relation", "repurposed_from", "predecessorProductId", "",
				"predecessorUri", "https://dpp.other.example/01/04012345000010"));
		Response successor = owner.page("/products/" + id + "/passport");
		Response predecessor = owner.page("/products/" + original + "/passport");

		assertThat(declared.status()).isEqualTo(302);
		assertThat(elsewhere.status()).isEqualTo(302);
		assertThat(successor.body()).contains("Predecessor declared", "Remanufactured from",
				"href=\"/products/" + original + "/passport\"", "Repurposed from",
				"href=\"https://dpp.other.example/01/04012345000010\"",
				tenant.brand().resolverBaseUrl() + "/01/" + tenant.notReady().gtin().value());
		assertThat(predecessor.body()).contains("data-direction=\"successor\"", "Remanufactured as",
				"href=\"/products/" + id + "/passport\"");
		assertThat(count("select count(*) from audit_events where entity_type = 'product' and entity_id = ?"
				+ " and action = 'predecessor_declared' and actor = ?", Long.toString(id), tenant.owner()))
			.isEqualTo(2);
	}

	@Test
	void viewersSeeTheLineageWithoutItsFormAndAnotherBrandsOwnerDeclaresNothing() {
		Tenant tenant = gs1Tenant();
		Tenant other = gs1Tenant();
		long id = tenant.ready().id();
		Map<String, String> declaration = Map.of("relation", "remanufactured_from", "predecessorProductId",
				Long.toString(tenant.notReady().id()));
		Http viewer = login(tenant.viewer(), tenant.password());
		Http stranger = login(other.owner(), other.password());

		Response viewed = viewer.page("/products/" + id + "/passport");

		assertThat(viewed.body()).contains("id=\"lineage\"").doesNotContain("predecessor-form");
		assertThat(viewer.form("/products/" + id + "/predecessors", declaration).status()).isEqualTo(403);
		assertThat(stranger.form("/products/" + id + "/predecessors", declaration).status()).isEqualTo(404);
		assertThat(count("select count(*) from passport_lineage where successor_product_id = ?", id)).isZero();
	}

	private void publishTextileSchema(Tenant tenant) {
		Response published = api(tenant).send("PUT", "/api/v1/brands/" + tenant.brandId() + "/passport-schema",
				PassportApiIntegrationTests.textileSchema(), Map.of());
		assertThat(published.status()).as(published.toString()).isEqualTo(200);
	}

	private long versions(long productId) {
		return count("select count(*) from passport_versions where subject_kind = 'product' and subject_id = ?",
				productId);
	}

	private long passportVersion(long productId) {
		return this.products.findById(productId).orElseThrow().passportVersion();
	}

	private long schemaVersion(Tenant tenant) {
		return this.brands.findById(tenant.brandId()).orElseThrow().passportSchema().version();
	}

	/** Form fields from pairs, in order (names may repeat). */
	private static List<Map.Entry<String, String>> fields(String... pairs) {
		List<Map.Entry<String, String>> fields = new ArrayList<>();
		for (int i = 0; i < pairs.length; i += 2) {
			fields.add(Map.entry(pairs[i], pairs[i + 1]));
		}
		return fields;
	}

	/**
	 * What the editor's form would send unchanged: its hidden fields, its inputs' values
	 * and its selects' chosen options (text areas are not needed here).
	 */
	private static List<Map.Entry<String, String>> editedValues(String html) {
		List<Map.Entry<String, String>> fields = new ArrayList<>();
		fields.add(Map.entry("action", "save"));
		Matcher inputs = Pattern.compile("<input[^>]*name=\"([^\"]+)\"[^>]*value=\"([^\"]*)\"").matcher(html);
		while (inputs.find()) {
			fields.add(Map.entry(HtmlUtils.htmlUnescape(inputs.group(1)), HtmlUtils.htmlUnescape(inputs.group(2))));
		}
		Matcher selects = Pattern.compile("<select[^>]*name=\"([^\"]+)\"[^>]*>(.*?)</select>", Pattern.DOTALL)
			.matcher(html);
		while (selects.find()) {
			Matcher chosen = Pattern.compile("<option value=\"([^\"]*)\" selected").matcher(selects.group(2));
			fields.add(Map.entry(selects.group(1), chosen.find() ? chosen.group(1) : ""));
		}
		Matcher areas = Pattern.compile("<textarea[^>]*name=\"([^\"]+)\"[^>]*>(.*?)</textarea>", Pattern.DOTALL)
			.matcher(html);
		while (areas.find()) {
			fields.add(Map.entry(areas.group(1), HtmlUtils.htmlUnescape(areas.group(2))));
		}
		return fields;
	}

	private static String field(String html, String name) {
		Matcher matcher = Pattern.compile("name=\"" + name + "\" value=\"([^\"]+)\"").matcher(html);
		assertThat(matcher.find()).as("a field " + name + " in " + html).isTrue();
		return matcher.group(1);
	}

}
