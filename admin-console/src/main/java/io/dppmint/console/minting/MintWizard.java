package io.dppmint.console.minting;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.dppmint.console.catalog.ProductLibrary;
import io.dppmint.console.catalog.ProductLibrary.Entry;
import io.dppmint.console.security.Caller;
import io.dppmint.console.web.ConsolePage;
import io.dppmint.core.catalog.JdbcProductionRunRepository;
import io.dppmint.core.catalog.ProductionRun;
import io.dppmint.core.minting.IdempotencyConflictException;
import io.dppmint.core.minting.MintIntake;
import io.dppmint.core.minting.MintRejectedException;
import io.dppmint.core.minting.MintRejectedException.Violation;
import io.dppmint.core.minting.MintSubmission;
import io.dppmint.core.passport.DataLevel;
import io.dppmint.core.passport.FieldDefinition;
import io.dppmint.core.passport.FieldType;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The mint wizard ({@code /mint/new}): 1. search and select a product (ineligible ones
 * say why and cannot be chosen); 2. optionally a production run; 3. identity mode,
 * activation mode, quantity and lots; 4. review and submit. Steps 3 and 4 run every check
 * of the one {@link MintIntake} the API and the command line use, and show each broken
 * rule next to its field. The submission carries the wizard session's idempotency key, so
 * a double click, a resubmitted form or a retry after a lost answer all end on the same
 * batch.
 */
@ConsolePage
@RequestMapping("/mint/new")
class MintWizard {

	/**
	 * Products the SKU search shows: the first of a narrowing search, not a list to page.
	 */
	private static final int SEARCH_RESULTS = 20;

	private final ProductLibrary library;

	private final JdbcProductionRunRepository productionRuns;

	private final MintIntake intake;

	MintWizard(ProductLibrary library, JdbcProductionRunRepository productionRuns, MintIntake intake) {
		this.library = library;
		this.productionRuns = productionRuns;
		this.intake = intake;
	}

	@GetMapping
	String selectProduct(Caller caller, @ModelAttribute("form") WizardForm form,
			@RequestParam(required = false) String q, Model model) {
		if (form.getKey() == null || form.getKey().isBlank() || form.getKey().length() > 100) {
			form.setKey(UUID.randomUUID().toString());
		}
		model.addAttribute("q", (q != null) ? q : "");
		model.addAttribute("page", this.library.search(caller, q, null, SEARCH_RESULTS));
		return "mint/new-product";
	}

	@GetMapping("/products")
	String productResults(Caller caller, @ModelAttribute("form") WizardForm form,
			@RequestParam(required = false) String q, Model model) {
		model.addAttribute("page", this.library.search(caller, q, null, SEARCH_RESULTS));
		return "mint/new-product :: results";
	}

	@GetMapping("/run")
	String chooseRun(Caller caller, @ModelAttribute("form") WizardForm form, Model model) {
		Optional<Entry> product = readyProduct(caller, form, model);
		if (product.isEmpty()) {
			return selectProduct(caller, form, null, model);
		}
		model.addAttribute("runs", this.productionRuns.findByProduct(product.get().product().id()));
		return "mint/new-run";
	}

	@GetMapping("/configure")
	String configure(Caller caller, @ModelAttribute("form") WizardForm form, Model model) {
		Optional<Entry> product = readyProduct(caller, form, model);
		if (product.isEmpty()) {
			return selectProduct(caller, form, null, model);
		}
		addRun(caller, form, model);
		model.addAttribute("batchFields", batchFields(product.get()));
		model.addAttribute("errors", Map.of());
		return "mint/new-configure";
	}

	@PostMapping("/configure")
	String review(Caller caller, @ModelAttribute("form") WizardForm form, @RequestParam String action, Model model) {
		Optional<Entry> product = readyProduct(caller, form, model);
		if (product.isEmpty()) {
			return selectProduct(caller, form, null, model);
		}
		addRun(caller, form, model);
		List<FieldDefinition> batchFields = batchFields(product.get());
		model.addAttribute("batchFields", batchFields);
		if (action.equals("add-lot") || action.startsWith("remove-lot-")) {
			if (action.equals("add-lot")) {
				form.addLotRow();
			}
			else {
				Integer row = WizardRequest.wholeNumber(action.substring("remove-lot-".length()));
				if (row != null) {
					form.removeLotRow(row);
				}
			}
			model.addAttribute("errors", Map.of());
			return "mint/new-configure";
		}
		WizardRequest parsed = WizardRequest.parse(form, product.get().brand().id(), product.get().product().id(),
				batchFields);
		if (parsed.request() != null) {
			List<Violation> violations = this.intake.check(parsed.request());
			parsed.reject(violations);
		}
		model.addAttribute("errors", parsed.errors());
		model.addAttribute("mintRequest", parsed.request());
		return parsed.errors().isEmpty() ? "mint/new-review" : "mint/new-configure";
	}

	@PostMapping
	String submit(Caller caller, @ModelAttribute("form") WizardForm form, Model model) {
		Optional<Entry> product = readyProduct(caller, form, model);
		if (product.isEmpty()) {
			return selectProduct(caller, form, null, model);
		}
		addRun(caller, form, model);
		List<FieldDefinition> batchFields = batchFields(product.get());
		model.addAttribute("batchFields", batchFields);
		WizardRequest parsed = WizardRequest.parse(form, product.get().brand().id(), product.get().product().id(),
				batchFields);
		if (parsed.request() == null) {
			model.addAttribute("errors", parsed.errors());
			return "mint/new-configure";
		}
		try {
			MintSubmission submission = this.intake.submit(parsed.request(), caller.actor());
			return "redirect:/mint/batch/" + submission.batch().id()
					+ (submission.created() ? "?created" : "?replayed");
		}
		catch (MintRejectedException ex) {
			model.addAttribute("errors", parsed.reject(ex.violations()).errors());
			return "mint/new-configure";
		}
		catch (IdempotencyConflictException ex) {
			model.addAttribute("errors", Map.of());
			model.addAttribute("mintRequest", parsed.request());
			model.addAttribute("conflictBatchId", ex.existingBatchId());
			return "mint/new-review";
		}
	}

	/**
	 * The chosen product if it is in scope and ready to mint; otherwise the reason goes
	 * to the model for step 1.
	 */
	private Optional<Entry> readyProduct(Caller caller, WizardForm form, Model model) {
		Long id = (form.getProductId() != null) ? WizardRequest.positiveLong(form.getProductId()) : null;
		Optional<Entry> product = (id != null) ? this.library.find(caller, id) : Optional.empty();
		if (product.isEmpty()) {
			model.addAttribute("productError", "Choose a product from your catalogue");
			return Optional.empty();
		}
		model.addAttribute("product", product.get());
		if (!product.get().readiness().ready()) {
			model.addAttribute("productError", product.get().product().name() + " is not ready to mint");
			return Optional.empty();
		}
		return product;
	}

	/**
	 * The brand's batch-level passport fields the wizard asks for: those of one value
	 * (text, number, date, enumeration, URL). Lists and documents of a batch are given
	 * after minting, on the batch's page, or with an API request.
	 */
	private static List<FieldDefinition> batchFields(Entry product) {
		return product.brand()
			.passportSchema()
			.fields()
			.stream()
			.filter((field) -> field.level() == DataLevel.BATCH && field.type() != FieldType.LIST
					&& field.type() != FieldType.DOCUMENT && field.type() != FieldType.RECORD)
			.toList();
	}

	private void addRun(Caller caller, WizardForm form, Model model) {
		Long runId = form.hasRun() ? WizardRequest.positiveLong(form.getRunId()) : null;
		ProductionRun run = (runId != null) ? this.productionRuns.findById(caller.scope(), runId).orElse(null) : null;
		model.addAttribute("run", run);
	}

}
