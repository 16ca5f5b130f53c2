package io.dppmint.resolver.resolution;

import io.dppmint.core.gs1.CompressedDigitalLink;
import io.dppmint.core.gs1.DigitalLink;
import io.dppmint.core.gs1.InvalidGs1DataException;
import io.dppmint.core.gs1.Sgtin;
import io.dppmint.core.identifier.IdentifierScheme;
import io.dppmint.core.identifier.InvalidIdentifierException;
import io.dppmint.core.identifier.UnknownIdentifierException;
import io.dppmint.core.token.ResolverUrls;

/**
 * What a resolver path names: a GS1 Digital Link (product, lot or serialised unit) or a
 * non-GS1 public id. This is the one place in the resolver that reads its URL shapes:
 * {@code /01/{gtin}[/22/{cpv}][/10/{lot}][/21/{serial}]}, the same link compressed
 * ({@code /{base64}} or {@code /01/{gtin}/{base64}}), a unit's EPC URI
 * ({@code /urn:epc:id:sgtin:...}) and {@code /t/{publicId}}; the shapes themselves are
 * {@link DigitalLink}'s, {@link CompressedDigitalLink}'s, {@link Sgtin}'s and
 * {@link ResolverUrls}'.
 */
sealed interface ScanTarget {

	/** Longest raw path accepted; longer ones are malformed whatever they contain. */
	int MAX_PATH = 512;

	/** Fewest characters of a compressed Digital Link at the root. */
	int MIN_COMPRESSED = 10;

	/** The canonical path of this target, e.g. {@code /01/09506000134352/21/ABC}. */
	String path();

	/**
	 * Whether a raw path that is no Digital Link or public-id path may still be one the
	 * resolver reads (a compressed Digital Link or an EPC URI at the root).
	 */
	static boolean atRoot(String rawPath) {
		if (rawPath.length() < 2 || rawPath.length() > MAX_PATH) {
			return false;
		}
		if (rawPath.regionMatches(true, 1, Sgtin.PREFIX, 0, Sgtin.PREFIX.length())) {
			return true;
		}
		int end = rawPath.endsWith("/") ? rawPath.length() - 1 : rawPath.length();
		// The shortest compressed link of a GTIN has 55 bits: 10 characters.
		return end > MIN_COMPRESSED && CompressedDigitalLink.isCompressedSegment(rawPath.substring(1, end));
	}

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
		Form form;
		String companyPrefix = null;
		try {
			if (rawPath.regionMatches(true, 1, Sgtin.PREFIX, 0, Sgtin.PREFIX.length())) {
				Sgtin sgtin = Sgtin.parse(rawPath.substring(1));
				link = sgtin.toDigitalLink();
				companyPrefix = sgtin.companyPrefix();
				form = Form.EPC;
			}
			else if (isPartlyCompressed(rawPath) || (!rawPath.startsWith("/01/") && atRoot(rawPath))) {
				link = CompressedDigitalLink.decompress(rawPath).link();
				form = Form.COMPRESSED;
			}
			else {
				link = DigitalLink.parsePath(rawPath);
				form = Form.URI;
			}
		}
		catch (InvalidGs1DataException ex) {
			throw new MalformedPathException(ex.getMessage());
		}
		Long tokenNumber = null;
		if (link.serial() != null) {
			try {
				tokenNumber = identifiers.decode(link.serial());
			}
			catch (InvalidIdentifierException ex) {
				// A valid GS1 serial that this platform never issued: an unknown unit,
				// whose
				// scan walks up to its lot or product.
			}
		}
		return new Gs1(link, tokenNumber, form, companyPrefix);
	}

	/** {@code /01/{gtin}/{compressed}}: three segments, the last no AI code. */
	private static boolean isPartlyCompressed(String rawPath) {
		if (!rawPath.startsWith("/01/")) {
			return false;
		}
		String path = rawPath.endsWith("/") ? rawPath.substring(0, rawPath.length() - 1) : rawPath;
		int second = path.indexOf('/', 4);
		if (second < 0 || path.indexOf('/', second + 1) >= 0) {
			return false;
		}
		String last = path.substring(second + 1);
		return CompressedDigitalLink.isCompressedSegment(last) && !last.chars().allMatch(Character::isDigit);
	}

	/** How a GS1 target was written in the request. */
	enum Form {

		/** The Digital Link URI syntax. */
		URI,

		/** GS1 Digital Link: Compression. */
		COMPRESSED,

		/** An EPC pure-identity URI ({@code urn:epc:id:sgtin:}). */
		EPC

	}

	/**
	 * A GS1 Digital Link.
	 *
	 * @param link the parsed link
	 * @param tokenNumber the token number its serial decodes to, or {@code null} for a
	 * product or lot link, or for a serial this platform never issued
	 * @param form how the request wrote it
	 * @param epcCompanyPrefix for an EPC URI, the company prefix it names; otherwise
	 * {@code null}
	 */
	record Gs1(DigitalLink link, Long tokenNumber, Form form, String epcCompanyPrefix) implements ScanTarget {

		@Override
		public String path() {
			return this.link.toPath();
		}

		/** The same link without its serial (a unit's lot, or its product). */
		Gs1 lot() {
			return new Gs1(new DigitalLink(this.link.gtin(), null, this.link.lot(), null), null, this.form, null);
		}

		/** The product of this link. */
		Gs1 product() {
			return new Gs1(new DigitalLink(this.link.gtin(), null, null, null), null, this.form, null);
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
