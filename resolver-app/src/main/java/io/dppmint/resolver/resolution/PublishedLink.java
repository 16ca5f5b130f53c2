package io.dppmint.resolver.resolution;

/**
 * A further link a brand publishes for its products (table {@code resolver_links}).
 *
 * @param linkType the GS1 Web Vocabulary link type without prefix, e.g. {@code pip}
 * @param href the target URL
 * @param title a human-readable title
 * @param hreflang the target's language, or {@code null}
 * @param mediaType the target's media type, or {@code null}
 * @param context the context it applies in (a geography or jurisdiction), or {@code null}
 * @param forProduct whether it was published for one product rather than for all the
 * brand's
 */
record PublishedLink(String linkType, String href, String title, String hreflang, String mediaType, String context,
		boolean forProduct) {

}
