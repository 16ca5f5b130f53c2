package io.dppmint.console.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.dppmint.console.api.Cursors;
import io.dppmint.console.api.Page;
import io.dppmint.console.security.Caller;
import io.dppmint.core.tenancy.BrandScope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The activity log: audit events newest first, keyset-paginated, filterable by entity
 * type, read through a brand-scoped query (platform events without a brand are for
 * operators only).
 */
@RestController
@RequestMapping("/api/v1/audit-events")
@Tag(name = "Audit", description = "The append-only, hash-chained activity log")
class AuditController {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final JdbcClient jdbc;

	AuditController(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@GetMapping
	@Operation(summary = "Audit events, newest first (keyset pagination), optionally of one entity type")
	Page<AuditEventView> events(Caller caller,
			@RequestParam(required = false) @Pattern(regexp = "[a-z_]{1,40}") String entityType,
			@RequestParam(required = false) @Size(max = 20) String cursor,
			@RequestParam(defaultValue = "50") @Min(1) @Max(Page.MAX_LIMIT) int limit) {
		Long before = Cursors.key(cursor);
		List<AuditEventView> events = page(caller.scope(), entityType, (before != null) ? before : Long.MAX_VALUE,
				limit + 1);
		return new Page<>(events.stream().limit(limit).toList(),
				(events.size() > limit) ? Cursors.of(events.get(limit - 1).id()) : null);
	}

	private List<AuditEventView> page(BrandScope scope, String entityType, long beforeId, int limit) {
		return this.jdbc.sql("""
				select id, occurred_at, brand_id, entity_type, entity_id, action, actor, details, chain_seq
				from audit_events
				where (:allBrands or brand_id = :brandId)
					and (cast(:entityType as text) is null or entity_type = cast(:entityType as text))
					and id < :beforeId
				order by id desc
				limit :limit""")
			.param("allBrands", scope.allBrands())
			.param("brandId", scope.brandId())
			.param("entityType", entityType)
			.param("beforeId", beforeId)
			.param("limit", limit)
			.query((rs, row) -> {
				Timestamp occurredAt = rs.getTimestamp("occurred_at");
				return new AuditEventView(rs.getLong("id"), occurredAt.toInstant(),
						rs.getObject("brand_id", Long.class), rs.getString("entity_type"), rs.getString("entity_id"),
						rs.getString("action"), rs.getString("actor"),
						json.readValue(rs.getString("details"), new TypeReference<>() {
						}), rs.getObject("chain_seq") != null);
			})
			.list();
	}

	/**
	 * An audit event.
	 *
	 * @param id event id
	 * @param occurredAt when it happened
	 * @param brandId the brand it concerns, or {@code null} for platform events
	 * @param entityType batch, token, production_run, api_key, job_execution, ...
	 * @param entityId which one
	 * @param action what happened
	 * @param actor who did it
	 * @param details further facts
	 * @param sealed whether it is already hash-chained
	 */
	record AuditEventView(long id, Instant occurredAt, Long brandId, String entityType, String entityId, String action,
			String actor, Map<String, Object> details, boolean sealed) {
	}

}
