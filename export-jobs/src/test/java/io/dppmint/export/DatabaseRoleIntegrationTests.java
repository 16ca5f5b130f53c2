package io.dppmint.export;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static io.dppmint.testsupport.DatabasePermissions.assertEachFailsWithAPermissionError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * export-jobs connected as its own database role ({@code dpp_export}), as deployed (every
 * test of this module runs so): it reads tokens and never changes one, and writes only
 * exports and their packs; anything outside its work fails with a permission error.
 */
@SpringBootTest(properties = { "dpp.export.launcher.enabled=false", "server.port=0" })
class DatabaseRoleIntegrationTests {

	@Autowired
	JdbcClient jdbc;

	@Test
	void connectsAsItsOwnRole() {
		assertThat(this.jdbc.sql("select current_user").query(String.class).single()).isEqualTo("dpp_export");
	}

	@Test
	void failsWithAPermissionErrorOutsideItsWork() {
		assertEachFailsWithAPermissionError(this.jdbc, "update tokens set status = 2 where id = -1",
				"insert into tokens (id, batch_id, status) values (-1, -1, 1)",
				"update mint_batches set status = 'failed' where id = -1", "select * from console_users",
				"select * from api_keys", "update audit_events set hash = null where id = -1",
				"drop trigger audit_events_append_only_trg on audit_events", "select wrapped_key from brand_keys",
				"insert into token_signatures values (-1, '\\x00')", "update brand_keys set state = 'revoked'");
	}

}
