package io.dppmint.console.api;

import java.util.List;

/**
 * One page of a keyset-paginated list: pass {@code next} back as {@code cursor} for the
 * following page; {@code next} is {@code null} on the last page. Pages never use
 * {@code OFFSET}, so they stay fast however deep a client pages.
 *
 * @param <T> the item type
 * @param items the items of this page
 * @param next the cursor of the next page, or {@code null}
 */
public record Page<T>(List<T> items, String next) {

	public Page {
		items = List.copyOf(items);
	}

	/** Most items a page may hold. */
	public static final int MAX_LIMIT = 200;

	/** Items per page unless the client asks otherwise. */
	public static final int DEFAULT_LIMIT = 50;

}
