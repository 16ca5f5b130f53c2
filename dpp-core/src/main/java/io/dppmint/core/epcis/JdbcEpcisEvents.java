package io.dppmint.core.epcis;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import io.dppmint.core.epcis.EpcisQuery.LotMatch;
import io.dppmint.core.epcis.EpcisQuery.UnitMatch;
import io.dppmint.core.gs1.Gln;
import io.dppmint.core.gs1.Gtin;
import io.dppmint.core.tenancy.BrandScope;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads of {@code epcis_events}: query pages (keyset on the event id, inside a
 * {@link BrandScope}), single events, and the events after a push cursor.
 */
public class JdbcEpcisEvents {

	private static final String SELECT = """
			select e.id, e.event_id, e.brand_id, e.batch_id, l.lot_number, e.action, e.biz_step, e.disposition,
				e.event_time, e.record_time, e.gtin, e.company_prefix_length, e.facility_gln, e.first_token_id,
				e.token_count
			from epcis_events e
			left join lots l on l.id = e.lot_id
			""";

	private final JdbcClient jdbc;

	public JdbcEpcisEvents(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * One page of the events in scope that match a query, in id order: at most
	 * {@code query.perPage() + 1} events, the extra one telling that there is a next
	 * page.
	 * @param scope the caller's brands
	 * @param query the query
	 * @return the events
	 */
	public List<EpcisEvent> page(BrandScope scope, EpcisQuery query) {
		if (!query.asksForObjectEvents()) {
			return List.of();
		}
		StringBuilder where = new StringBuilder("where e.id > :afterId and (:allBrands or e.brand_id = :brandId)");
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("afterId", query.afterId());
		params.put("allBrands", scope.allBrands());
		params.put("brandId", scope.brandId());
		in(where, params, "e.action", "action", query.actions());
		in(where, params, "e.biz_step", "bizStep", query.bizSteps());
		in(where, params, "e.disposition", "disposition", query.dispositions());
		in(where, params, "e.facility_gln", "readPoint", query.readPoints().stream().map(Gln::value).toList());
		in(where, params, "e.facility_gln", "bizLocation", query.bizLocations().stream().map(Gln::value).toList());
		if (!query.eventIds().isEmpty()) {
			where.append(" and e.event_id = any(:eventIds)");
			params.put("eventIds", query.eventIds().toArray(UUID[]::new));
		}
		time(where, params, "e.event_time >=", "eventTimeFrom", query.eventTimeFrom());
		time(where, params, "e.event_time <", "eventTimeTo", query.eventTimeTo());
		time(where, params, "e.record_time >=", "recordTimeFrom", query.recordTimeFrom());
		time(where, params, "e.record_time <", "recordTimeTo", query.recordTimeTo());
		if (!query.units().isEmpty()) {
			List<String> any = new ArrayList<>();
			for (int i = 0; i < query.units().size(); i++) {
				UnitMatch unit = query.units().get(i);
				params.put("unitGtin" + i, unit.gtin().value());
				if (unit.tokenId() == null) {
					any.add("(e.gtin = :unitGtin%1$d and e.lot_id is null)".formatted(i));
				}
				else {
					// An event holds at most 1,000,000 units: a bound on first_token_id
					// the
					// (gtin, first_token_id) index can range-scan.
					params.put("unit" + i, unit.tokenId());
					any.add("""
							(e.gtin = :unitGtin%1$d and e.lot_id is null and e.first_token_id <= :unit%1$d
								and e.first_token_id > :unit%1$d - 1000000 and :unit%1$d < e.first_token_id + e.token_count)"""
						.formatted(i));
				}
			}
			where.append(" and (").append(String.join(" or ", any)).append(')');
		}
		if (!query.lots().isEmpty()) {
			List<String> any = new ArrayList<>();
			for (int i = 0; i < query.lots().size(); i++) {
				LotMatch lot = query.lots().get(i);
				params.put("lotGtin" + i, lot.gtin().value());
				if (lot.lotNumber() == null) {
					any.add("(e.gtin = :lotGtin%1$d and e.lot_id is not null)".formatted(i));
				}
				else {
					params.put("lot" + i, lot.lotNumber());
					any.add("(e.gtin = :lotGtin%1$d and l.lot_number = :lot%1$d)".formatted(i));
				}
			}
			where.append(" and (").append(String.join(" or ", any)).append(')');
		}
		params.put("limit", query.perPage() + 1);
		return this.jdbc.sql(SELECT + where + " order by e.id limit :limit")
			.params(params)
			.query(JdbcEpcisEvents::event)
			.list();
	}

	/**
	 * An event in scope.
	 * @param scope the caller's brands
	 * @param eventId its id
	 * @return the event, or empty if it is not in scope (or does not exist)
	 */
	public Optional<EpcisEvent> find(BrandScope scope, UUID eventId) {
		return this.jdbc.sql(SELECT + "where e.event_id = :eventId and (:allBrands or e.brand_id = :brandId)")
			.param("eventId", eventId)
			.param("allBrands", scope.allBrands())
			.param("brandId", scope.brandId())
			.query(JdbcEpcisEvents::event)
			.optional();
	}

	/**
	 * A brand's events after a push cursor, in id order, streamed from a cursor: close
	 * the stream.
	 * @param brandId the brand
	 * @param afterId the last event already pushed
	 * @param limit most events
	 * @return the events
	 */
	public Stream<EpcisEvent> after(long brandId, long afterId, int limit) {
		return this.jdbc.sql(SELECT + "where e.brand_id = :brandId and e.id > :afterId order by e.id limit :limit")
			.param("brandId", brandId)
			.param("afterId", afterId)
			.param("limit", limit)
			.query(JdbcEpcisEvents::event)
			.stream();
	}

	/**
	 * What a batch's events are: how many, and the id of the last (to compare with a push
	 * cursor).
	 * @param batchId the batch
	 * @return its events' count and last id (0 when it has none)
	 */
	public BatchEvents ofBatch(long batchId) {
		return this.jdbc.sql("select count(*), coalesce(max(id), 0) from epcis_events where batch_id = :batchId")
			.param("batchId", batchId)
			.query((rs, row) -> new BatchEvents(rs.getLong(1), rs.getLong(2)))
			.single();
	}

	/**
	 * A batch's events.
	 *
	 * @param count how many
	 * @param lastId the highest event id, or 0
	 */
	public record BatchEvents(long count, long lastId) {
	}

	private static void in(StringBuilder where, Map<String, Object> params, String column, String name,
			List<String> values) {
		if (!values.isEmpty()) {
			where.append(" and ").append(column).append(" = any(:").append(name).append(')');
			params.put(name, values.toArray(String[]::new));
		}
	}

	private static void time(StringBuilder where, Map<String, Object> params, String condition, String name,
			Instant value) {
		if (value != null) {
			where.append(" and ").append(condition).append(" :").append(name);
			params.put(name, Timestamp.from(value));
		}
	}

	private static EpcisEvent event(ResultSet rs, int row) throws SQLException {
		String facility = rs.getString("facility_gln");
		return new EpcisEvent(rs.getLong("id"), rs.getObject("event_id", UUID.class), rs.getLong("brand_id"),
				rs.getLong("batch_id"), rs.getString("lot_number"), rs.getString("action"), rs.getString("biz_step"),
				rs.getString("disposition"), rs.getTimestamp("event_time").toInstant(),
				rs.getTimestamp("record_time").toInstant(), new Gtin(rs.getString("gtin")),
				rs.getObject("company_prefix_length", Integer.class), (facility != null) ? new Gln(facility) : null,
				rs.getLong("first_token_id"), rs.getInt("token_count"));
	}

}
