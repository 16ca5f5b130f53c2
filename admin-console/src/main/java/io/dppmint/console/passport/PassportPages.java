package io.dppmint.console.passport;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.dppmint.console.api.ApiException;
import io.dppmint.console.catalog.ProductLibrary;
import io.dppmint.console.passport.PassportEditor.Edited;
import io.dppmint.console.security.Caller;
import io.dppmint.console.web.ConsolePage;
import io.dppmint.core.catalog.CatalogValidationException;
import io.dppmint.core.catalog.Product;
import io.dppmint.core.passport.AccessLevel;
import io.dppmint.core.passport.DataLevel;
import io.dppmint.core.passport.JdbcPassports;
import io.dppmint.core.passport.PassportSchema;
import io.dppmint.core.passport.PassportValidator;
import io.dppmint.core.passport.PassportValues;
import io.dppmint.core.passport.PassportVersion;
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
 * versions and shows each one's data. Its lineage lists the passports it comes from and
 * those that come from it, and writers declare a predecessor there (a product of the
 * brand or a passport elsewhere). Data reaches these pages only as the
 * {@link VisiblePassport} of the operator level (every level, each with its badge), and
 * every change goes through {@link ProductPassports}, as the API's do; the editor's flow
 * is the {@link PassportEditor}'s, shared with the batch and unit editors.
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
		model.addAttribute("lineage",
				this.productPassports.lineage(caller, productId)
					.stream()
					.map((link) -> ShownLink.of(link, this.productPassports.reachable(caller, link.productId())))
					.toList());
		if (caller.canWrite()) {
			model.addAttribute("predecessorCandidates", this.productPassports.predecessorCandidates(entry.product()));
		}
		return "passport/product";
	}

	@GetMapping("/products/{productId}/passport/edit")
	String edit(Caller caller, @PathVariable long productId, Model model) {
		requireWriter(caller);
		PassportEditor.open(model, edited(caller, entry(caller, productId, model, "edit")));
		return "passport/edit";
	}

	@PostMapping("/products/{productId}/passport")
	String save(Caller caller, @PathVariable long productId, @RequestParam(defaultValue = "save") String action,
			@RequestParam(defaultValue = "") String version, @RequestParam(defaultValue = "") String schemaVersion,
			HttpServletRequest request, Model model, RedirectAttributes redirect) {
		requireWriter(caller);
		ProductLibrary.Entry entry = entry(caller, productId, model, "edit");
		Optional<String> saved = PassportEditor.submit(model, edited(caller, entry), action, version, schemaVersion,
				request.getParameterMap());
		if (saved.isEmpty()) {
			return "passport/edit";
		}
		redirect.addFlashAttribute("notice", saved.get());
		return "redirect:/products/" + productId + "/passport";
	}

	@PostMapping("/products/{productId}/predecessors")
	String declarePredecessor(Caller caller, @PathVariable long productId,
			@RequestParam(defaultValue = "") String relation,
			@RequestParam(defaultValue = "") String predecessorProductId,
			@RequestParam(defaultValue = "") String predecessorUri, RedirectAttributes redirect) {
		Product product = this.productPassports.product(caller, productId);
		try {
			this.productPassports.declarePredecessor(caller, productId, relation,
					predecessor(caller, product, predecessorProductId),
					predecessorUri.isBlank() ? null : predecessorUri);
			redirect.addFlashAttribute("notice", predecessorUri.isBlank()
					? "Predecessor declared: both passports now link to each other."
					: "Predecessor declared: this passport links to it (a passport elsewhere links back only if its"
							+ " own operator declares this one).");
		}
		catch (IllegalArgumentException ex) {
			redirect.addFlashAttribute("lineageError", ex.getMessage());
			redirect.addFlashAttribute("lineageValues", Map.of("relation", relation, "predecessorProductId",
					predecessorProductId, "predecessorUri", predecessorUri));
		}
		return "redirect:/products/" + productId + "/passport#lineage";
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

	private Edited edited(Caller caller, ProductLibrary.Entry entry) {
		long productId = entry.product().id();
		return new Edited(entry.brand().passportSchema(), DataLevel.MODEL, entry.product().passport(),
				entry.product().passportVersion(), entry.brand().name(),
				(change, expectedVersion) -> this.productPassports.submit(caller, productId, change, expectedVersion));
	}

	/**
	 * The product of the brand chosen as the predecessor, or {@code null} for none
	 * chosen.
	 * @throws IllegalArgumentException for one that is not a product of the brand
	 */
	private Long predecessor(Caller caller, Product product, String chosen) {
		if (chosen.isBlank()) {
			return null;
		}
		return Optional.of(chosen)
			.filter((text) -> text.matches("[0-9]{1,18}"))
			.map(Long::valueOf)
			.flatMap((id) -> this.library.find(caller, id))
			.filter((candidate) -> candidate.product().brandId() == product.brandId())
			.map((candidate) -> candidate.product().id())
			.orElseThrow(() -> new IllegalArgumentException("Choose a product of the brand as the predecessor"));
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
