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

	// Namespaces the advisory locks of passport writes ("PV" + subject kind).
	private static final int LOCK_NAMESPACE = 0x5056_0000;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final AuditLog audit;

	/** Passports to read only (a resolver's). */
	public JdbcPassports(JdbcClient jdbc) {
		this(jdbc, null, null);
	}

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
		return submit(Subject.PRODUCT, productId, change, expectedVersion, actor);
	}

	/**
	 * Write a subject's passport data (a product's model-level data, a batch's
	 * batch-level data, a unit's item-level data) as its next version, in one
	 * transaction: the subject's writes take turns (an advisory lock), the data is
	 * validated against the brand's current schema at the subject's level, the version is
	 * chained to the previous one's hash, the head moves and an audit event records it.
	 * @param subject what kind of subject
	 * @param id the product, batch or token id
	 * @param change the new data, from the current data
	 * @param expectedVersion the version the caller read, or {@code null}
	 * @param actor who writes it
	 * @return the new version, or the current one when nothing changed
	 * @throws PassportValidationException if the data is refused
	 * @throws PassportVersionConflictException if {@code expectedVersion} is not current
	 * @throws IllegalArgumentException if there is no such subject
	 */
	public PassportVersion submit(Subject subject, long id, Change change, Integer expectedVersion, String actor) {
		return this.transactions.execute((status) -> {
			this.jdbc.sql("select pg_advisory_xact_lock(:lock, cast(:id as integer))")
				.param("lock", LOCK_NAMESPACE + subject.ordinal())
				.param("id", (int) (id ^ (id >>> 32)))
				.query()
				.singleRow();
			Head head = head(subject, id)
				.orElseThrow(() -> new IllegalArgumentException("There is no " + subject.code() + " with id " + id));
			if (expectedVersion != null && expectedVersion != head.version()) {
				throw new PassportVersionConflictException("The passport of " + subject.code() + " " + id,
						expectedVersion, head.version());
			}
			PassportSchema schema = currentSchema(head.brandId());
			PassportValues data = change.apply(head.data());
			List<FieldError> errors = PassportValidator.check(schema, data, subject.level(), "passport");
			if (!errors.isEmpty()) {
				throw new PassportValidationException("The passport data was refused", errors);
			}
			if (data.equals(head.data()) && head.version() > 0) {
				return version(subject, id, head.version()).orElseThrow();
			}
			byte[] previous = (head.version() > 0) ? version(subject, id, head.version()).orElseThrow().sha256() : null;
			List<PassportValues.Change> changes = data
				.changesSince((head.version() > 0) ? head.data() : PassportValues.empty());
			int version = head.version() + 1;
			this.jdbc.sql("""
					insert into passport_versions (brand_id, subject_kind, subject_id, version, schema_version, data,
						changes, sha256, previous_sha256, actor)
					values (:brandId, :kind, :id, :version, :schemaVersion, cast(:data as jsonb),
						cast(:changes as jsonb), :sha256, :previous, :actor)""")
				.param("brandId", head.brandId())
				.param("kind", subject.code())
				.param("id", id)
				.param("version", version)
				.param("schemaVersion", schema.version())
				.param("data", data.toJson())
				.param("changes", PassportValues.changesJson(changes))
				.param("sha256", data.sha256())
				.param("previous", previous)
				.param("actor", actor)
				.update();
			if (subject == Subject.PRODUCT) {
				this.jdbc.sql("""
						update products set passport = cast(:data as jsonb), passport_version = :version,
							updated_at = now()
						where id = :id""")
					.param("data", data.toJson())
					.param("version", version)
					.param("id", id)
					.update();
			}
			else {
				this.jdbc.sql("""
						insert into passport_heads (subject_kind, subject_id, brand_id, data, version)
						values (:kind, :id, :brandId, cast(:data as jsonb), :version)
						on conflict (subject_kind, subject_id)
						do update set data = excluded.data, version = excluded.version, updated_at = now()""")
					.param("kind", subject.code())
					.param("id", id)
					.param("brandId", head.brandId())
					.param("data", data.toJson())
					.param("version", version)
					.update();
			}
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("version", version);
			details.put("sha256", HexFormat.of().formatHex(data.sha256()));
			details.put("fields", changes.stream().map(PassportValues.Change::field).toList());
			this.audit.record(new AuditEvent(head.brandId(), subject.code(), Long.toString(id), "passport_changed",
					actor, details));
			return version(subject, id, version).orElseThrow();
		});
	}

	/**
	 * A batch's or unit's current passport data.
	 * @param subject {@link Subject#BATCH} or {@link Subject#TOKEN}
	 * @param id the batch or token id
	 * @return its data and version (version 0 and no data when none was written)
	 */
	public Current current(Subject subject, long id) {
		if (subject == Subject.PRODUCT) {
			throw new IllegalArgumentException("A product's current data is on the product");
		}
		return this.jdbc.sql("select data, version from passport_heads where subject_kind = :kind and subject_id = :id")
			.param("kind", subject.code())
			.param("id", id)
			.query((row, n) -> new Current(PassportValues.parse(row.getString("data")), row.getInt("version")))
			.optional()
			.orElse(new Current(PassportValues.empty(), 0));
	}

	private Optional<Head> head(Subject subject, long id) {
		return switch (subject) {
			case PRODUCT -> this.jdbc.sql("select brand_id, passport, passport_version from products where id = :id")
				.param("id", id)
				.query((row, n) -> new Head(row.getLong("brand_id"), PassportValues.parse(row.getString("passport")),
						row.getInt("passport_version")))
				.optional();
			case BATCH,
					TOKEN ->
				this.jdbc
					.sql("""
							select b.brand_id, h.data, coalesce(h.version, 0) as version
							from %s
							left join passport_heads h on h.subject_kind = :kind and h.subject_id = :id
							where %s.id = :id""".formatted(
							(subject == Subject.BATCH) ? "mint_batches b"
									: "tokens t join mint_batches b on b.id = t.batch_id",
							(subject == Subject.BATCH) ? "b" : "t"))
					.param("kind", subject.code())
					.param("id", id)
					.query((row, n) -> new Head(row.getLong("brand_id"),
							(row.getString("data") != null) ? PassportValues.parse(row.getString("data"))
									: PassportValues.empty(),
							row.getInt("version")))
					.optional();
		};
	}

	/**
	 * One version of a product's passport.
	 * @param productId the product
	 * @param version the version number
	 * @return the version, or empty
	 */
	public Optional<PassportVersion> version(long productId, int version) {
		return version(Subject.PRODUCT, productId, version);
	}

	/**
	 * One version of a subject's passport data.
	 * @param subject the kind of subject
	 * @param id its id
	 * @param version the version number
	 * @return the version, or empty
	 */
	public Optional<PassportVersion> version(Subject subject, long id, int version) {
		return this.jdbc.sql("""
				select %s from passport_versions
				where subject_kind = :kind and subject_id = :id and version = :version""".formatted(VERSION_COLUMNS))
			.param("kind", subject.code())
			.param("id", id)
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
		return versions(Subject.PRODUCT, productId, before, limit);
	}

	/**
	 * A subject's versions, newest first.
	 * @param subject the kind of subject
	 * @param id its id
	 * @param before only versions below this number
	 * @param limit the most versions to return
	 * @return the versions
	 */
	public List<PassportVersion> versions(Subject subject, long id, int before, int limit) {
		return this.jdbc.sql("""
				select %s from passport_versions
				where subject_kind = :kind and subject_id = :id and version < :before
				order by version desc limit :limit""".formatted(VERSION_COLUMNS))
			.param("kind", subject.code())
			.param("id", id)
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

	/**
	 * What passport data is about: a product (model-level data), a mint batch
	 * (batch-level data) or a unit (item-level data).
	 */
	public enum Subject {

		/** A product: its model-level data. */
		PRODUCT(DataLevel.MODEL),

		/** A mint batch: its batch-level data. */
		BATCH(DataLevel.BATCH),

		/** A unit (token): its item-level data. */
		TOKEN(DataLevel.ITEM);

		private final DataLevel level;

		Subject(DataLevel level) {
			this.level = level;
		}

		/** The level of the data it holds. */
		public DataLevel level() {
			return this.level;
		}

		/** Its {@code passport_versions.subject_kind}. */
		public String code() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

	/**
	 * A batch's or unit's current passport data.
	 *
	 * @param data the data
	 * @param version its version, 0 when none was written
	 */
	public record Current(PassportValues data, int version) {

	}

}
