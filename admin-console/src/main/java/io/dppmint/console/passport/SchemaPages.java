package io.dppmint.console.passport;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import io.dppmint.console.api.ApiException;
import io.dppmint.console.security.Caller;
import io.dppmint.console.web.ConsolePage;
import io.dppmint.core.catalog.Brand;
import io.dppmint.core.catalog.CatalogValidationException;
import io.dppmint.core.catalog.JdbcBrandRepository;
import io.dppmint.core.passport.FieldDefinition;
import io.dppmint.core.passport.FieldError;
import io.dppmint.core.passport.FieldType;
import io.dppmint.core.passport.PassportSchema;
import io.dppmint.core.passport.PassportValidationException;
import io.dppmint.core.passport.PassportVersionConflictException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A brand's passport schema in the console ({@code /brands/{id}/passport-schema}; callers
 * of every brand choose one at {@code /passports}): its current version as a table of
 * fields (key, label, section, type and unit, data level, access level, required), and
 * for writers its JSON definition to edit. A candidate is first checked and previewed:
 * every refused definition is listed by path, and a valid one shows which of the brand's
 * products would stop (or start) being ready to mint; only a previewed definition is
 * published, as the brand's next version, through {@link ProductPassports} as the API
 * publishes. Writers set the brand's operator GLN here too.
 */
@ConsolePage
class SchemaPages {

	private static final JsonMapper json = JsonMapper.builder()
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private final ProductPassports productPassports;

	private final JdbcBrandRepository brands;

	private final SchemaImpact impact;

	SchemaPages(ProductPassports productPassports, JdbcBrandRepository brands, SchemaImpact impact) {
		this.productPassports = productPassports;
		this.brands = brands;
		this.impact = impact;
	}

	@GetMapping("/passports")
	String brands(Caller caller, Model model) {
		if (caller.brandId() != null) {
			return "redirect:/brands/" + caller.brandId() + "/passport-schema";
		}
		model.addAttribute("brands", this.brands.findAll());
		return "passport/brands";
	}

	@GetMapping("/brands/{brandId}/passport-schema")
	String schema(Caller caller, @PathVariable long brandId, Model model) {
		Brand brand = show(caller, brandId, model);
		model.addAttribute("definition",
				json.writerWithDefaultPrettyPrinter().writeValueAsString(brand.passportSchema().toJson()));
		model.addAttribute("expectedVersion", brand.passportSchema().version());
		return "passport/schema";
	}

	@PostMapping("/brands/{brandId}/passport-schema")
	String publish(Caller caller, @PathVariable long brandId, @RequestParam(defaultValue = "") String definition,
			@RequestParam(defaultValue = "preview") String action,
			@RequestParam(defaultValue = "") String expectedVersion, @RequestParam(defaultValue = "") String previewed,
			Model model, RedirectAttributes redirect) {
		if (!caller.canWrite()) {
			throw ApiException.forbidden("Your role may not change passport schemas");
		}
		Brand brand = show(caller, brandId, model);
		if (!expectedVersion.matches("[0-9]{1,9}")) {
			throw ApiException.invalid("expectedVersion", "INVALID_VERSION",
					"The form's expectedVersion is missing or not a number: reload the page");
		}
		int expected = Integer.parseInt(expectedVersion);
		model.addAttribute("definition", definition);
		model.addAttribute("expectedVersion", expected);
		JsonNode node;
		PassportSchema candidate;
		try {
			node = json.readTree(definition);
			candidate = PassportSchema.parse(expected + 1, node);
		}
		catch (JacksonException ex) {
			model.addAttribute("errors",
					List.of(new FieldError("", "MALFORMED_JSON", "Not well-formed JSON: " + ex.getOriginalMessage())));
			return "passport/schema";
		}
		catch (PassportValidationException ex) {
			model.addAttribute("errors", ex.errors());
			return "passport/schema";
		}
		String hash = sha256(json.writeValueAsString(node));
		if (action.equals("publish") && hash.equals(previewed)) {
			try {
				PassportSchema published = this.productPassports.publishSchema(caller, brandId, node, expected);
				redirect.addFlashAttribute("notice", "Published version " + published.version() + " of " + brand.name()
						+ "'s passport schema (" + published.fields().size() + " fields).");
				return "redirect:/brands/" + brandId + "/passport-schema";
			}
			catch (PassportVersionConflictException ex) {
				model.addAttribute("error",
						"The schema is at version " + ex.currentVersion() + " now, not " + expected
								+ ": somebody published since this page was opened. Nothing was published;"
								+ " reload the page and apply your change to the current version.");
				return "passport/schema";
			}
		}
		if (action.equals("publish")) {
			model.addAttribute("error",
					"The definition changed since its impact was previewed: check the impact below, then publish.");
		}
		model.addAttribute("candidate", candidate);
		model.addAttribute("impact", this.impact.of(brand, candidate));
		model.addAttribute("previewed", hash);
		return "passport/schema";
	}

	@PostMapping("/brands/{brandId}/operator")
	String operator(Caller caller, @PathVariable long brandId, @RequestParam(defaultValue = "") String operatorGln,
			RedirectAttributes redirect) {
		try {
			Brand updated = this.productPassports.setOperatorGln(caller, brandId, operatorGln);
			redirect.addFlashAttribute("notice", (updated.operatorGln() != null)
					? "Operator GLN set to " + updated.operatorGln() + "." : "Operator GLN cleared.");
		}
		catch (CatalogValidationException ex) {
			String prefix = ex.field() + ": ";
			redirect.addFlashAttribute("operatorGlnError",
					ex.getMessage().startsWith(prefix) ? ex.getMessage().substring(prefix.length()) : ex.getMessage());
			redirect.addFlashAttribute("operatorGlnValue", operatorGln);
		}
		return "redirect:/brands/" + brandId + "/passport-schema#operator";
	}

	private Brand show(Caller caller, long brandId, Model model) {
		Brand brand = this.productPassports.brand(caller, brandId);
		model.addAttribute("brand", brand);
		model.addAttribute("fields", rows(brand.passportSchema()));
		return brand;
	}

	/** The schema's fields as table rows, a list's record sub-fields after it. */
	static List<SchemaRow> rows(PassportSchema schema) {
		List<SchemaRow> rows = new ArrayList<>();
		for (FieldDefinition field : schema.fields()) {
			rows.add(new SchemaRow(field, field.key(), type(field), false));
			if (field.type() == FieldType.LIST && field.items().type() == FieldType.RECORD) {
				for (FieldDefinition sub : field.items().fields()) {
					rows.add(new SchemaRow(sub, field.key() + "[]." + sub.key(), type(sub), true));
				}
			}
		}
		return rows;
	}

	/**
	 * A field's type as the table shows it: {@code number · months (MON) · 0.. · whole}.
	 */
	static String type(FieldDefinition field) {
		List<String> parts = new ArrayList<>();
		switch (field.type()) {
			case NUMBER -> {
				parts.add("number");
				parts.add((field.unitLabel() != null) ? field.unitLabel() + " (" + field.unit() + ")" : field.unit());
				if (field.min() != null || field.max() != null) {
					parts.add(plain(field.min()) + ".." + plain(field.max()));
				}
				if (field.scale() != null) {
					parts.add((field.scale() == 0) ? "whole"
							: "at most " + field.scale() + ((field.scale() == 1) ? " decimal" : " decimals"));
				}
			}
			case TEXT -> {
				parts.add("text");
				if (field.maxLength() != null && field.maxLength() < 10_000) {
					parts.add("at most " + field.maxLength() + " characters");
				}
			}
			case DATE -> parts.add(field.monthPrecision() ? "date (month)" : "date");
			case ENUM -> parts.add("enum: " + String.join(", ", field.values().keySet()));
			case URL -> parts.add("https URL");
			case DOCUMENT -> parts.add("document");
			case RECORD -> parts.add("record");
			case LIST -> {
				parts.add("list of " + ((field.items().type() == FieldType.RECORD) ? "records" : type(field.items())));
				if (field.minItems() != null) {
					parts.add("at least " + field.minItems());
				}
				parts.add("at most " + field.maxItems());
				if (field.sumField() != null) {
					parts.add(field.sumField() + " adds up to " + plain(field.sumTotal()));
				}
			}
		}
		return String.join(" · ", parts);
	}

	private static String plain(BigDecimal number) {
		return (number != null) ? number.toPlainString() : "";
	}

	private static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * One row of the schema's table.
	 *
	 * @param definition the field or sub-field
	 * @param key its key, a sub-field's after its list's
	 * ({@code hazardous_substances[].cas})
	 * @param type its type as shown
	 * @param sub whether it is a record's sub-field (its level and access are its list's)
	 */
	record SchemaRow(FieldDefinition definition, String key, String type, boolean sub) {
	}

}
