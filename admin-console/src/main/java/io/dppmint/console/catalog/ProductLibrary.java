package io.dppmint.console.catalog;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.dppmint.console.api.ApiException;
import io.dppmint.console.security.Caller;
import io.dppmint.core.catalog.Brand;
import io.dppmint.core.catalog.CatalogValidationException;
import io.dppmint.core.catalog.EligibilityReport;
import io.dppmint.core.catalog.JdbcBrandRepository;
import io.dppmint.core.catalog.JdbcProductRepository;
import io.dppmint.core.catalog.MintEligibility;
import io.dppmint.core.catalog.Product;
import io.dppmint.core.catalog.ProductCursor;
import io.dppmint.core.catalog.ProductPage;
import io.dppmint.core.text.PlainText;

import org.springframework.stereotype.Component;

/**
 * Products as the console shows them: with their brand and their mint readiness (the
 * "Ready to mint" badge, or every reason why not), found through brand-scoped queries.
 * Shared by the Product Library and the mint wizard's first step.
 */
@Component
public class ProductLibrary {

	private final JdbcProductRepository products;

	private final JdbcBrandRepository brands;

	ProductLibrary(JdbcProductRepository products, JdbcBrandRepository brands) {
		this.products = products;
		this.brands = brands;
	}

	/**
	 * Products in scope whose name or SKU starts with {@code query}, by name.
	 * @param cursor where the previous page ended, or {@code null}
	 */
	public Entries search(Caller caller, String query, String cursor, int limit) {
		ProductCursor after;
		try {
			after = (cursor != null && !cursor.isEmpty()) ? ProductCursor.fromToken(cursor) : null;
		}
		catch (CatalogValidationException ex) {
			throw ApiException.invalid("cursor", "INVALID_CURSOR",
					"'" + cursor + "' is not a cursor this console issued");
		}
		if (!PlainText.isSingleLine(query)) {
			throw ApiException.invalid("q", "INVALID_CHARACTERS", "A search cannot hold control characters (NUL, ...)");
		}
		String prefix = (query != null && !query.isBlank()) ? limit(query.strip()) : null;
		ProductPage page = this.products.search(caller.scope(), prefix, after, limit);
		Map<Long, Brand> brandsById = new HashMap<>();
		List<Entry> entries = page.products()
			.stream()
			.map((product) -> entry(product,
					brandsById.computeIfAbsent(product.brandId(), (id) -> this.brands.findById(id).orElseThrow())))
			.toList();
		return new Entries(entries, page.hasNext() ? page.next().token() : null);
	}

	/** Names and SKUs are at most 200 characters: a longer query adds nothing. */
	private static String limit(String query) {
		return (query.length() > 200) ? query.substring(0, 200) : query;
	}

	/** One product in scope with its readiness, or empty if it is not in scope. */
	public Optional<Entry> find(Caller caller, long productId) {
		return this.products.findById(caller.scope(), productId)
			.map((product) -> entry(product, this.brands.findById(product.brandId()).orElseThrow()));
	}

	private static Entry entry(Product product, Brand brand) {
		return new Entry(product, brand, MintEligibility.evaluate(brand, product));
	}

	/**
	 * A product, its brand and whether it is ready to mint.
	 */
	public record Entry(Product product, Brand brand, EligibilityReport readiness) {

		public String gtin() {
			return (this.product.gtin() != null) ? this.product.gtin().value() : null;
		}

	}

	/**
	 * A page of products; {@code next} is the cursor of the following page or
	 * {@code null}.
	 */
	public record Entries(List<Entry> entries, String next) {
	}

}
