package io.dppmint.console.catalog;

import io.dppmint.console.security.Caller;
import io.dppmint.console.web.ConsolePage;
import io.dppmint.console.web.Htmx;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The Product Library ({@code /products}): products in scope with the "Ready to mint"
 * badge or the reasons they are not, searchable by the start of their name or SKU, and a
 * way into the mint wizard for the ready ones.
 */
@ConsolePage
class ProductLibraryPage {

	private final ProductLibrary library;

	ProductLibraryPage(ProductLibrary library) {
		this.library = library;
	}

	@GetMapping("/products")
	String products(Caller caller, @RequestParam(required = false) String q,
			@RequestParam(required = false) String cursor, HttpServletRequest request, Model model) {
		model.addAttribute("q", (q != null) ? q : "");
		model.addAttribute("page", this.library.search(caller, q, cursor, 25));
		return Htmx.isRequest(request) ? "products :: results" : "products";
	}

}
