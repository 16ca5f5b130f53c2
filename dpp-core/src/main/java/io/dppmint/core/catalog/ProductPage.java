package io.dppmint.core.catalog;

import java.util.List;

/**
 * One page of a product search.
 *
 * @param products the products, ordered by lowercase name, then id
 * @param next where the next page starts, or {@code null} when this is the last page
 */
public record ProductPage(List<Product> products, ProductCursor next) {

	public ProductPage {
		products = List.copyOf(products);
	}

	public boolean hasNext() {
		return this.next != null;
	}

}
