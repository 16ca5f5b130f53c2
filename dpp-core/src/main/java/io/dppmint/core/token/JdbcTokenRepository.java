package io.dppmint.core.token;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;

import io.dppmint.core.epcis.EpcisEventLog;
import io.dppmint.core.tenancy.BrandScope;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The statements that change a token's status, and the one that selects tokens by status:
 * the one class whose SQL spells {@link TokenStatus} codes out (written from the enum
 * when the class loads, so the planner sees constants, as the partial index of revoked
 * tokens needs); any other SQL binds {@link TokenStatus#code()}. Status changes are
 * guarded updates ({@code where status = ...}), so concurrent callers cannot both make
 * the same change; each reports what it changed. Everything runs in the caller's
 * transaction: {@link TokenActivation} and {@link TokenRevocation} own the transactions
 * and update counters and the audit log with them.
 * <p>
 * The mint job writes token rows with {@link TokenCopy}; the apps read tokens by primary
 * key (or key ranges) in their own hot paths.
 */
public class JdbcTokenRepository {

	/**
	 * The numbers of all revoked tokens, read through the partial index of revoked tokens
	 * (whose predicate is this literal status).
	 */
	public static final String REVOKED_TOKEN_NUMBERS = "select id from tokens where status = "
			+ TokenStatus.REVOKED.code();

	private static final String ACTIVATE = """
			update tokens t set status = %d, activated_at = timestamptz 'epoch' + s.scanned_ms * interval '1 millisecond'
			from unnest(:ids::bigint[], :scannedMs::bigint[]) as s(id, scanned_ms)
			where t.id = s.id and t.status = %d
			returning t.id"""
		.formatted(TokenStatus.ACTIVE.code(), TokenStatus.MINTED.code());

	private static final String REVOKE = """
			with previous as (
				select t.id, t.status, b.brand_id from tokens t join mint_batches b on b.id = t.batch_id
				where t.id = :id and (:allBrands or b.brand_id = :brandId)
				for update of t
			)
			update tokens t set status = %d from previous
			where t.id = previous.id and previous.status <> %d
			returning previous.status, previous.brand_id""".formatted(TokenStatus.REVOKED.code(),
			TokenStatus.REVOKED.code());

	private final JdbcClient jdbc;

	private final EpcisEventLog epcisEvents;

	public JdbcTokenRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
		this.epcisEvents = new EpcisEventLog(jdbc);
	}

	/**
	 * Read the numbers of all revoked tokens on a given connection (a resolver's
	 * revocation feed reads them on its listening connection).
	 * @param connection the connection
	 * @param action called with each revoked token's number
	 * @throws SQLException if the query fails
	 */
	public static void forEachRevoked(Connection connection, LongConsumer action) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery(REVOKED_TOKEN_NUMBERS)) {
			while (rs.next()) {
				action.accept(rs.getLong(1));
			}
		}
	}

	/**
	 * Make minted tokens active, in the caller's transaction: one guarded update for all
	 * of them, so a token that is no longer minted (another scan won) is left alone. Each
	 * becomes active as of its first scan ({@code activated_at}), which is earlier than
	 * the commit when the activation waited for the primary.
	 * @param ids token numbers, without duplicates
	 * @param scannedAtMillis when each was scanned, in epoch milliseconds, in the order
	 * of {@code ids}
	 * @return the numbers of the tokens this update activated
	 */
	List<Long> activate(Long[] ids, Long[] scannedAtMillis) {
		return this.jdbc.sql(ACTIVATE).param("ids", ids).param("scannedMs", scannedAtMillis).query(Long.class).list();
	}

	/**
	 * Revoke a token in scope unless it already is, in the caller's transaction: its
	 * status, locked for the change, its revocation row and its EPCIS decommissioning
	 * event.
	 * @param scope the caller's brands
	 * @param id the token number
	 * @param reason why
	 * @param actor who revokes it
	 * @return what was revoked, or empty if the token is not in scope or already revoked
	 */
	Optional<Revoked> revoke(BrandScope scope, long id, String reason, String actor) {
		Optional<Revoked> revoked = this.jdbc.sql(REVOKE)
			.param("id", id)
			.param("allBrands", scope.allBrands())
			.param("brandId", scope.brandId())
			.query((rs, row) -> new Revoked(TokenStatus.ofCode(rs.getInt("status")), rs.getLong("brand_id")))
			.optional();
		if (revoked.isPresent()) {
			this.jdbc.sql("insert into token_revocations (token_id, reason, revoked_by) values (:id, :reason, :actor)")
				.param("id", id)
				.param("reason", reason)
				.param("actor", actor)
				.update();
			this.epcisEvents.recordDecommissioning(id);
		}
		return revoked;
	}

	/**
	 * The status of a token in scope and, if it is revoked, when.
	 * @param scope the caller's brands
	 * @param id the token number
	 * @return the token's state, or empty if it is not in scope (or does not exist)
	 */
	Optional<State> state(BrandScope scope, long id) {
		return this.jdbc.sql("""
				select t.status, v.revoked_at
				from tokens t
				join mint_batches b on b.id = t.batch_id
				left join token_revocations v on v.token_id = t.id
				where t.id = :id and (:allBrands or b.brand_id = :brandId)""")
			.param("id", id)
			.param("allBrands", scope.allBrands())
			.param("brandId", scope.brandId())
			.query((rs, row) -> new State(TokenStatus.ofCode(rs.getInt("status")), instant(rs, "revoked_at")))
			.optional();
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp timestamp = rs.getTimestamp(column);
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	/**
	 * A token just revoked.
	 *
	 * @param previousStatus the status it had
	 * @param brandId its brand
	 */
	record Revoked(TokenStatus previousStatus, long brandId) {
	}

	/**
	 * A token's state.
	 *
	 * @param status its status
	 * @param revokedAt when it was revoked, or {@code null}
	 */
	record State(TokenStatus status, Instant revokedAt) {
	}

}
