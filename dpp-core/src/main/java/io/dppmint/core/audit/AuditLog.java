package io.dppmint.core.audit;

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

}
