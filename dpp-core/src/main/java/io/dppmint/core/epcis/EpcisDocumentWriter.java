package io.dppmint.core.epcis;

import java.io.OutputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.dppmint.core.gs1.DigitalLink;
import io.dppmint.core.gs1.Sgtin;
import io.dppmint.core.identifier.IdentifierScheme;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Writes EPCIS 2.0 JSON-LD documents event by event onto a stream, so that neither a page
 * of events nor an event's units are ever held whole: an event's EPCs are derived from
 * its token range in slices as they are written. Two documents: the answer to a query (an
 * {@code EPCISQueryDocument} of a {@code SimpleEventQuery}) and a capture document (an
 * {@code EPCISDocument}), both as the EPCIS 2.0 JSON schema defines them (EPCIS 2.0 §10,
 * {@code EPCIS-JSON-Schema.json}).
 * <p>
 * Use: {@link #startQueryDocument} or {@link #startCaptureDocument}, then {@link #write}
 * for each event, then {@link #end}.
 */
public final class EpcisDocumentWriter implements AutoCloseable {

	/** The EPCIS 2.0 JSON-LD context every document names. */
	public static final String CONTEXT = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld";

	private static final JsonFactory factory = new JsonFactory();

	private static final String ID_GS1_ORG = "https://id.gs1.org";

	/** Units whose serials are derived at a time. */
	private static final int SLICE = 1000;

	private final JsonGenerator json;

	private final IdentifierScheme identifiers;

	private final EpcFormat format;

	private boolean query;

	/**
	 * A writer onto {@code out}, which it does not close.
	 * @param out the stream
	 * @param identifiers the scheme that turns token numbers into serials
	 * @param format how to write identifiers
	 */
	public EpcisDocumentWriter(OutputStream out, IdentifierScheme identifiers, EpcFormat format) {
		this.json = factory.createGenerator(ObjectWriteContext.empty(), out);
		this.identifiers = identifiers;
		this.format = format;
	}

	/** Begin the answer to a {@code SimpleEventQuery}. */
	public EpcisDocumentWriter startQueryDocument(Instant creationDate) {
		this.query = true;
		startDocument("EPCISQueryDocument", creationDate);
		this.json.writeObjectPropertyStart("queryResults");
		this.json.writeStringProperty("queryName", "SimpleEventQuery");
		this.json.writeObjectPropertyStart("resultsBody");
		this.json.writeArrayPropertyStart("eventList");
		return this;
	}

	/** Begin a document for a capture interface. */
	public EpcisDocumentWriter startCaptureDocument(Instant creationDate) {
		this.query = false;
		startDocument("EPCISDocument", creationDate);
		this.json.writeArrayPropertyStart("eventList");
		return this;
	}

	private void startDocument(String type, Instant creationDate) {
		this.json.writeStartObject();
		this.json.writeArrayPropertyStart("@context");
		this.json.writeString(CONTEXT);
		this.json.writeEndArray();
		this.json.writeStringProperty("type", type);
		this.json.writeStringProperty("schemaVersion", "2.0");
		this.json.writeStringProperty("creationDate", time(creationDate));
		this.json.writeObjectPropertyStart("epcisBody");
	}

	/** Write one event into the document's event list. */
	public void write(EpcisEvent event) {
		this.json.writeStartObject();
		writeEventBody(event);
	}

	/**
	 * Write one event as a standalone JSON object (the answer to {@code GET
	 * /events/{eventID}}).
	 * @param out the stream, not closed
	 * @param identifiers the scheme that turns token numbers into serials
	 * @param format how to write identifiers
	 * @param event the event
	 */
	public static void writeStandalone(OutputStream out, IdentifierScheme identifiers, EpcFormat format,
			EpcisEvent event) {
		try (EpcisDocumentWriter writer = new EpcisDocumentWriter(out, identifiers, format)) {
			writer.json.writeStartObject();
			writer.json.writeArrayPropertyStart("@context");
			writer.json.writeString(CONTEXT);
			writer.json.writeEndArray();
			writer.writeEventBody(event);
		}
	}

	private void writeEventBody(EpcisEvent event) {
		JsonGenerator json = this.json;
		json.writeStringProperty("type", "ObjectEvent");
		json.writeStringProperty("eventID", "urn:uuid:" + event.eventId());
		json.writeStringProperty("eventTime", time(event.eventTime()));
		json.writeStringProperty("eventTimeZoneOffset", "+00:00");
		json.writeStringProperty("recordTime", time(event.recordTime()));
		if (event.quantityEvent()) {
			json.writeArrayPropertyStart("quantityList");
			json.writeStartObject();
			json.writeStringProperty("epcClass", epcClass(event));
			json.writeNumberProperty("quantity", event.tokenCount());
			json.writeEndObject();
			json.writeEndArray();
		}
		else {
			json.writeArrayPropertyStart("epcList");
			String prefix = sgtinPrefix(event);
			for (int done = 0; done < event.tokenCount(); done += SLICE) {
				int count = Math.min(SLICE, event.tokenCount() - done);
				for (String serial : this.identifiers.encodeRange(event.firstTokenId() + done, count)) {
					json.writeString((prefix != null) ? prefix + serial
							: new DigitalLink(event.gtin(), null, null, serial).toUri(ID_GS1_ORG));
				}
			}
			json.writeEndArray();
		}
		json.writeStringProperty("action", event.action());
		json.writeStringProperty("bizStep", event.bizStep());
		json.writeStringProperty("disposition", event.disposition());
		if (event.facility() != null) {
			String location = event.facility().toLocationUri(locationPrefixLength(event));
			json.writeObjectPropertyStart("readPoint");
			json.writeStringProperty("id", location);
			json.writeEndObject();
			json.writeObjectPropertyStart("bizLocation");
			json.writeStringProperty("id", location);
			json.writeEndObject();
		}
		json.writeEndObject();
	}

	/**
	 * Close the document's lists and objects, and flush.
	 */
	public void end() {
		this.json.writeEndArray();
		if (this.query) {
			this.json.writeEndObject();
			this.json.writeEndObject();
		}
		this.json.writeEndObject();
		this.json.writeEndObject();
		this.json.flush();
	}

	@Override
	public void close() {
		this.json.close();
	}

	/** Everything of an SGTIN URI before its serial, or {@code null} for Digital Link. */
	private String sgtinPrefix(EpcisEvent event) {
		if (this.format == EpcFormat.DIGITAL_LINK || event.companyPrefixLength() == null) {
			return null;
		}
		String uri = new Sgtin(event.gtin(), event.companyPrefixLength(), "0").toUri();
		return uri.substring(0, uri.length() - 1);
	}

	private String epcClass(EpcisEvent event) {
		if (this.format == EpcFormat.DIGITAL_LINK || event.companyPrefixLength() == null) {
			return new DigitalLink(event.gtin(), null, event.lotNumber(), null).toUri(ID_GS1_ORG);
		}
		return Sgtin.lgtinUri(event.gtin(), event.companyPrefixLength(), event.lotNumber());
	}

	/**
	 * The company prefix length to split the facility's GLN by: the brand's, when the GLN
	 * is under it too (a brand's own factory); otherwise unknown, and the location is
	 * written as a Digital Link URI.
	 */
	private Integer locationPrefixLength(EpcisEvent event) {
		Integer length = event.companyPrefixLength();
		if (this.format == EpcFormat.DIGITAL_LINK || length == null) {
			return null;
		}
		String prefix = event.gtin().value().substring(1, 1 + length);
		return event.facility().value().startsWith(prefix) ? length : null;
	}

	private static String time(Instant instant) {
		return instant.truncatedTo(ChronoUnit.MILLIS).toString();
	}

}
