package io.dppmint.export.epcis;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import io.dppmint.core.audit.AuditEvent;
import io.dppmint.core.audit.AuditLog;
import io.dppmint.core.epcis.EpcFormat;
import io.dppmint.core.epcis.EpcisCaptureTarget;
import io.dppmint.core.epcis.EpcisDocumentWriter;
import io.dppmint.core.epcis.EpcisEvent;
import io.dppmint.core.epcis.JdbcEpcisCaptureTargets;
import io.dppmint.core.epcis.JdbcEpcisEvents;
import io.dppmint.core.identifier.IdentifierScheme;
import io.dppmint.export.epcis.CaptureClient.Limits;
import io.dppmint.export.epcis.CaptureClient.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes brands' EPCIS events to their repositories, in event id order, one capture
 * document at a time: each document holds as many of the next events as the repository's
 * limits allow (its event count and byte size, bounded by this process's own), is sent
 * whole ({@code rollback}), and moves the target's cursor only once the repository says
 * it is captured. So nothing is lost: a crash, a refusal or a network failure leaves the
 * cursor where it was and the same events are sent again (with the same event ids, which
 * a repository may use to recognise them).
 * <p>
 * Failures: unreachable, busy ({@code 429}, {@code 5xx}) or a capture job that is still
 * running are retried after a wait that doubles from 1 s up to {@code maxBackoff};
 * {@code 413} halves the document; any other refusal stops the target's pushes
 * ({@code failed}, with the repository's answer) until an operator retries it.
 */
class EpcisPusher {

	private static final Logger log = LoggerFactory.getLogger(EpcisPusher.class);

	/**
	 * A bound on one event's JSON: its fixed members, and each EPC as a URN or a Digital
	 * Link.
	 */
	private static final int EVENT_BYTES = 1024;

	private static final int EPC_BYTES = 64;

	private final JdbcEpcisCaptureTargets targets;

	private final JdbcEpcisEvents events;

	private final CaptureClient client;

	private final IdentifierScheme identifiers;

	private final AuditLog auditLog;

	private final EpcisCaptureProperties properties;

	private final String owner = "epcis-pusher-" + UUID.randomUUID();

	/** The limits each repository advertised, by capture URL. */
	private final Map<String, Limits> limits = new ConcurrentHashMap<>();

	/** Event limits learnt from 413 answers, per brand, for this process's life. */
	private final Map<Long, Integer> shrunk = new ConcurrentHashMap<>();

	private final Counter capturedEvents;

	private final Counter capturedDocuments;

	private final MeterRegistry meters;

	EpcisPusher(JdbcEpcisCaptureTargets targets, JdbcEpcisEvents events, CaptureClient client,
			IdentifierScheme identifiers, AuditLog auditLog, EpcisCaptureProperties properties, MeterRegistry meters) {
		this.targets = targets;
		this.events = events;
		this.client = client;
		this.identifiers = identifiers;
		this.auditLog = auditLog;
		this.properties = properties;
		this.meters = meters;
		this.capturedEvents = Counter.builder("dpp.epcis.captured.events")
			.description("EPCIS events captured by brands' repositories")
			.register(meters);
		this.capturedDocuments = Counter.builder("dpp.epcis.captured.documents")
			.description("EPCIS capture documents accepted by brands' repositories")
			.register(meters);
	}

	/** Push every due target's next documents until none is due. */
	void pushDue() {
		while (true) {
			EpcisCaptureTarget target = this.targets.claimDue(this.owner, this.properties.leaseFor()).orElse(null);
			if (target == null) {
				return;
			}
			pushOne(target);
		}
	}

	/** Send one capture document of the target's next events and record the outcome. */
	private void pushOne(EpcisCaptureTarget target) {
		String authorization = this.properties.authorization().get(target.brandId());
		// Asked once per repository for this process's life, not before every document (a
		// repository that lowers them later answers 413, which halves the documents);
		// asked
		// again while it has not answered.
		Limits limits = this.limits.get(target.captureUrl());
		if (limits == null) {
			limits = this.client.limits(target.captureUrl(), authorization);
			if (limits.answered()) {
				this.limits.put(target.captureUrl(), limits);
			}
		}
		int eventLimit = Math.min(limits.events(), this.shrunk.getOrDefault(target.brandId(), Integer.MAX_VALUE));
		Document document = document(target, eventLimit, limits.bytes());
		Outcome outcome = this.client.capture(target.captureUrl(), authorization, document.bytes());
		switch (outcome) {
			case Outcome.Captured captured -> {
				if (this.targets.captured(target.brandId(), this.owner, document.lastEventId(), captured.captureId())) {
					this.capturedEvents.increment(document.events());
					this.capturedDocuments.increment();
					this.auditLog.record(new AuditEvent(target.brandId(), "epcis_capture",
							Long.toString(target.brandId()), "captured", "epcis-pusher",
							Map.of("events", document.events(), "firstEventId", document.firstEventId(), "lastEventId",
									document.lastEventId(), "bytes", document.bytes().length, "captureId",
									String.valueOf(captured.captureId()))));
				}
			}
			case Outcome.TooLarge tooLarge -> {
				if (document.events() > 1) {
					this.shrunk.put(target.brandId(), Math.max(1, document.events() / 2));
					this.targets.retryLater(target.brandId(), this.owner,
							"413: document of " + document.events() + " events too large, halving", Instant.now());
				}
				else {
					refused(target, "413: a single event is too large for the repository");
				}
			}
			case Outcome.Refused refused -> refused(target, refused.reason());
			case Outcome.Transient failure -> {
				Duration wait = backoff(target.attempts());
				log.warn("EPCIS capture for brand {} failed, retrying in {} s: {}", target.brandId(), wait.toSeconds(),
						failure.reason());
				this.meters.counter("dpp.epcis.capture.failures", "kind", "transient").increment();
				this.targets.retryLater(target.brandId(), this.owner, failure.reason(), Instant.now().plus(wait));
			}
		}
	}

	private void refused(EpcisCaptureTarget target, String reason) {
		log.warn("EPCIS capture for brand {} refused; pushing stops until retried: {}", target.brandId(), reason);
		this.meters.counter("dpp.epcis.capture.failures", "kind", "refused").increment();
		this.targets.failed(target.brandId(), this.owner, reason);
		this.auditLog.record(new AuditEvent(target.brandId(), "epcis_capture", Long.toString(target.brandId()),
				"refused", "epcis-pusher", Map.of("reason", reason)));
	}

	/** The next events after the cursor, as many as fit both limits (at least one). */
	private Document document(EpcisCaptureTarget target, int eventLimit, long byteLimit) {
		List<EpcisEvent> chosen = new ArrayList<>();
		long estimate = 512;
		try (Stream<EpcisEvent> next = this.events.after(target.brandId(), target.pushedThrough(), eventLimit)) {
			for (EpcisEvent event : (Iterable<EpcisEvent>) next::iterator) {
				long size = EVENT_BYTES + (event.quantityEvent() ? 0 : (long) event.tokenCount() * EPC_BYTES);
				if (!chosen.isEmpty() && estimate + size > byteLimit) {
					break;
				}
				chosen.add(event);
				estimate += size;
			}
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(estimate, byteLimit));
		try (EpcisDocumentWriter writer = new EpcisDocumentWriter(out, this.identifiers, EpcFormat.URN)) {
			writer.startCaptureDocument(Instant.now());
			chosen.forEach(writer::write);
			writer.end();
		}
		return new Document(out.toByteArray(), chosen.size(), chosen.getFirst().id(), chosen.getLast().id());
	}

	private Duration backoff(int attempts) {
		Duration wait = Duration.ofSeconds(1L << Math.min(attempts, 20));
		return (wait.compareTo(this.properties.maxBackoff()) > 0) ? this.properties.maxBackoff() : wait;
	}

	private record Document(byte[] bytes, int events, long firstEventId, long lastEventId) {
	}

}
