package io.dppmint.core.epcis;

import java.time.Instant;
import java.util.UUID;

import io.dppmint.core.gs1.Gln;
import io.dppmint.core.gs1.Gtin;

/**
 * A stored EPCIS 2.0 {@code ObjectEvent}, as {@code epcis_events} holds it: its units are
 * a range of token numbers, listed ({@code epcList}) or, for a lot's commissioning,
 * counted ({@code quantityList} of the lot's LGTIN).
 *
 * @param id the row id, the order events are served and pushed in
 * @param eventId the event's identifier, {@code urn:uuid:} + this
 * @param brandId the brand
 * @param batchId the mint batch the units belong to
 * @param lotNumber the lot of a quantity event, or {@code null} for an event listing
 * units
 * @param action {@code ADD} or {@code DELETE}
 * @param bizStep the CBV business step, {@code commissioning} or {@code decommissioning}
 * @param disposition the CBV disposition, {@code active} or {@code inactive}
 * @param eventTime when it happened
 * @param recordTime when it was recorded
 * @param gtin the units' GTIN
 * @param companyPrefixLength the length of the GS1 company prefix the GTIN is under, or
 * {@code null} when unknown (the EPCs are then GS1 Digital Link URIs)
 * @param facility where it happened, or {@code null}
 * @param firstTokenId the first unit's token number
 * @param tokenCount how many units
 */
public record EpcisEvent(long id, UUID eventId, long brandId, long batchId, String lotNumber, String action,
		String bizStep, String disposition, Instant eventTime, Instant recordTime, Gtin gtin,
		Integer companyPrefixLength, Gln facility, long firstTokenId, int tokenCount) {

	/** Whether the event counts its units as a lot's quantity instead of listing them. */
	public boolean quantityEvent() {
		return this.lotNumber != null;
	}

}
