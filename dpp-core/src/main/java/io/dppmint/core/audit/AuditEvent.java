package io.dppmint.core.audit;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Something that happened, for the audit log.
 *
 * @param brandId the brand it concerns, or {@code null} for platform events
 * @param entityType what kind of thing it concerns ({@code batch}, {@code token},
 * {@code export}, ...)
 * @param entityId which one
 * @param action what happened, e.g. {@code created}, {@code status_changed}
 * @param actor who did it (user, API key, {@code system})
 * @param details further facts, written as JSON
 */
public record AuditEvent(Long brandId, String entityType, String entityId, String action, String actor,
		Map<String, Object> details) {

	private static final Pattern ENTITY_TYPE = Pattern.compile("[a-z_]{1,40}");

	public AuditEvent {
		if (entityType == null || !ENTITY_TYPE.matcher(entityType).matches()) {
			throw new IllegalArgumentException(
					"An audit entity type is 1 to 40 lower-case letters or underscores, not '" + entityType + "'");
		}
		requireText("entity id", entityId);
		requireText("action", action);
		requireText("actor", actor);
		details = (details != null) ? Map.copyOf(details) : Map.of();
	}

	private static void requireText(String name, String value) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException("An audit event needs a non-blank " + name);
		}
	}

}
