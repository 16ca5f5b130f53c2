/**
 * GS1 EPCIS 2.0 events: what supply-chain systems learn of DPP Mint's units. A minted GS1
 * batch has commissioning events and a revoked unit a decommissioning event
 * ({@link io.dppmint.core.epcis.EpcisEventLog}, recorded in the change's own
 * transaction); events store token ranges and are written as EPCIS 2.0 JSON-LD by
 * {@link io.dppmint.core.epcis.EpcisDocumentWriter}, deriving their EPCs as they go;
 * {@link io.dppmint.core.epcis.EpcisQuery} is the supported subset of the standard's
 * {@code SimpleEventQuery}. docs/epcis.md describes the whole.
 */
package io.dppmint.core.epcis;
