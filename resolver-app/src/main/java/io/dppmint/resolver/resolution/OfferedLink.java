package io.dppmint.resolver.resolution;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A link the resolver offers for an identifier: the passport it serves itself (as
 * {@code gs1:defaultLink}, {@code gs1:defaultLinkMulti} and {@code gs1:dpp}) or a link
 * the brand publishes.
 *
 * @param linkType the GS1 Web Vocabulary term, e.g. {@code pip}
 * @param href the target's absolute URL
 * @param title a human-readable title
 * @param type the target's media type, or {@code null}
 * @param hreflang the target's language, or {@code null}
 * @param context the context it applies in, or {@code null}
 * @param passport whether the target is the passport this resolver serves (then a
 * redirect goes to its path on this resolver)
 */
record OfferedLink(String linkType, String href, String title, String type, String hreflang, String context,
		boolean passport) {

	static final String DEFAULT_LINK = "defaultLink";

	static final String DEFAULT_LINK_MULTI = "defaultLinkMulti";

	static final String DPP = "dpp";

	/** The passport's language: the resolver writes its pages in English. */
	static final String PASSPORT_LANGUAGE = "en";

	/**
	 * Every link offered for a resolution, in the order the linkset lists them: the one
	 * default link (a title and nothing else, as the standard requires), its variants by
	 * media type, the DPP links, then the brand's links.
	 */
	static List<OfferedLink> of(Resolution resolution, List<PublishedLink> published) {
		String passport = Documents.passportUrl(resolution);
		String title = Documents.PASSPORT_TITLE;
		List<OfferedLink> links = new ArrayList<>(4 + published.size());
		links.add(new OfferedLink(DEFAULT_LINK, passport, title, null, null, null, true));
		OfferedLink html = new OfferedLink(DEFAULT_LINK_MULTI, passport, title, "text/html", PASSPORT_LANGUAGE, null,
				true);
		OfferedLink json = new OfferedLink(DEFAULT_LINK_MULTI, passport, title + " (JSON)", "application/json",
				PASSPORT_LANGUAGE, null, true);
		links.add(html);
		links.add(json);
		links.add(html.as(DPP));
		links.add(json.as(DPP));
		for (PublishedLink link : published) {
			links.add(new OfferedLink(link.linkType(), link.href(), link.title(), link.mediaType(), link.hreflang(),
					link.context(), false));
		}
		return links;
	}

	/** The links of one type, in order. */
	static List<OfferedLink> ofType(List<OfferedLink> links, String linkType) {
		List<OfferedLink> ofType = new ArrayList<>();
		for (OfferedLink link : links) {
			if (link.linkType().equals(linkType)) {
				ofType.add(link);
			}
		}
		return ofType;
	}

	/** The link types offered, as CURIEs, in order. */
	static Set<String> types(List<OfferedLink> links) {
		Set<String> types = new LinkedHashSet<>();
		for (OfferedLink link : links) {
			types.add("gs1:" + link.linkType());
		}
		return types;
	}

	OfferedLink as(String otherType) {
		return new OfferedLink(otherType, this.href, this.title, this.type, this.hreflang, this.context, this.passport);
	}

	boolean sameMetadata(OfferedLink other) {
		return other != null && Objects.equals(this.type, other.type) && Objects.equals(this.hreflang, other.hreflang)
				&& Objects.equals(this.context, other.context) && !this.href.equals(other.href);
	}

}
