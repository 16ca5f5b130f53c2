package io.dppmint.core.passport;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.dppmint.core.audit.AuditEvent;
import io.dppmint.core.audit.AuditLog;
import tools.jackson.databind.JsonNode;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one intake of passport schemas and passport data, and their history. A schema is
 * published as the brand's next version; product data is validated against the brand's
 * current schema and written as the product's next immutable version, with what changed,
 * its hash chained to the previous one's, and an audit event, in one transaction. Refused
 * input ({@link PassportValidationException}) and stale writes
 * ({@link PassportVersionConflictException}) write nothing; an unchanged submission
 * writes no version.
 */
public class JdbcPassports {

	private static final String VERSION_COLUMNS = """
			subject_id, version, schema_version, data, changes, sha256, previous_sha256, actor, created_at""";

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final AuditLog audit;

	public JdbcPassports(JdbcClient jdbc, TransactionTemplate transactions, AuditLog audit) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.audit = audit;
	}

	/**
	 * A brand's current schema.
	 * @param brandId the brand
	 * @return its schema, or {@link PassportSchema#empty()} if it has none
	 */
	public PassportSchema currentSchema(long brandId) {
		return this.jdbc.sql("""
				select s.version, s.definition from passport_schemas s
				join brands b on b.id = s.brand_id and b.passport_schema_version = s.version
				where s.brand_id = :brandId""")
			.param("brandId", brandId)
			.query((row, n) -> PassportSchema.parse(row.getInt("version"),
					PassportValues.mapper.readTree(row.getString("definition"))))
			.optional()
			.orElseGet(PassportSchema::empty);
	}

	/**
	 * One of a brand's schema versions: the one a passport version was validated against,
	 * say.
	 * @param brandId the brand
	 * @param version the schema version
	 * @return the schema, or empty if the brand has no such version
	 */
	public Optional<PassportSchema> schema(long brandId, int version) {
		return this.jdbc.sql("""
				select definition from passport_schemas where brand_id = :brandId and version = :version""")
			.param("brandId", brandId)
			.param("version", version)
			.query((row, n) -> PassportSchema.parse(version,
					PassportValues.mapper.readTree(row.getString("definition"))))
			.optional();
	}

	/**
	 * Publish a new schema as the brand's next version. Products whose data the new
	 * schema no longer accepts keep it, and are not ready to mint until it is corrected.
	 * @param brandId the brand
	 * @param definition the schema's JSON definition
	 * @param actor who publishes it
	 * @return the published schema
	 * @throws PassportValidationException if the definition is refused
	 */
	public PassportSchema publishSchema(long brandId, JsonNode definition, String actor) {
		return publishSchema(brandId, definition, null, actor);
	}

	/**
	 * Publish a new schema as the brand's next version, provided the current one is still
	 * {@code expectedVersion}.
	 * @param brandId the brand
	 * @param definition the schema's JSON definition
	 * @param expectedVersion the version the caller read, or {@code null} for any
	 * @param actor who publishes it
	 * @return the published schema
	 * @throws PassportValidationException if the definition is refused
	 * @throws PassportVersionConflictException if the brand's schema moved on
	 */
	public PassportSchema publishSchema(long brandId, JsonNode definition, Integer expectedVersion, String actor) {
		PassportSchema.parse(1, definition);
		return this.transactions.execute((status) -> {
			int current = this.jdbc.sql("select passport_schema_version from brands where id = :brandId for update")
				.param("brandId", brandId)
				.query(Integer.class)
				.optional()
				.orElseThrow(() -> new IllegalArgumentException("There is no brand with id " + brandId));
			if (expectedVersion != null && expectedVersion != current) {
				throw new PassportVersionConflictException("The passport schema of brand " + brandId, expectedVersion,
						current);
			}
			int version = current + 1;
			PassportSchema schema = PassportSchema.parse(version, definition);
			this.jdbc.sql("""
					insert into passport_schemas (brand_id, version, definition, created_by)
					values (:brandId, :version, cast(:definition as jsonb), :actor)""")
				.param("brandId", brandId)
				.param("version", version)
				.param("definition", PassportValues.mapper.writeValueAsString(schema.toJson()))
				.param("actor", actor)
				.update();
			this.jdbc.sql("update brands set passport_schema_version = :version where id = :brandId")
				.param("version", version)
				.param("brandId", brandId)
				.update();
			this.audit.record(new AuditEvent(brandId, "passport_schema", Long.toString(brandId), "published", actor,
					Map.of("version", version, "fields", schema.fields().size())));
			return schema;
		});
	}

	/**
	 * Write a product's passport data as its next version.
	 * @param productId the product
	 * @param change the new data, from the current data
	 * @param expectedVersion the version the caller read ({@code If-Match}), or
	 * {@code null} to write whatever the current version is
	 * @param actor who writes it
	 * @return the new version, or the current one when nothing changed
	 * @throws PassportValidationException if the data is refused
	 * @throws PassportVersionConflictException if {@code expectedVersion} is not current
	 * @throws IllegalArgumentException if there is no such product
	 */
	public PassportVersion submit(long productId, Change change, Integer expectedVersion, String actor) {
		return this.transactions.execute((status) -> {
			Head head = this.jdbc.sql("""
					select p.brand_id, p.passport, p.passport_version from products p
					where p.id = :productId for update""")
				.param("productId", productId)
				.query((row, n) -> new Head(row.getLong("brand_id"), PassportValues.parse(row.getString("passport")),
						row.getInt("passport_version")))
				.optional()
				.orElseThrow(() -> new IllegalArgumentException("There is no product with id " + productId));
			if (expectedVersion != null && expectedVersion != head.version()) {
				throw new PassportVersionConflictException("The passport of product " + productId, expectedVersion,
						head.version());
			}
			PassportSchema schema = currentSchema(head.brandId());
			PassportValues data = change.apply(head.data());
			List<FieldError> errors = PassportValidator.check(schema, data, DataLevel.MODEL, "passport");
			if (!errors.isEmpty()) {
				throw new PassportValidationException("The passport data was refused", errors);
			}
			if (data.equals(head.data()) && head.version() > 0) {
				return version(productId, head.version()).orElseThrow();
			}
			byte[] previous = (head.version() > 0) ? version(productId, head.version()).orElseThrow().sha256() : null;
			List<PassportValues.Change> changes = data
				.changesSince((head.version() > 0) ? head.data() : PassportValues.empty());
			int version = head.version() + 1;
			this.jdbc.sql("""
					insert into passport_versions (brand_id, subject_kind, subject_id, version, schema_version, data,
						changes, sha256, previous_sha256, actor)
					values (:brandId, 'product', :productId, :version, :schemaVersion, cast(:data as jsonb),
						cast(:changes as jsonb), :sha256, :previous, :actor)""")
				.param("brandId", head.brandId())
				.param("productId", productId)
				.param("version", version)
				.param("schemaVersion", schema.version())
				.param("data", data.toJson())
				.param("changes", PassportValues.changesJson(changes))
				.param("sha256", data.sha256())
				.param("previous", previous)
				.param("actor", actor)
				.update();
			this.jdbc.sql("""
					update products set passport = cast(:data as jsonb), passport_version = :version, updated_at = now()
					where id = :productId""")
				.param("data", data.toJson())
				.param("version", version)
				.param("productId", productId)
				.update();
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("version", version);
			details.put("sha256", HexFormat.of().formatHex(data.sha256()));
			details.put("fields", changes.stream().map(PassportValues.Change::field).toList());
			this.audit.record(new AuditEvent(head.brandId(), "product", Long.toString(productId), "passport_changed",
					actor, details));
			return version(productId, version).orElseThrow();
		});
	}

	/**
	 * One version of a product's passport.
	 * @param productId the product
	 * @param version the version number
	 * @return the version, or empty
	 */
	public Optional<PassportVersion> version(long productId, int version) {
		return this.jdbc
			.sql("""
					select %s from passport_versions
					where subject_kind = 'product' and subject_id = :productId and version = :version"""
				.formatted(VERSION_COLUMNS))
			.param("productId", productId)
			.param("version", version)
			.query(JdbcPassports::version)
			.optional();
	}

	/**
	 * A product's versions, newest first.
	 * @param productId the product
	 * @param before only versions below this number ({@code Integer.MAX_VALUE} for the
	 * newest)
	 * @param limit the most versions to return
	 * @return the versions
	 */
	public List<PassportVersion> versions(long productId, int before, int limit) {
		return this.jdbc.sql("""
				select %s from passport_versions
				where subject_kind = 'product' and subject_id = :productId and version < :before
				order by version desc limit :limit""".formatted(VERSION_COLUMNS))
			.param("productId", productId)
			.param("before", before)
			.param("limit", limit)
			.query(JdbcPassports::version)
			.list();
	}

	private static PassportVersion version(ResultSet row, int rowNum) throws SQLException {
		List<PassportValues.Change> changes = PassportValues.mapper.readTree(row.getString("changes"))
			.values()
			.stream()
			.map((node) -> new PassportValues.Change(node.get("field").stringValue(), node.get("op").stringValue()))
			.toList();
		return new PassportVersion(row.getLong("subject_id"), row.getInt("version"), row.getInt("schema_version"),
				PassportValues.parse(row.getString("data")), changes, row.getBytes("sha256"),
				row.getBytes("previous_sha256"), row.getString("actor"), row.getTimestamp("created_at").toInstant());
	}

	/**
	 * How a submission changes a passport's data: a whole replacement (PUT) or an RFC
	 * 7396 merge patch (PATCH).
	 */
	@FunctionalInterface
	public interface Change {

		PassportValues apply(PassportValues current);

		/** Replace the data with {@code values}. */
		static Change replace(PassportValues values) {
			return (current) -> values;
		}

		/** Apply an RFC 7396 merge patch. */
		static Change mergePatch(JsonNode patch) {
			return (current) -> current.merge(patch);
		}

	}

	private record Head(long brandId, PassportValues data, int version) {

	}

}
