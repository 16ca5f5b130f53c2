package io.dppmint.console.passport;

import java.util.HexFormat;
import java.util.List;

import io.dppmint.console.api.ApiException;
import io.dppmint.console.catalog.ProductLibrary;
import io.dppmint.console.security.Caller;
import io.dppmint.console.web.ConsolePage;
import io.dppmint.core.catalog.CatalogValidationException;
import io.dppmint.core.catalog.Product;
import io.dppmint.core.passport.AccessLevel;
import io.dppmint.core.passport.DataLevel;
import io.dppmint.core.passport.FieldError;
import io.dppmint.core.passport.JdbcPassports;
import io.dppmint.core.passport.PassportSchema;
import io.dppmint.core.passport.PassportValidationException;
import io.dppmint.core.passport.PassportValidator;
import io.dppmint.core.passport.PassportValues;
import io.dppmint.core.passport.PassportVersion;
import io.dppmint.core.passport.PassportVersionConflictException;
import io.dppmint.core.passport.VisiblePassport;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A product's passport in the console ({@code /products/{id}/passport}): its current data
 * by section, typed, each field with its access level and data level; its mint readiness
 * (the Product Library's reasons, data a newer schema refuses included), its commodity
 * code and its brand's operator GLN. Writers edit it in a form generated from the brand's
 * schema, saved as the next version only if nobody saved since it was read (every refused
 * value is shown next to its input and nothing is written); the history lists its
 * versions and shows each one's data. Data reaches these pages only as the
 * {@link VisiblePassport} of the operator level (every level, each with its badge), and
 * every change goes through {@link ProductPassports}, as the API's do.
 */
@ConsolePage
class PassportPages {

	private static final int HISTORY_PAGE = 50;

	private final ProductLibrary library;

	private final ProductPassports productPassports;

	private final JdbcPassports passports;

	PassportPages(ProductLibrary library, ProductPassports productPassports, JdbcPassports passports) {
		this.library = library;
		this.productPassports = productPassports;
		this.passports = passports;
	}

	@GetMapping("/products/{productId}/passport")
	String passport(Caller caller, @PathVariable long productId, Model model) {
		ProductLibrary.Entry entry = entry(caller, productId, model, "passport");
		PassportSchema schema = entry.brand().passportSchema();
		PassportValues data = entry.product().passport();
		model.addAttribute("shown",
				ShownPassport.of(schema, VisiblePassport.project(schema, data, AccessLevel.OPERATOR),
						PassportValidator.check(schema, data, DataLevel.MODEL, PassportForm.PREFIX),
						PassportValidator.missing(schema, data, DataLevel.MODEL), true));
		return "passport/product";
	}

	@GetMapping("/products/{productId}/passport/edit")
	String edit(Caller caller, @PathVariable long productId, Model model) {
		requireWriter(caller);
		ProductLibrary.Entry entry = entry(caller, productId, model, "edit");
		PassportSchema schema = entry.brand().passportSchema();
		PassportValues data = entry.product().passport();
		List<FieldError> problems = PassportValidator.check(schema, data, DataLevel.MODEL, PassportForm.PREFIX);
		editor(model, entry, PassportForm.of(schema, visible(schema, data)), problems,
				entry.product().passportVersion(), schema.version());
		model.addAttribute("currentProblems", !problems.isEmpty());
		return "passport/edit";
	}

	@PostMapping("/products/{productId}/passport")
	String save(Caller caller, @PathVariable long productId, @RequestParam(defaultValue = "save") String action,
			@RequestParam(defaultValue = "") String version, @RequestParam(defaultValue = "") String schemaVersion,
			HttpServletRequest request, Model model, RedirectAttributes redirect) {
		requireWriter(caller);
		ProductLibrary.Entry entry = entry(caller, productId, model, "edit");
		PassportSchema schema = entry.brand().passportSchema();
		int readVersion = number(version, "version");
		PassportForm form = PassportForm.of(schema, visible(schema, entry.product().passport()),
				request.getParameterMap());
		if (action.startsWith("add:")) {
			editor(model, entry, form.addRow(action.substring(4)), List.of(), readVersion, schema.version());
			return "passport/edit";
		}
		if (action.startsWith("remove:")) {
			editor(model, entry, form.removeRow(action.substring(7)), List.of(), readVersion, schema.version());
			return "passport/edit";
		}
		form.withoutBlankRows();
		if (number(schemaVersion, "schemaVersion") != schema.version()) {
			editor(model, entry, form, List.of(), readVersion, schema.version());
			model.addAttribute("error",
					entry.brand().name() + " published version " + schema.version()
							+ " of its passport schema since this form was opened. Nothing was saved: check the fields"
							+ " (the form now follows the new schema) and save again.");
			return "passport/edit";
		}
		try {
			PassportVersion saved = this.productPassports.submit(caller, productId,
					JdbcPassports.Change.replace(PassportValues.of(form.toJson())), readVersion);
			redirect.addFlashAttribute("notice",
					(saved.version() == readVersion)
							? "Nothing changed: the passport stays at version " + readVersion + "."
							: "Saved as version " + saved.version() + ".");
			return "redirect:/products/" + productId + "/passport";
		}
		catch (PassportValidationException ex) {
			editor(model, entry, form, ex.errors(), readVersion, schema.version());
			return "passport/edit";
		}
		catch (PassportVersionConflictException ex) {
			editor(model, entry, form, List.of(), readVersion, schema.version());
			model.addAttribute("stale", ex.currentVersion());
			return "passport/edit";
		}
	}

	@PostMapping("/products/{productId}/commodity-code")
	String commodityCode(Caller caller, @PathVariable long productId,
			@RequestParam(defaultValue = "") String commodityCode, RedirectAttributes redirect) {
		try {
			Product updated = this.productPassports.setCommodityCode(caller, productId, commodityCode);
			redirect.addFlashAttribute("notice", (updated.commodityCode() != null)
					? "Commodity code set to " + updated.commodityCode() + "." : "Commodity code cleared.");
		}
		catch (CatalogValidationException ex) {
			redirect.addFlashAttribute("commodityCodeError", message(ex));
			redirect.addFlashAttribute("commodityCodeValue", commodityCode);
		}
		return "redirect:/products/" + productId + "/passport#identifiers";
	}

	@GetMapping("/products/{productId}/passport/history")
	String history(Caller caller, @PathVariable long productId, @RequestParam(required = false) Integer before,
			Model model) {
		entry(caller, productId, model, "history");
		List<PassportVersion> versions = this.passports.versions(productId,
				(before != null && before > 0) ? before : Integer.MAX_VALUE, HISTORY_PAGE + 1);
		List<PassportVersion> page = versions.subList(0, Math.min(HISTORY_PAGE, versions.size()));
		model.addAttribute("versions", page.stream().map(HistoryEntry::of).toList());
		model.addAttribute("before", (versions.size() > HISTORY_PAGE) ? page.getLast().version() : null);
		return "passport/history";
	}

	@GetMapping("/products/{productId}/passport/versions/{number}")
	String version(Caller caller, @PathVariable long productId, @PathVariable int number, Model model) {
		ProductLibrary.Entry entry = entry(caller, productId, model, "history");
		PassportVersion version = this.passports.version(productId, number)
			.orElseThrow(() -> ApiException.notFound("Product " + productId + " has no passport version " + number));
		PassportSchema schema = this.passports.schema(entry.brand().id(), version.schemaVersion())
			.orElse(entry.brand().passportSchema());
		model.addAttribute("version", HistoryEntry.of(version));
		model.addAttribute("shown", ShownPassport.of(schema,
				VisiblePassport.project(schema, version.data(), AccessLevel.OPERATOR), List.of(), List.of(), false));
		return "passport/version";
	}

	private ProductLibrary.Entry entry(Caller caller, long productId, Model model, String tab) {
		ProductLibrary.Entry entry = this.library.find(caller, productId)
			.orElseThrow(() -> ApiException.notFound("There is no product " + productId));
		model.addAttribute("entry", entry);
		model.addAttribute("tab", tab);
		return entry;
	}

	private static VisiblePassport visible(PassportSchema schema, PassportValues data) {
		return VisiblePassport.project(schema, data, AccessLevel.OPERATOR);
	}

	private static void editor(Model model, ProductLibrary.Entry entry, PassportForm form, List<FieldError> errors,
			int version, int schemaVersion) {
		PassportSchema schema = entry.brand().passportSchema();
		model.addAttribute("sections", form.sections(errors));
		model.addAttribute("errors", form.summary(errors));
		model.addAttribute("version", version);
		model.addAttribute("schemaVersion", schemaVersion);
		model.addAttribute("dropped",
				entry.product()
					.passport()
					.keys()
					.stream()
					.filter((key) -> schema.field(key).map((field) -> field.level() != DataLevel.MODEL).orElse(true))
					.toList());
	}

	private static int number(String text, String name) {
		if (!text.matches("[0-9]{1,9}")) {
			throw ApiException.invalid(name, "INVALID_VERSION",
					"The form's " + name + " is missing or not a number: reload the page");
		}
		return Integer.parseInt(text);
	}

	private static String message(CatalogValidationException ex) {
		String prefix = ex.field() + ": ";
		return ex.getMessage().startsWith(prefix) ? ex.getMessage().substring(prefix.length()) : ex.getMessage();
	}

	private static void requireWriter(Caller caller) {
		if (!caller.canWrite()) {
			throw ApiException.forbidden("Your role may not change passports");
		}
	}

	/**
	 * One passport version as the history shows it.
	 *
	 * @param version the version
	 * @param sha256 its SHA-256, hex
	 * @param previousSha256 the previous version's, hex, or {@code null}
	 */
	record HistoryEntry(PassportVersion version, String sha256, String previousSha256) {

		static HistoryEntry of(PassportVersion version) {
			return new HistoryEntry(version, HexFormat.of().formatHex(version.sha256()),
					(version.previousSha256() != null) ? HexFormat.of().formatHex(version.previousSha256()) : null);
		}

		public String shortSha256() {
			return ShownValue.abbreviated(this.sha256);
		}

		/** What changed, as people read it: {@code warranty_period changed}. */
		public List<String> changes() {
			return this.version.changes().stream().map((change) -> change.field() + " " + change.op()).toList();
		}

	}

}
