package io.dppmint.core.token;

import io.dppmint.core.digsig.DigitalSignature8030;
import io.dppmint.core.gs1.DigitalLink;
import io.dppmint.core.gs1.Gtin;

/**
 * The one place that knows what a token's resolver URL looks like: GS1-ready brands (a
 * brand that requires GTINs, for a product that has one) get the GS1 Digital Link URI
 * that {@link DigitalLink#toUri(String)} writes; every other brand gets
 * {@code <base>/t/<public id>}, whose path prefix {@value #PUBLIC_ID_PREFIX} the resolver
 * reads back with {@link #publicIdIn(String)}. A signed unit's URL carries its GS1 AI
 * 8030 signature as well ({@link #url(String, DigitalSignature8030)}). The console, the
 * API, the CSV packs and the resolver all take the format from here.
 * <p>
 * An instance holds the URLs of a run of tokens sharing brand, GTIN and lot, built fast
 * for exports of a million rows: everything but the identifier is computed once, so each
 * URL is a prefix plus the identifier. The Digital Link prefix is written by
 * {@code DigitalLink} itself and checked to end with the serial element; identifiers are
 * 13 Crockford base32 characters, which need no escaping, so each URL is exactly what
 * {@code toUri} writes.
 */
public final class ResolverUrls {

	/** The path prefix of a non-GS1 token's resolver URL: {@code /t/<public id>}. */
	public static final String PUBLIC_ID_PREFIX = "/t/";

	private static final String SAMPLE_SERIAL = "0000000000000";

	private final String prefix;

	private final boolean digitalLinks;

	private ResolverUrls(String prefix, boolean digitalLinks) {
		this.prefix = prefix;
		this.digitalLinks = digitalLinks;
	}

	/**
	 * The resolver URLs of a brand's tokens of one product and lot.
	 * @param resolverBaseUrl the brand's resolver base URL
	 * @param gtinRequired whether the brand is GS1-ready (requires GTINs)
	 * @param gtin the product's GTIN, or {@code null}
	 * @param lot the tokens' lot number, or {@code null} for none
	 * @return GS1 Digital Links if {@link #usesDigitalLinks(boolean, Gtin)}, public-id
	 * URLs otherwise
	 */
	public static ResolverUrls forTokens(String resolverBaseUrl, boolean gtinRequired, Gtin gtin, String lot) {
		return usesDigitalLinks(gtinRequired, gtin) ? digitalLinks(resolverBaseUrl, gtin, lot)
				: publicIds(resolverBaseUrl);
	}

	/**
	 * One token's resolver URL, as {@link #forTokens} and {@link #url(String)} build it.
	 * @param resolverBaseUrl the brand's resolver base URL
	 * @param gtinRequired whether the brand is GS1-ready (requires GTINs)
	 * @param gtin the product's GTIN, or {@code null}
	 * @param lot the token's lot number, or {@code null} for none
	 * @param identifier the token's identifier (serial or public id)
	 * @return the URL
	 */
	public static String url(String resolverBaseUrl, boolean gtinRequired, Gtin gtin, String lot, String identifier) {
		return forTokens(resolverBaseUrl, gtinRequired, gtin, lot).url(identifier);
	}

	/**
	 * Whether a brand's tokens of a product resolve as GS1 Digital Links: the brand is
	 * GS1-ready and the product has a GTIN. Otherwise their identifier is a public id.
	 * @param gtinRequired whether the brand requires GTINs
	 * @param gtin the product's GTIN, or {@code null}
	 * @return whether the tokens' identifiers are GS1 serials in Digital Links
	 */
	public static boolean usesDigitalLinks(boolean gtinRequired, Gtin gtin) {
		return gtinRequired && gtin != null;
	}

	/**
	 * URLs of a non-GS1 brand: {@code <base>/t/<public id>}.
	 * @param resolverBaseUrl the brand's resolver base URL (one trailing slash is
	 * ignored)
	 * @return the URLs
	 */
	public static ResolverUrls publicIds(String resolverBaseUrl) {
		String base = resolverBaseUrl.endsWith("/") ? resolverBaseUrl.substring(0, resolverBaseUrl.length() - 1)
				: resolverBaseUrl;
		return new ResolverUrls(base + PUBLIC_ID_PREFIX, false);
	}

	/**
	 * GS1 Digital Links of one GTIN and lot.
	 * @param resolverBaseUrl the brand's resolver base URL
	 * @param gtin the GTIN
	 * @param lot the lot number, or {@code null} for none
	 * @return the URLs
	 */
	public static ResolverUrls digitalLinks(String resolverBaseUrl, Gtin gtin, String lot) {
		String sample = new DigitalLink(gtin, null, lot, SAMPLE_SERIAL).toUri(resolverBaseUrl);
		String element = "/21/" + SAMPLE_SERIAL;
		if (!sample.endsWith(element)) {
			throw new IllegalStateException("A Digital Link no longer ends with its serial: " + sample);
		}
		return new ResolverUrls(sample.substring(0, sample.length() - SAMPLE_SERIAL.length()), true);
	}

	/**
	 * The resolver path of a non-GS1 token, relative to the resolver's root.
	 * @param publicId the token's public id
	 * @return {@code /t/<public id>}
	 */
	public static String publicIdPath(String publicId) {
		return PUBLIC_ID_PREFIX + publicId;
	}

	/**
	 * The public id a raw resolver path names, if it is a public-id path.
	 * @param path a request path relative to the resolver's root
	 * @return what follows {@value #PUBLIC_ID_PREFIX}, without one trailing slash (still
	 * to be validated as an identifier), or {@code null} if the path does not start with
	 * {@value #PUBLIC_ID_PREFIX}
	 */
	public static String publicIdIn(String path) {
		if (!path.startsWith(PUBLIC_ID_PREFIX)) {
			return null;
		}
		int end = path.endsWith("/") ? path.length() - 1 : path.length();
		return path.substring(Math.min(PUBLIC_ID_PREFIX.length(), end), end);
	}

	/**
	 * Everything of these URLs before the identifier: a URL is this prefix followed by
	 * the token's identifier.
	 * @return the prefix
	 */
	public String prefix() {
		return this.prefix;
	}

	/**
	 * The URL of the token with this identifier.
	 * @param identifier the token's serial or public id, as {@code IdentifierScheme}
	 * writes it
	 * @return the URL
	 */
	public String url(String identifier) {
		return this.prefix + identifier;
	}

	/**
	 * The URL of the token with this identifier, as its QR code and print pack carry it:
	 * for a unit of a signed batch, with its AI 8030 signature as the Digital Link data
	 * attribute ({@link DigitalSignature8030#addedTo}).
	 * @param identifier the token's serial or public id, as {@code IdentifierScheme}
	 * writes it
	 * @param signature the unit's signature, or {@code null} for an unsigned unit
	 * @return the URL
	 * @throws IllegalArgumentException for a signature on a public-id URL (AI 8030 needs
	 * AI 01 with AI 21: only serialised GTINs are signed)
	 */
	public String url(String identifier, DigitalSignature8030 signature) {
		String url = url(identifier);
		if (signature == null) {
			return url;
		}
		if (!this.digitalLinks) {
			throw new IllegalArgumentException("Only GS1 Digital Links carry an AI 8030 signature, not " + url);
		}
		return signature.addedTo(url);
	}

	/**
	 * Append the URL of the token with this identifier.
	 * @param out where to append
	 * @param identifier the token's serial or public id, as {@code IdentifierScheme}
	 * writes it
	 * @return {@code out}
	 */
	public StringBuilder appendTo(StringBuilder out, CharSequence identifier) {
		return out.append(this.prefix).append(identifier);
	}

}
