package io.dppmint.core.catalog;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

import io.dppmint.core.text.PlainText;

/**
 * Where a product search page ended: the name and id of its last product. Searches are
 * ordered by lowercase name, then id, so the next page starts strictly after this
 * position however many products are added or removed meanwhile (keyset pagination: no
 * {@code OFFSET}).
 *
 * @param name the last product's name
 * @param id the last product's id
 */
public record ProductCursor(String name, long id) {

	private static final Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();

	private static final Base64.Decoder decoder = Base64.getUrlDecoder();

	public ProductCursor {
		Objects.requireNonNull(name, "name");
	}

	/**
	 * The cursor just after {@code product}.
	 * @param product the last product of a page
	 * @return the cursor
	 */
	public static ProductCursor after(Product product) {
		return new ProductCursor(product.name(), product.id());
	}

	/**
	 * This cursor as an opaque, URL-safe token, for APIs and pages.
	 * @return the token
	 */
	public String token() {
		return encoder.encodeToString((this.id + ":" + this.name).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The cursor a {@link #token()} stands for.
	 * @param token the token
	 * @return the cursor
	 * @throws CatalogValidationException if the token was not made by {@link #token()}
	 */
	public static ProductCursor fromToken(String token) {
		try {
			String text = new String(decoder.decode(token), StandardCharsets.UTF_8);
			int colon = text.indexOf(':');
			String name = text.substring(colon + 1);
			// Names never hold control characters: such a cursor was not made here (and
			// a NUL would make the search query fail).
			if (PlainText.isSingleLine(name)) {
				return new ProductCursor(name, Long.parseLong(text.substring(0, colon)));
			}
		}
		catch (RuntimeException ex) {
			// refused below
		}
		throw new CatalogValidationException("cursor", "INVALID_CURSOR",
				"This is not a page cursor of a product search");
	}

}
