package io.dppmint.core.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Stream;

import javax.sql.DataSource;

import io.dppmint.core.audit.AuditEvent;
import io.dppmint.core.catalog.ErpProductionRun;
import io.dppmint.core.catalog.Product;
import io.dppmint.core.catalog.ProductionRun;
import io.dppmint.core.export.ExportSubmission;
import io.dppmint.core.fixtures.Fixtures;
import io.dppmint.core.identifier.IdentifierScheme;
import io.dppmint.core.minting.MintBatch;
import io.dppmint.core.tenancy.BrandScope;
import io.dppmint.core.token.JdbcTokenRepository;
import io.dppmint.core.token.TokenActivation;
import io.dppmint.core.token.TokenRevocation;
import io.dppmint.core.token.TokenToActivate;
import io.dppmint.testsupport.TestPostgres;
import io.dppmint.testsupport.TestSecrets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.jdbc.core.simple.JdbcClient;

import static io.dppmint.core.fixtures.Fixtures.aMintRequest;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each app's database role (V18) on the real PostgreSQL: it can do its own work through
 * the core's own services and statements, and every statement outside its work fails with
 * a permission error ({@code 42501}), schema and trigger changes included.
 */
class DatabaseRolesIntegrationTests {

	private static final String RESOLVER = "dpp_resolver";

	private static final String CONSOLE = "dpp_console";

	private static final String MINT = "dpp_mint";

	private static final String EXPORT = "dpp_export";

	private final Fixtures owner = Fixtures.onTestPostgres();

	@Test
	void namesTheRolesTheMigrationCreates() {
		assertThat(Arrays.stream(AppRole.values()).map(AppRole::roleName))
			.containsExactlyInAnyOrderElementsOf(TestPostgres.APP_ROLES);
		assertThat(this.owner.jdbc()
			.sql("select rolname from pg_roles where rolname in (:roles) and not rolsuper and not rolcreaterole"
					+ " and not rolcreatedb and not rolbypassrls")
			.param("roles", TestPostgres.APP_ROLES)
			.query(String.class)
			.list()).containsExactlyInAnyOrderElementsOf(TestPostgres.APP_ROLES);
	}

	@Test
	void theResolverActivatesATokenAndRecordsItsScanAndAuditEvent() {
		Product product = this.owner.aProduct().create();
		MintBatch batch = this.owner.aMintedBatch(product).firstScan().quantity(3).create();
		DataSource resolver = as(RESOLVER);
		Fixtures app = Fixtures.on(resolver);

		boolean activated = new TokenActivation(new JdbcTokenRepository(app.jdbc()), app.counters(), app.auditLog(),
				app.transactions())
			.activate(new TokenToActivate(batch.firstTokenId(), batch.id(), product.brandId(), "ID", Instant.now()),
					"scan");
		app.jdbc()
			.sql("insert into scan_events (scanned_at, token_id, identifier) values (now(), :token, 'ID')")
			.param("token", batch.firstTokenId())
			.update();

		assertThat(activated).isTrue();
		assertThat(status(batch.firstTokenId())).isOne();
	}

	@Test
	void theConsoleRunsTheIntakeRevokesAndRequestsExports() {
		Product product = this.owner.aProduct().create();
		MintBatch minted = this.owner.aMintedBatch(product).quantity(2).create();
		Fixtures console = Fixtures.on(as(CONSOLE));

		ProductionRun run = console.productionRuns()
			.sync(new ErpProductionRun(product.brandId(), product.id(), "ERP-ROLE", 100));
		MintBatch queued = console.intake()
			.submit(aMintRequest(product).productionRunId(run.id()).quantity(10).build(), "owner")
			.batch();
		boolean restarted = console.batches().requestRestart(queued.id());
		ExportSubmission export = console.exportIntake().request(minted.id(), product.brandId(), "owner");
		new TokenRevocation(new JdbcTokenRepository(console.jdbc()), console.counters(), console.auditLog(),
				new IdentifierScheme(Base64.getDecoder().decode(TestSecrets.IDENTIFIER_KEY)), console.transactions())
			.revoke(BrandScope.of(product.brandId()), minted.firstTokenId(), "counterfeit", "owner");
		console.auditLog().record(new AuditEvent(product.brandId(), "batch", "x", "viewed", "owner", Map.of()));

		assertThat(queued.quantity()).isEqualTo(10);
		assertThat(restarted).isFalse();
		assertThat(export.export().batchId()).isEqualTo(minted.id());
		assertThat(status(minted.firstTokenId())).isEqualTo(2);
	}

	@Test
	void mintJobsMintAndSealAsTheirRole() {
		Product product = this.owner.aProduct().create();
		Fixtures mint = Fixtures.on(as(MINT));

		MintBatch batch = mint.aMintedBatch(product).quantity(5).create();

		assertThat(batch.mintedCount()).isEqualTo(5);
		assertThat(this.owner.tokensInRange(batch.firstTokenId(), 5)).isEqualTo(5);
	}

	@Test
	void exportJobsLeaseAnExportAndRecordItsCompletion() {
		Product product = this.owner.aProduct().create();
		MintBatch batch = this.owner.aMintedBatch(product).quantity(2).create();
		Fixtures export = Fixtures.on(as(EXPORT));

		ExportSubmission submission = export.exportIntake().request(batch.id(), product.brandId(), "command line");
		assertThat(export.exports().acquireLease(submission.export().id(), "worker-1", Duration.ofMinutes(1)))
			.isPresent();
		long tokens = export.jdbc()
			.sql("select count(*) from tokens where id >= :first and id < :end")
			.param("first", batch.firstTokenId())
			.param("end", batch.firstTokenId() + 2)
			.query(Long.class)
			.single();
		export.counters().exportCompleted(product.brandId());

		assertThat(tokens).isEqualTo(2);
	}

	static Stream<Arguments> forbidden() {
		return Stream.of(
				// The internet-facing resolver: no secrets, sessions, users or keys; no
				// token change but activation; nothing of the audit chain but new events.
				refused(RESOLVER, "select * from api_keys"), refused(RESOLVER, "select * from spring_session"),
				refused(RESOLVER, "select * from console_users"), refused(RESOLVER, "select * from login_throttle"),
				refused(RESOLVER,
						"insert into api_keys (brand_id, name, key_prefix, key_hash) values (1, 'x', 'y', 'z')"),
				refused(RESOLVER, "update tokens set batch_id = batch_id"),
				refused(RESOLVER, "delete from tokens where id = -1"),
				refused(RESOLVER, "insert into tokens (id, batch_id, status) values (-1, -1, 1)"),
				refused(RESOLVER, "update audit_events set chain_seq = null where id = -1"),
				refused(RESOLVER, "update audit_chain_head set chain_seq = 0"),
				refused(RESOLVER, "update brand_counters set tokens_minted = 0 where brand_id = -1"),
				refused(RESOLVER, "update mint_batches set status = 'failed' where id = -1"),
				refused(RESOLVER, "select * from export_packs"), refused(RESOLVER, "select * from scan_events"),
				refused(RESOLVER,
						"insert into brands (code, name, gtin_required, resolver_base_url) "
								+ "values ('x', 'x', false, 'https://x')"),
				// The console: tokens only through revocation, no scans, no sealing.
				refused(CONSOLE, "update tokens set activated_at = now() where id = -1"),
				refused(CONSOLE, "update tokens set batch_id = batch_id where id = -1"),
				refused(CONSOLE, "insert into tokens (id, batch_id, status) values (-1, -1, 1)"),
				refused(CONSOLE, "delete from tokens where id = -1"), refused(CONSOLE, "select * from scan_events"),
				refused(CONSOLE, "update audit_events set chain_seq = null where id = -1"),
				refused(CONSOLE, "update audit_chain_head set chain_seq = 0"),
				refused(CONSOLE, "update console_users set role = 'operator' where id = -1"),
				refused(CONSOLE, "delete from api_keys where id = -1"),
				refused(CONSOLE, "update mint_batches set minted_count = 0 where id = -1"),
				refused(CONSOLE, "select * from int_channel_message"),
				// Registry states change, never disappear (the audit trail tells how).
				refused(CONSOLE, "delete from registry_registrations where batch_id = -1"),
				refused(CONSOLE, "update registry_registrations set brand_id = -1 where batch_id = -1"),
				refused(RESOLVER, "select * from registry_registrations"),
				refused(MINT, "select * from registry_registrations"),
				refused(EXPORT, "update registry_registrations set state = 'registered' where batch_id = -1"),
				// mint-jobs: tokens are inserted, never read or changed; no console data.
				refused(MINT, "select count(*) from tokens"),
				refused(MINT, "update tokens set status = 1 where id = -1"),
				refused(MINT, "select * from console_users"), refused(MINT, "select * from spring_session"),
				refused(MINT, "select * from api_keys"), refused(MINT, "select * from scan_events"),
				refused(MINT, "delete from mint_batches where id = -1"),
				refused(MINT, "update exports set status = 'failed' where id = -1"),
				// export-jobs: reads tokens, changes none; no console data, no sealing.
				refused(EXPORT, "update tokens set status = 2 where id = -1"),
				refused(EXPORT, "insert into tokens (id, batch_id, status) values (-1, -1, 1)"),
				refused(EXPORT, "update mint_batches set status = 'failed' where id = -1"),
				refused(EXPORT, "select * from console_users"), refused(EXPORT, "select * from api_keys"),
				refused(EXPORT, "delete from export_packs where export_id = -1"),
				refused(EXPORT, "update audit_events set chain_seq = null where id = -1"));
	}

	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("forbidden")
	void refusesWhatIsNotTheAppsWorkWithAPermissionError(String role, String sql) {
		assertThat(sqlState(role, sql)).isEqualTo("42501");
	}

	static Stream<Arguments> schemaChanges() {
		return TestPostgres.APP_ROLES.stream()
			.flatMap((role) -> Stream.of(refused(role, "create table intruder (x int)"),
					refused(role, "alter table tokens add column intruder int"),
					refused(role, "drop trigger audit_events_append_only_trg on audit_events"),
					refused(role, "alter table audit_events disable trigger user"),
					refused(role, "drop trigger tokens_status_moves_forward_trg on tokens"),
					refused(role, "truncate audit_events"), refused(role, "truncate tokens"),
					refused(role, "drop table scan_events"),
					refused(role, "create function intruder() returns int language sql as 'select 1'"),
					refused(role, "alter table console_users owner to " + role)));
	}

	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("schemaChanges")
	void letsNoAppChangeTheSchemaOrItsTriggers(String role, String sql) {
		assertThat(sqlState(role, sql)).isEqualTo("42501");
	}

	@Test
	void letsTheResolverOnlyActivateAndTheConsoleOnlyRevoke() {
		Product product = this.owner.aProduct().create();
		MintBatch firstScan = this.owner.aMintedBatch(product).firstScan().quantity(3).create();
		long minted = firstScan.firstTokenId();

		String consoleActivates = sqlState(CONSOLE, "update tokens set status = 1 where id = " + minted);
		String resolverRevokes = sqlState(RESOLVER, "update tokens set status = 2 where id = " + minted);
		JdbcClient.create(as(CONSOLE)).sql("update tokens set status = 2 where id = " + (minted + 1)).update();
		String resolverUnrevokes = sqlState(RESOLVER,
				"update tokens set status = 1, activated_at = now() where id = " + (minted + 1));
		String ownerUnrevokes = sqlState(null, "update tokens set status = 0 where id = " + (minted + 1));

		assertThat(consoleActivates).isEqualTo("42501");
		assertThat(resolverRevokes).isEqualTo("42501");
		assertThat(resolverUnrevokes).as("revocation is final").isEqualTo("23514");
		assertThat(ownerUnrevokes).as("even for the owner").isEqualTo("23514");
		assertThat(status(minted)).isZero();
		assertThat(status(minted + 1)).isEqualTo(2);
	}

	private static Arguments refused(String role, String sql) {
		return Arguments.of(role, sql);
	}

	private static DataSource as(String role) {
		return TestPostgres.get().dataSourceAs(role);
	}

	/**
	 * The SQL state {@code sql} fails with as {@code role} (the owner for null), rolled
	 * back.
	 */
	private static String sqlState(String role, String sql) {
		DataSource dataSource = (role != null) ? as(role) : TestPostgres.get().dataSource();
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			connection.setAutoCommit(false);
			try {
				statement.execute(sql);
				return "00000";
			}
			catch (SQLException ex) {
				return ex.getSQLState();
			}
			finally {
				connection.rollback();
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private int status(long token) {
		return this.owner.jdbc()
			.sql("select status from tokens where id = :id")
			.param("id", token)
			.query(Integer.class)
			.single();
	}

}
