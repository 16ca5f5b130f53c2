package io.dppmint.resolver.resolution;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The scan servlet's counters, registered once at start: a scan costs one increment of a
 * counter it already holds (no lookup, no tags, no timer), as the resolver's throughput
 * asks (docs/benchmarks.md).
 * <ul>
 * <li>{@code dpp.resolver.resolutions}, tag {@code outcome} ({@link Outcome}): every
 * answered GET or HEAD of a scan, passport or description URL.</li>
 * <li>{@code dpp.resolver.activations}: first-scan activations this resolver made.</li>
 * </ul>
 */
final class ResolutionMeters {

	private final Counter[] outcomes;

	private final Counter activations;

	ResolutionMeters(MeterRegistry registry) {
		Map<Outcome, Counter> byOutcome = new EnumMap<>(Outcome.class);
		for (Outcome outcome : Outcome.values()) {
			byOutcome.put(outcome,
					Counter.builder("dpp.resolver.resolutions")
						.tag("outcome", outcome.tag())
						.description("Scans, passport views and descriptions answered, by outcome")
						.register(registry));
		}
		this.outcomes = byOutcome.values().toArray(Counter[]::new);
		this.activations = Counter.builder("dpp.resolver.activations")
			.description("First-scan activations this resolver made (a minted token became active)")
			.register(registry);
	}

	void answered(Outcome outcome) {
		this.outcomes[outcome.ordinal()].increment();
	}

	void activated() {
		this.activations.increment();
	}

	/** What a resolver request ended in; the {@code outcome} tag's values. */
	enum Outcome {

		/** {@code 307} to the passport or a published link. */
		REDIRECT,
		/** The passport page or JSON ({@code /passport/...}). */
		PASSPORT,
		/** The linkset ({@code 200}). */
		LINKSET,
		/** The static page served to a link-preview fetcher. */
		PREVIEW,
		/** {@code 300}: several links fit the request equally. */
		CHOICES,
		/** {@code 410}: a revoked token. */
		REVOKED,
		/**
		 * {@code 404}: nothing published under the identifier, or no link of the type.
		 */
		NOT_FOUND,
		/** {@code 400}: a malformed path. */
		MALFORMED,
		/** {@code 405}: neither GET, HEAD nor OPTIONS. */
		METHOD_NOT_ALLOWED,
		/**
		 * The resolver description ({@code /.well-known/gs1resolver}), the brands' JWKS
		 * and passport vocabularies.
		 */
		DESCRIPTION,
		/**
		 * {@code 503}: the database could not be read, or a first scan's activation could
		 * not be queued (the primary has been unavailable for long).
		 */
		UNAVAILABLE,
		/** An unexpected failure ({@code 500}). */
		ERROR;

		String tag() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}
