package io.dppmint.console.passport;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.dppmint.console.api.ApiException;
import io.dppmint.console.security.Caller;
import io.dppmint.console.web.ConsolePage;
import io.dppmint.console.web.Htmx;
import io.dppmint.core.catalog.Brand;
import io.dppmint.core.catalog.JdbcProductRepository;
import io.dppmint.core.catalog.Product;
import io.dppmint.core.passport.AccessGrant;
import io.dppmint.core.passport.AccessLevel;
import io.dppmint.core.passport.JdbcAccessGrants;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A brand's access grants in the console ({@code /brands/{id}/access-grants}; callers of
 * every brand choose one at {@code /passports}): every grant with its state and the
 * restricted answers recently given under them. Writers issue a grant, whose token the
 * answer to that request shows once (it is never stored, so never shown again), and
 * revoke one after a confirmation. Issuing and revoking go through
 * {@link JdbcAccessGrants}, which checks and audits them as it does for the API.
 */
@ConsolePage
class AccessGrantPages {

	private static final int EVENTS = 50;

	private static final int DEFAULT_DAYS = 90;

	private final JdbcAccessGrants grants;

	private final ProductPassports productPassports;

	private final JdbcProductRepository products;

	AccessGrantPages(JdbcAccessGrants grants, ProductPassports productPassports, JdbcProductRepository products) {
		this.grants = grants;
		this.productPassports = productPassports;
		this.products = products;
	}

	@GetMapping("/passports/access")
	String choose(Caller caller) {
		return (caller.brandId() != null) ? "redirect:/brands/" + caller.brandId() + "/access-grants"
				: "redirect:/passports";
	}

	@GetMapping("/brands/{brandId}/access-grants")
	String page(Caller caller, @PathVariable long brandId, @RequestParam(required = false) Long product, Model model) {
		show(caller, brandId, model);
		model.addAttribute("form", IssueForm.empty());
		String sku = (product != null) ? this.products.findById(product)
			.filter((candidate) -> candidate.brandId() == brandId)
			.map(Product::sku)
			.orElse("") : "";
		model.addAttribute("linkForm", LinkForm.of(sku));
		return "passport/access";
	}

	@PostMapping("/brands/{brandId}/access-links")
	String issueLink(Caller caller, @PathVariable long brandId, @RequestParam(defaultValue = "") String sku,
			@RequestParam(defaultValue = "") String level, @RequestParam(defaultValue = "") String holderName,
			@RequestParam(defaultValue = "") String validHours, Model model, HttpServletResponse response) {
		requireWriter(caller);
		show(caller, brandId, model);
		model.addAttribute("form", IssueForm.empty());
		model.addAttribute("linkForm", new LinkForm(sku, level, holderName, validHours));
		try {
			Product product = this.products.findByBrandAndSku(brandId, sku.strip())
				.orElseThrow(
						() -> new IllegalArgumentException("The brand has no product with SKU '" + sku.strip() + "'"));
			AccessGrantController.requireGtin(product);
			if (!validHours.strip().matches("[0-9]{1,3}")) {
				throw new IllegalArgumentException("A link runs for 1 to 168 hours: give a whole number of hours");
			}
			JdbcAccessGrants.Issued issued = this.grants.issueLink(brandId, product.id(), AccessLevel.of(level),
					holderName, Duration.ofHours(Integer.parseInt(validHours.strip())), caller.actor());
			// The link is in this answer only: nothing may keep a copy of it.
			response.setHeader("Cache-Control", "no-store");
			Brand brand = this.productPassports.brand(caller, brandId);
			model.addAttribute("issuedLink", new IssuedLink(issued.grant(), product,
					AccessGrantController.linkUrl(brand, product, issued.token())));
			model.addAttribute("linkForm", LinkForm.of(""));
			show(caller, brandId, model);
		}
		catch (IllegalArgumentException ex) {
			model.addAttribute("linkError", ex.getMessage());
		}
		return "passport/access";
	}

	@PostMapping("/brands/{brandId}/access-grants")
	String issue(Caller caller, @PathVariable long brandId, @RequestParam(defaultValue = "") String level,
			@RequestParam(defaultValue = "") String holderName, @RequestParam(defaultValue = "") String holderKind,
			@RequestParam(defaultValue = "") String purpose, @RequestParam(defaultValue = "") String validDays,
			Model model, HttpServletResponse response) {
		requireWriter(caller);
		show(caller, brandId, model);
		IssueForm form = new IssueForm(level, holderName, holderKind, purpose, validDays);
		model.addAttribute("form", form);
		model.addAttribute("linkForm", LinkForm.of(""));
		try {
			if (!validDays.strip().matches("[0-9]{1,3}")) {
				throw new IllegalArgumentException("A grant runs for 1 to 366 days: give a whole number of days");
			}
			AccessLevel accessLevel = AccessLevel.of(level);
			JdbcAccessGrants.Issued issued = this.grants.issue(brandId, accessLevel, holderName, holderKind,
					purpose.isBlank() ? null : purpose, Duration.ofDays(Integer.parseInt(validDays.strip())),
					caller.actor());
			// The token is in this answer only: nothing may keep a copy of it.
			response.setHeader("Cache-Control", "no-store");
			model.addAttribute("issued", issued);
			model.addAttribute("form", IssueForm.empty());
			show(caller, brandId, model);
		}
		catch (IllegalArgumentException ex) {
			model.addAttribute("issueError", ex.getMessage());
		}
		return "passport/access";
	}

	@GetMapping("/brands/{brandId}/access-grants/{grantId}/revoke")
	String confirmRevocation(Caller caller, @PathVariable long brandId, @PathVariable long grantId,
			HttpServletRequest request, Model model) {
		requireWriter(caller);
		show(caller, brandId, model);
		model.addAttribute("form", IssueForm.empty());
		model.addAttribute("linkForm", LinkForm.of(""));
		model.addAttribute("confirm", this.grants.find(brandId, grantId)
			.orElseThrow(() -> ApiException.notFound("There is no access grant " + grantId)));
		return Htmx.isRequest(request) ? "passport/access :: confirm" : "passport/access";
	}

	@PostMapping("/brands/{brandId}/access-grants/{grantId}/revoke")
	String revoke(Caller caller, @PathVariable long brandId, @PathVariable long grantId, RedirectAttributes redirect) {
		requireWriter(caller);
		this.productPassports.brand(caller, brandId);
		try {
			AccessGrant revoked = this.grants.revoke(brandId, grantId, caller.actor())
				.orElseThrow(() -> ApiException.notFound("There is no access grant " + grantId));
			redirect.addFlashAttribute("notice", "Revoked the grant of " + revoked.holderName() + " (token "
					+ revoked.tokenPrefix() + "): it opens nothing from now on.");
		}
		catch (IllegalStateException ex) {
			redirect.addFlashAttribute("notice", ex.getMessage() + ": nothing changed.");
		}
		return "redirect:/brands/" + brandId + "/access-grants";
	}

	private void show(Caller caller, long brandId, Model model) {
		Brand brand = this.productPassports.brand(caller, brandId);
		List<AccessGrant> all = this.grants.list(brandId);
		Instant now = Instant.now();
		Map<Long, AccessGrant> byId = all.stream()
			.collect(Collectors.toMap(AccessGrant::id, Function.identity(), (a, b) -> a));
		model.addAttribute("brand", brand);
		model.addAttribute("grants", all.stream().map((grant) -> new GrantRow(grant, status(grant, now))).toList());
		model.addAttribute("events",
				this.grants.events(brandId, null, EVENTS)
					.stream()
					.map((event) -> new EventRow(event, byId.get(event.grantId())))
					.toList());
		model.addAttribute("holderKinds", JdbcAccessGrants.HOLDER_KINDS.stream().sorted().toList());
		model.addAttribute("levels", List.of(AccessLevel.LEGITIMATE_INTEREST, AccessLevel.AUTHORITY));
	}

	private static String status(AccessGrant grant, Instant now) {
		return (grant.revokedAt() != null) ? "revoked" : grant.usableAt(now) ? "active" : "expired";
	}

	private static void requireWriter(Caller caller) {
		if (!caller.canWrite()) {
			throw ApiException.forbidden("Your role may not issue or revoke access grants");
		}
	}

	/**
	 * The issue form as filled in.
	 *
	 * @param level the level's code
	 * @param holderName who holds it
	 * @param holderKind what kind of holder
	 * @param purpose why
	 * @param validDays for how many days
	 */
	record IssueForm(String level, String holderName, String holderKind, String purpose, String validDays) {

		static IssueForm empty() {
			return new IssueForm(AccessLevel.LEGITIMATE_INTEREST.code(), "", "repairer", "",
					Integer.toString(DEFAULT_DAYS));
		}

	}

	/**
	 * The access-link form as filled in.
	 *
	 * @param sku the product's SKU
	 * @param level the level's code
	 * @param holderName who it is for
	 * @param validHours for how many hours
	 */
	record LinkForm(String sku, String level, String holderName, String validHours) {

		static LinkForm of(String sku) {
			return new LinkForm(sku, AccessLevel.LEGITIMATE_INTEREST.code(), "", "24");
		}

	}

	/**
	 * An access link just issued.
	 *
	 * @param grant its grant
	 * @param product the product whose passport it opens
	 * @param url the passport URL with its token
	 */
	record IssuedLink(AccessGrant grant, Product product, String url) {
	}

	/**
	 * One grant in the table.
	 *
	 * @param grant the grant
	 * @param status active, expired or revoked
	 */
	record GrantRow(AccessGrant grant, String status) {
	}

	/**
	 * One restricted answer in the table.
	 *
	 * @param event the answer
	 * @param grant the grant it was given under, or {@code null} if it is not listed
	 */
	record EventRow(JdbcAccessGrants.AccessEvent event, AccessGrant grant) {
	}

}
