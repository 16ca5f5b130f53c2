package io.dppmint.core.registry;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.dppmint.core.audit.AuditEvent;
import io.dppmint.core.audit.AuditLog;
import io.dppmint.core.text.PlainText;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The registration state of minted batches ({@code registry_registrations}), and its one
 * way of changing: {@link #submit}, {@link #register} and {@link #reject} each check the
 * batch (it exists and is minted), the value and the transition, then write the state and
 * an audit event in one transaction; a refused change ({@link RegistryException}) writes
 * nothing. Changes of one batch take turns (its batch row is locked).
 * <p>
 * Transitions: not submitted, submitted or rejected → submitted; submitted or rejected →
 * registered; submitted or registered → rejected. A registered batch keeps its
 * registration identifier: recording the same one again changes nothing, another one is a
 * conflict until the batch goes through rejected. A rejection clears the identifier.
 */
public class JdbcRegistryRegistrations {

	/** The longest registration identifier. */
	public static final int MAX_IDENTIFIER_LENGTH = 200;

	/** The longest rejection reason. */
	public static final int MAX_REASON_LENGTH = 1000;

	private static final String COLUMNS = """
			batch_id, brand_id, state, registration_identifier, rejection_reason, submission_sha256, recorded_by,
			updated_at""";

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final AuditLog audit;

	public JdbcRegistryRegistrations(JdbcClient jdbc, TransactionTemplate transactions, AuditLog audit) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.audit = audit;
	}

	/**
	 * A batch's registration state.
	 * @param batchId the batch, which must exist
	 * @param brandId its brand
	 * @return its state, {@link RegistryState#NOT_SUBMITTED} when nothing was recorded
	 */
	public RegistryRegistration find(long batchId, long brandId) {
		return this.jdbc.sql("select %s from registry_registrations where batch_id = :batchId".formatted(COLUMNS))
			.param("batchId", batchId)
			.query(JdbcRegistryRegistrations::registration)
			.optional()
			.orElseGet(() -> RegistryRegistration.notSubmitted(batchId, brandId));
	}

	/**
	 * The states of some batches, for a list of them.
	 * @param batchIds the batches
	 * @return each batch's state ({@link RegistryState#NOT_SUBMITTED} for those without a
	 * row)
	 */
	public Map<Long, RegistryState> states(Collection<Long> batchIds) {
		Map<Long, RegistryState> states = new HashMap<>();
		batchIds.forEach((id) -> states.put(id, RegistryState.NOT_SUBMITTED));
		if (!batchIds.isEmpty()) {
			this.jdbc.sql("select batch_id, state from registry_registrations where batch_id in (:ids)")
				.param("ids", List.copyOf(batchIds))
				.query((row) -> {
					states.put(row.getLong("batch_id"), RegistryState.of(row.getString("state")));
				});
		}
		return states;
	}

	/**
	 * Record that the batch's registry file was uploaded.
	 * @param batchId the batch
	 * @param submissionSha256 the SHA-256 of the uploaded {@code submission.json}
	 * @param actor who records it
	 * @return the new state
	 * @throws RegistryException if the batch is not minted or already registered
	 */
	public RegistryRegistration submit(long batchId, byte[] submissionSha256, String actor) {
		if (submissionSha256 == null || submissionSha256.length != 32) {
			throw new IllegalArgumentException("A submission's SHA-256 has 32 bytes");
		}
		return change(batchId, actor, (current) -> {
			if (current.state() == RegistryState.REGISTERED) {
				throw RegistryException.conflict("ALREADY_REGISTERED",
						"Batch " + batchId + " is registered as " + current.registrationIdentifier()
								+ ": record a rejection first if the registry withdrew that registration");
			}
			return new Change(RegistryState.SUBMITTED, null, null, submissionSha256, "registry_submitted",
					Map.of("submissionSha256", HexFormat.of().formatHex(submissionSha256)));
		});
	}

	/**
	 * Record the registration identifier the registry returned.
	 * @param batchId the batch
	 * @param registrationIdentifier 1 to {@value #MAX_IDENTIFIER_LENGTH} characters
	 * without control characters (surrounding spaces are dropped)
	 * @param actor who records it
	 * @return the new state (unchanged when the batch is already registered with this
	 * identifier)
	 * @throws RegistryException if the identifier is invalid or used by another batch of
	 * the brand, the batch is not minted or not submitted, or it is registered with
	 * another identifier
	 */
	public RegistryRegistration register(long batchId, String registrationIdentifier, String actor) {
		String identifier = text("registrationIdentifier", "a registration identifier", registrationIdentifier,
				MAX_IDENTIFIER_LENGTH, false);
		return change(batchId, actor, (current) -> {
			switch (current.state()) {
				case NOT_SUBMITTED -> throw RegistryException.conflict("NOT_SUBMITTED",
						"Batch " + batchId + " is not submitted: upload its registry file and mark it submitted first");
				case REGISTERED -> {
					if (current.registrationIdentifier().equals(identifier)) {
						return null;
					}
					throw RegistryException.conflict("ALREADY_REGISTERED",
							"Batch " + batchId + " is registered as " + current.registrationIdentifier()
									+ ": record a rejection first to replace that registration identifier");
				}
				default -> {
				}
			}
			Long other = this.jdbc.sql("""
					select batch_id from registry_registrations
					where brand_id = :brandId and registration_identifier = :identifier and batch_id <> :batchId""")
				.param("brandId", current.brandId())
				.param("identifier", identifier)
				.param("batchId", batchId)
				.query(Long.class)
				.optional()
				.orElse(null);
			if (other != null) {
				throw RegistryException.invalid("registrationIdentifier", "REGISTRATION_IDENTIFIER_IN_USE",
						"Registration identifier " + identifier + " is already recorded for batch " + other);
			}
			return new Change(RegistryState.REGISTERED, identifier, null, current.submissionSha256(),
					"registry_registered", Map.of("registrationIdentifier", identifier));
		});
	}

	/**
	 * Record that the registry refused the batch's submission (or withdrew its
	 * registration).
	 * @param batchId the batch
	 * @param reason 1 to {@value #MAX_REASON_LENGTH} characters, line breaks allowed
	 * @param actor who records it
	 * @return the new state
	 * @throws RegistryException if the reason is invalid, or the batch is not minted or
	 * not submitted
	 */
	public RegistryRegistration reject(long batchId, String reason, String actor) {
		String text = text("reason", "a rejection reason", reason, MAX_REASON_LENGTH, true);
		return change(batchId, actor, (current) -> {
			if (current.state() == RegistryState.NOT_SUBMITTED) {
				throw RegistryException.conflict("NOT_SUBMITTED",
						"Batch " + batchId + " is not submitted: there is nothing the registry could reject");
			}
			if (current.state() == RegistryState.REJECTED && text.equals(current.rejectionReason())) {
				return null;
			}
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("reason", text);
			if (current.registrationIdentifier() != null) {
				details.put("withdrawnRegistrationIdentifier", current.registrationIdentifier());
			}
			return new Change(RegistryState.REJECTED, null, text, current.submissionSha256(), "registry_rejected",
					details);
		});
	}

	private RegistryRegistration change(long batchId, String actor, Transition transition) {
		try {
			return this.transactions.execute((status) -> changeInTransaction(batchId, actor, transition));
		}
		catch (DuplicateKeyException ex) {
			// Another batch of the brand recorded the same identifier concurrently.
			throw RegistryException.invalid("registrationIdentifier", "REGISTRATION_IDENTIFIER_IN_USE",
					"This registration identifier was just recorded for another batch of the brand");
		}
	}

	private RegistryRegistration changeInTransaction(long batchId, String actor, Transition transition) {
		BatchRow batch = this.jdbc
			.sql("select brand_id, status from mint_batches where id = :batchId for no key update")
			.param("batchId", batchId)
			.query((row, n) -> new BatchRow(row.getLong("brand_id"), row.getString("status")))
			.optional()
			.orElseThrow(() -> RegistryException.conflict("NO_SUCH_BATCH", "There is no batch " + batchId));
		if (!"minted".equals(batch.status())) {
			throw notMinted(batchId, batch.status());
		}
		RegistryRegistration current = find(batchId, batch.brandId());
		Change change = transition.apply(current);
		if (change == null) {
			return current;
		}
		this.jdbc.sql("""
				insert into registry_registrations (batch_id, brand_id, state, registration_identifier,
					rejection_reason, submission_sha256, recorded_by)
				values (:batchId, :brandId, :state, :identifier, :reason, :sha256, :actor)
				on conflict (batch_id) do update set state = excluded.state,
					registration_identifier = excluded.registration_identifier,
					rejection_reason = excluded.rejection_reason, submission_sha256 = excluded.submission_sha256,
					recorded_by = excluded.recorded_by, updated_at = now()""")
			.param("batchId", batchId)
			.param("brandId", batch.brandId())
			.param("state", change.state().value())
			.param("identifier", change.identifier())
			.param("reason", change.reason())
			.param("sha256", change.sha256())
			.param("actor", actor)
			.update();
		Map<String, Object> details = new LinkedHashMap<>(change.details());
		details.put("from", current.state().value());
		this.audit
			.record(new AuditEvent(batch.brandId(), "batch", Long.toString(batchId), change.action(), actor, details));
		return find(batchId, batch.brandId());
	}

	/**
	 * The refusal for a batch that is not minted (only minted units exist to register).
	 * @param batchId the batch
	 * @param status its status
	 * @return the exception
	 */
	static RegistryException notMinted(long batchId, String status) {
		return RegistryException.conflict("BATCH_NOT_MINTED", "Batch " + batchId + " is " + status
				+ ": only a minted batch is registered (its units must all exist)");
	}

	private static String text(String field, String what, String value, int maxLength, boolean multiLine) {
		String text = (value != null) ? value.strip() : "";
		String code = field.equals("reason") ? "INVALID_REASON" : "INVALID_REGISTRATION_IDENTIFIER";
		if (text.isEmpty()) {
			throw RegistryException.invalid(field, code, capitalised(what) + " is required");
		}
		if (text.length() > maxLength) {
			throw RegistryException.invalid(field, code,
					capitalised(what) + " has at most " + maxLength + " characters, not " + text.length());
		}
		if (multiLine ? !PlainText.isMultiLine(text) : !PlainText.isSingleLine(text)) {
			throw RegistryException.invalid(field, code, capitalised(what) + " cannot hold control characters"
					+ (multiLine ? " other than line breaks" : ""));
		}
		return text;
	}

	private static String capitalised(String text) {
		return Character.toUpperCase(text.charAt(0)) + text.substring(1);
	}

	private static RegistryRegistration registration(ResultSet row, int rowNum) throws SQLException {
		Timestamp updatedAt = row.getTimestamp("updated_at");
		return new RegistryRegistration(row.getLong("batch_id"), row.getLong("brand_id"),
				RegistryState.of(row.getString("state")), row.getString("registration_identifier"),
				row.getString("rejection_reason"), row.getBytes("submission_sha256"), row.getString("recorded_by"),
				updatedAt.toInstant());
	}

	@FunctionalInterface
	private interface Transition {

		/** The change from {@code current}, or {@code null} for none. */
		Change apply(RegistryRegistration current);

	}

	private record Change(RegistryState state, String identifier, String reason, byte[] sha256, String action,
			Map<String, Object> details) {
	}

	private record BatchRow(long brandId, String status) {
	}

}
