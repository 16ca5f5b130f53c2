package io.dppmint.console.passport;

import io.dppmint.core.passport.JdbcPassportLineage;

/**
 * One link of a product's lineage as its passport page shows it: the relation from the
 * product's side, the other passport's URI and, when the other product is one the caller
 * may open in the console, its id (the page then links to its console page).
 *
 * @param predecessor whether the product comes from it (else it comes from the product)
 * @param label the relation as the page says it ("Remanufactured from")
 * @param uri the other passport's URI
 * @param name the other product's name, or {@code null} when it is elsewhere
 * @param productId the other product's id if the caller may open it, or {@code null}
 */
record ShownLink(boolean predecessor, String label, String uri, String name, Long productId) {

	static ShownLink of(JdbcPassportLineage.Link link, boolean reachable) {
		return new ShownLink(link.direction() == JdbcPassportLineage.Direction.PREDECESSOR, link.label(), link.uri(),
				link.name(), reachable ? link.productId() : null);
	}

}
