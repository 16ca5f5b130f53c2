package io.dppmint.core.export;

import io.dppmint.core.gs1.DigitalLink;
import io.dppmint.core.gs1.Gtin;

/**
 * The resolver URLs of a run of tokens sharing brand, GTIN and lot, built fast: GS1
 * brands get the GS1 Digital Link URI written by {@link DigitalLink#toUri(String)},
 * non-GS1 brands {@code <base>/t/<public id>}. The Digital Link prefix is computed once
 * by {@code DigitalLink} itself and checked to end with the serial element, so each URL
 * is that prefix plus the serial (identifiers are 13 Crockford base32 characters, which
 * need no escaping), exactly what {@code toUri} writes.
 */
public final class ResolverLinks {

	private static final String SAMPLE_SERIAL = "0000000000000";

	private final String prefix;

	private ResolverLinks(String prefix) {
		this.prefix = prefix;
	}

	/** Links of a non-GS1 brand: {@code <base>/t/<public id>}. */
	public static ResolverLinks publicIds(String resolverBaseUrl) {
		String base = resolverBaseUrl.endsWith("/") ? resolverBaseUrl.substring(0, resolverBaseUrl.length() - 1)
				: resolverBaseUrl;
		return new ResolverLinks(base + "/t/");
	}

	/** GS1 Digital Links of one GTIN and lot ({@code null} for none). */
	public static ResolverLinks digitalLinks(String resolverBaseUrl, Gtin gtin, String lot) {
		String sample = new DigitalLink(gtin, null, lot, SAMPLE_SERIAL).toUri(resolverBaseUrl);
		String element = "/21/" + SAMPLE_SERIAL;
		if (!sample.endsWith(element)) {
			throw new IllegalStateException("A Digital Link no longer ends with its serial: " + sample);
		}
		return new ResolverLinks(sample.substring(0, sample.length() - SAMPLE_SERIAL.length()));
	}

	/** The URL of the token with this identifier (serial or public id). */
	public String of(String identifier) {
		return this.prefix + identifier;
	}

	/** Append the URL of the token whose identifier is {@code identifier}. */
	public StringBuilder appendTo(StringBuilder out, CharSequence identifier) {
		return out.append(this.prefix).append(identifier);
	}

}
