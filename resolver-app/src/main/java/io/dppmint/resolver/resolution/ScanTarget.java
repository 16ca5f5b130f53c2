package io.dppmint.resolver.resolution;

import io.dppmint.core.gs1.DigitalLink;
import io.dppmint.core.gs1.InvalidGs1DataException;
import io.dppmint.core.identifier.IdentifierScheme;
import io.dppmint.core.identifier.InvalidIdentifierException;
import io.dppmint.core.identifier.UnknownIdentifierException;
import io.dppmint.core.token.ResolverUrls;

/**
 * What a resolver path names: a GS1 Digital Link (product, lot or serialised unit) or a
 * non-GS1 public id. This is the one place in the resolver that reads its URL shapes
 * {@code /01/{gtin}[/10/{lot}][/21/{serial}]} and {@code /t/{publicId}}; the shapes
 * themselves are {@link DigitalLink}'s and {@link ResolverUrls}'.
 */
sealed interface ScanTarget {

	/** Longest raw path accepted; longer ones are malformed whatever they contain. */
	int MAX_PATH = 512;

	/** The canonical path of this target, e.g. {@code /01/09506000134352/21/ABC}. */
	String path();

	/**
	 * Read a raw (undecoded) request path.
	 * @throws MalformedPathException if it is not a well-formed resolver path (400)
	 * @throws NotFoundException if it is well-formed but can name no token (404)
	 */
	static ScanTarget parse(String rawPath, IdentifierScheme identifiers) {
		if (rawPath == null || rawPath.length() > MAX_PATH) {
			throw new MalformedPathException("The resolver path is longer than " + MAX_PATH + " characters");
		}
		String id = ResolverUrls.publicIdIn(rawPath);
		if (id != null) {
			try {
				return new PublicId(id, identifiers.decode(id));
			}
			catch (UnknownIdentifierException ex) {
				throw new NotFoundException("No passport has this public id");
			}
			catch (InvalidIdentifierException ex) {
				throw new MalformedPathException("Malformed public id: " + ex.getMessage());
			}
		}
		DigitalLink link;
		try {
			link = DigitalLink.parsePath(rawPath);
		}
		catch (InvalidGs1DataException ex) {
			throw new MalformedPathException(ex.getMessage());
		}
		if (link.cpv() != null) {
			throw new NotFoundException("This resolver issues no consumer product variants (AI 22)");
		}
		Long tokenNumber = null;
		if (link.serial() != null) {
			try {
				tokenNumber = identifiers.decode(link.serial());
			}
			catch (InvalidIdentifierException ex) {
				// A valid GS1 serial that this platform never issued: unknown, not
				// malformed.
				throw new NotFoundException("No passport has this serial number");
			}
		}
		return new Gs1(link, tokenNumber);
	}

	/**
	 * A GS1 Digital Link.
	 *
	 * @param link the parsed link
	 * @param tokenNumber the token number its serial decodes to, or {@code null} for a
	 * product or lot link
	 */
	record Gs1(DigitalLink link, Long tokenNumber) implements ScanTarget {

		@Override
		public String path() {
			return this.link.toPath();
		}

	}

	/**
	 * A non-GS1 brand's public id.
	 *
	 * @param publicId the id as scanned
	 * @param tokenNumber the token number it decodes to
	 */
	record PublicId(String publicId, long tokenNumber) implements ScanTarget {

		@Override
		public String path() {
			return ResolverUrls.publicIdPath(this.publicId);
		}

	}

}
