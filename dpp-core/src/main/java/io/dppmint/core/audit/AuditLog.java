package io.dppmint.core.audit;

import java.util.List;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Appends events to the audit log. Recording only inserts the event, inside the caller's
 * transaction when there is one, so it commits or vanishes with the change it describes
 * and never waits for other writers; the events are chained (sealed) afterwards, in
 * commit order.
 */
public class AuditLog {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final JdbcClient jdbc;

	public AuditLog(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void record(AuditEvent event) {
		this.jdbc.sql("""
				insert into audit_events (brand_id, entity_type, entity_id, action, actor, details)
				values (:brandId, :entityType, :entityId, :action, :actor, cast(:details as jsonb))""")
			.param("brandId", event.brandId())
			.param("entityType", event.entityType())
			.param("entityId", event.entityId())
			.param("action", event.action())
			.param("actor", event.actor())
			.param("details", json.writeValueAsString(event.details()))
			.update();
	}

	/**
	 * Record many events with one statement (in the caller's transaction), e.g. the
	 * activations a resolver commits together.
	 */
	public void recordAll(List<AuditEvent> events) {
		if (events.isEmpty()) {
			return;
		}
		Long[] brandIds = new Long[events.size()];
		String[] entityTypes = new String[events.size()];
		String[] entityIds = new String[events.size()];
		String[] actions = new String[events.size()];
		String[] actors = new String[events.size()];
		String[] details = new String[events.size()];
		for (int i = 0; i < events.size(); i++) {
			AuditEvent event = events.get(i);
			brandIds[i] = event.brandId();
			entityTypes[i] = event.entityType();
			entityIds[i] = event.entityId();
			actions[i] = event.action();
			actors[i] = event.actor();
			details[i] = json.writeValueAsString(event.details());
		}
		this.jdbc.sql("""
				insert into audit_events (brand_id, entity_type, entity_id, action, actor, details)
				select brand_id, entity_type, entity_id, action, actor, cast(details as jsonb)
				from unnest(:brandIds, :entityTypes, :entityIds, :actions, :actors, :details)
					as e(brand_id, entity_type, entity_id, action, actor, details)""")
			.param("brandIds", brandIds)
			.param("entityTypes", entityTypes)
			.param("entityIds", entityIds)
			.param("actions", actions)
			.param("actors", actors)
			.param("details", details)
			.update();
	}

	/**
	 * The sealer's backlog: events committed but not chained yet, and how long the oldest
	 * of them has waited (zero when none). Reads the partial index of unsealed events.
	 */
	public Unsealed unsealed() {
		return this.jdbc.sql("""
				select count(*) as events,
					coalesce(extract(epoch from clock_timestamp() - min(occurred_at)), 0) as oldest_seconds
				from audit_events where chain_seq is null""")
			.query((rs, row) -> new Unsealed(rs.getLong("events"), Math.max(0, rs.getDouble("oldest_seconds"))))
			.single();
	}

	/**
	 * Audit events not sealed yet.
	 *
	 * @param events how many
	 * @param oldestSeconds how long the oldest has waited, in seconds (0 when none)
	 */
	public record Unsealed(long events, double oldestSeconds) {

	}

}
