package io.dppmint.console.passport;

import java.util.List;
import java.util.Optional;

import io.dppmint.console.api.ApiException;
import io.dppmint.console.passport.PassportEditor.Edited;
import io.dppmint.console.passport.PassportPages.HistoryEntry;
import io.dppmint.console.security.Caller;
import io.dppmint.console.web.ConsolePage;
import io.dppmint.core.catalog.Brand;
import io.dppmint.core.catalog.JdbcBrandRepository;
import io.dppmint.core.catalog.JdbcProductRepository;
import io.dppmint.core.catalog.Product;
import io.dppmint.core.minting.MintBatch;
import io.dppmint.core.passport.AccessLevel;
import io.dppmint.core.passport.JdbcPassports;
import io.dppmint.core.passport.JdbcPassports.Subject;
import io.dppmint.core.passport.PassportSchema;
import io.dppmint.core.passport.PassportValidator;
import io.dppmint.core.passport.VisiblePassport;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A minted batch's batch-level and a unit's item-level passport data in the console (the
 * API's {@code /api/v1/batches/{id}/passport} and {@code /api/v1/tokens/{id}/passport}):
 * a card on the batch and token pages with the brand schema's fields of that level (each
 * with its access badge), the data's version and its latest versions (who, when, which
 * fields); writers edit it in a form generated from those fields, with the product
 * editor's flow ({@link PassportEditor}): every refused value next to its input and
 * nothing written, a stale form refused. Batches and units are reached and changed
 * through {@link SubjectPassports}, as the API's are.
 */
@ConsolePage
class SubjectPassportPages {

	private static final int HISTORY = 10;

	private final SubjectPassports subjects;

	private final JdbcPassports passports;

	private final JdbcBrandRepository brands;

	private final JdbcProductRepository products;

	SubjectPassportPages(SubjectPassports subjects, JdbcPassports passports, JdbcBrandRepository brands,
			JdbcProductRepository products) {
		this.subjects = subjects;
		this.passports = passports;
		this.brands = brands;
		this.products = products;
	}

	@GetMapping("/mint/batch/{batchId}/passport")
	String batchCard(Caller caller, @PathVariable long batchId, Model model) {
		return card(batch(caller, batchId), model);
	}

	@GetMapping("/mint/batch/{batchId}/passport/edit")
	String batchEditor(Caller caller, @PathVariable long batchId, Model model) {
		return editor(caller, batch(caller, batchId), model);
	}

	@PostMapping("/mint/batch/{batchId}/passport")
	String saveBatch(Caller caller, @PathVariable long batchId, @RequestParam(defaultValue = "save") String action,
			@RequestParam(defaultValue = "") String version, @RequestParam(defaultValue = "") String schemaVersion,
			HttpServletRequest request, Model model, RedirectAttributes redirect) {
		return save(caller, batch(caller, batchId), action, version, schemaVersion, request, model, redirect);
	}

	@GetMapping("/mint/tokens/{identifier}/passport")
	String unitCard(Caller caller, @PathVariable String identifier, Model model) {
		return card(unit(caller, identifier), model);
	}

	@GetMapping("/mint/tokens/{identifier}/passport/edit")
	String unitEditor(Caller caller, @PathVariable String identifier, Model model) {
		return editor(caller, unit(caller, identifier), model);
	}

	@PostMapping("/mint/tokens/{identifier}/passport")
	String saveUnit(Caller caller, @PathVariable String identifier, @RequestParam(defaultValue = "save") String action,
			@RequestParam(defaultValue = "") String version, @RequestParam(defaultValue = "") String schemaVersion,
			HttpServletRequest request, Model model, RedirectAttributes redirect) {
		return save(caller, unit(caller, identifier), action, version, schemaVersion, request, model, redirect);
	}

	private String card(Target target, Model model) {
		PassportSchema schema = target.brand().passportSchema();
		JdbcPassports.Current current = this.passports.current(target.subject(), target.id());
		model.addAttribute("target", target);
		model.addAttribute("currentVersion", current.version());
		model.addAttribute("shown",
				ShownPassport
					.of(schema, VisiblePassport.project(schema, current.data(), AccessLevel.OPERATOR),
							PassportValidator.check(schema, current.data(), target.subject().level(),
									PassportForm.PREFIX),
							List.of(), true)
					.only(target.subject().level()));
		model.addAttribute("history",
				this.passports.versions(target.subject(), target.id(), Integer.MAX_VALUE, HISTORY)
					.stream()
					.map(HistoryEntry::of)
					.toList());
		return "passport/subject :: card";
	}

	private String editor(Caller caller, Target target, Model model) {
		requireWriter(caller);
		model.addAttribute("target", target);
		PassportEditor.open(model, edited(caller, target));
		return "passport/subject-edit";
	}

	private String save(Caller caller, Target target, String action, String version, String schemaVersion,
			HttpServletRequest request, Model model, RedirectAttributes redirect) {
		requireWriter(caller);
		model.addAttribute("target", target);
		Optional<String> saved = PassportEditor.submit(model, edited(caller, target), action, version, schemaVersion,
				request.getParameterMap());
		if (saved.isEmpty()) {
			return "passport/subject-edit";
		}
		redirect.addFlashAttribute("notice", saved.get());
		return "redirect:" + target.page();
	}

	private Edited edited(Caller caller, Target target) {
		JdbcPassports.Current current = this.passports.current(target.subject(), target.id());
		return new Edited(target.brand().passportSchema(), target.subject().level(), current.data(), current.version(),
				target.brand().name(), (change, expectedVersion) -> this.subjects.submit(caller, target.subject(),
						target.id(), change, expectedVersion));
	}

	private Target batch(Caller caller, long batchId) {
		MintBatch batch = this.subjects.batch(caller, batchId);
		return new Target(Subject.BATCH, batch.id(), "Batch #" + batch.id(), "/mint/batch/" + batch.id(),
				brand(batch.brandId()), product(batch.productId()));
	}

	private Target unit(Caller caller, String identifier) {
		SubjectPassports.Unit unit = this.subjects.unit(caller, identifier);
		return new Target(Subject.TOKEN, unit.id(), "Unit " + unit.identifier(), "/mint/tokens/" + unit.identifier(),
				brand(unit.brandId()), product(unit.productId()));
	}

	private Brand brand(long brandId) {
		return this.brands.findById(brandId).orElseThrow();
	}

	private Product product(long productId) {
		return this.products.findById(productId).orElseThrow();
	}

	private static void requireWriter(Caller caller) {
		if (!caller.canWrite()) {
			throw ApiException.forbidden("Your role may not change passports");
		}
	}

	/**
	 * A batch or unit whose passport data a page shows.
	 *
	 * @param subject batch or token
	 * @param id the batch or token id
	 * @param title how the page names it ("Batch #12")
	 * @param page its console page
	 * @param brand its brand
	 * @param product its product
	 */
	record Target(Subject subject, long id, String title, String page, Brand brand, Product product) {

		/** The path of its passport data's card and form. */
		public String path() {
			return this.page + "/passport";
		}

		/** What the data is called: "batch" or "unit". */
		public String noun() {
			return (this.subject == Subject.BATCH) ? "batch" : "unit";
		}

	}

}
