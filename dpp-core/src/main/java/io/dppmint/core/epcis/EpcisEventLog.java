package io.dppmint.core.epcis;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Records EPCIS 2.0 events in {@code epcis_events}, in the caller's transaction: the
 * transaction of the change the event reports, so an event exists exactly when its change
 * committed. Only units with an EPC get events: a product with a GTIN (non-GS1 brands'
 * public ids are no EPCs).
 * <p>
 * An event stores its units as a range of token numbers; the EPCs are derived when it is
 * served (see {@link EpcisDocumentWriter}).
 */
public class EpcisEventLog {

	/**
	 * Units listed by one commissioning event of a serial batch: 1,000,000 units make
	 * 1,000 events of about 45 kB each, small enough for any capture interface's limits.
	 */
	public static final int EPCS_PER_EVENT = 1000;

	private static final String EVENT_COLUMNS = """
			event_id, brand_id, batch_id, lot_id, action, biz_step, disposition, event_time, gtin,
			company_prefix_length, facility_gln, first_token_id, token_count""";

	private static final String PREFIX_LENGTH = """
			case when r.gs1_company_prefix is not null and substr(p.gtin, 2, length(r.gs1_company_prefix))
				= r.gs1_company_prefix then length(r.gs1_company_prefix) end""";

	private final JdbcClient jdbc;

	public EpcisEventLog(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Record the commissioning events ({@code ADD}, {@code commissioning},
	 * {@code active}) of a batch that has just become minted: a serial batch's units in
	 * events of {@value #EPCS_PER_EVENT}, a lot batch's as one quantity event per lot.
	 * Read point and business location are the batch's production run's facility, if it
	 * has one.
	 * @param batchId the batch
	 * @return the events recorded (none for a batch without GTIN)
	 */
	public int recordCommissioning(long batchId) {
		return this.jdbc.sql("""
				insert into epcis_events (%s)
				select gen_random_uuid(), b.brand_id, b.id, u.lot_id, 'ADD', 'commissioning', 'active', now(), p.gtin,
					%s, pr.facility_gln, u.first_token_id, u.token_count
				from mint_batches b
				join products p on p.id = b.product_id
				join brands r on r.id = b.brand_id
				left join production_runs pr on pr.id = b.production_run_id
				cross join lateral (
					select null::bigint as lot_id, b.first_token_id + s.o as first_token_id,
						least(:perEvent, b.quantity - s.o) as token_count
					from generate_series(0, b.quantity - 1, :perEvent) as s(o)
					where b.identity_mode = 'serial'
					union all
					select l.id, l.first_token_id, l.quantity from lots l
					where l.batch_id = b.id and b.identity_mode = 'lot'
				) u
				where b.id = :batchId and p.gtin is not null
				order by u.first_token_id""".formatted(EVENT_COLUMNS, PREFIX_LENGTH))
			.param("batchId", batchId)
			.param("perEvent", EPCS_PER_EVENT)
			.update();
	}

	/**
	 * Record the decommissioning event ({@code DELETE}, {@code decommissioning},
	 * {@code inactive}) of a revoked unit, listing its SGTIN (in lot mode too: a revoked
	 * unit is one serial, not a quantity of its lot).
	 * @param tokenId the revoked token
	 * @return whether an event was recorded (not for a unit without GTIN)
	 */
	public boolean recordDecommissioning(long tokenId) {
		return this.jdbc.sql("""
				insert into epcis_events (%1$s)
				select gen_random_uuid(), b.brand_id, b.id, null, 'DELETE', 'decommissioning', 'inactive', now(),
					p.gtin, %2$s, null, t.id, 1
				from tokens t
				join mint_batches b on b.id = t.batch_id
				join products p on p.id = b.product_id
				join brands r on r.id = b.brand_id
				where t.id = :tokenId and p.gtin is not null""".formatted(EVENT_COLUMNS, PREFIX_LENGTH))
			.param("tokenId", tokenId)
			.update() == 1;
	}

}
