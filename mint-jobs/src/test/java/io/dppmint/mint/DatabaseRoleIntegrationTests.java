package io.dppmint.mint;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static io.dppmint.testsupport.DatabasePermissions.assertEachFailsWithAPermissionError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * mint-jobs connected as its own database role ({@code dpp_mint}), as deployed (every
 * test of this module runs so): it inserts tokens and never reads or changes one, and has
 * no business with the console's users, keys or sessions; anything outside its work fails
 * with a permission error.
 */
@SpringBootTest(properties = { "dpp.mint.launcher.enabled=false", "server.port=0" })
class DatabaseRoleIntegrationTests {

	@Autowired
	JdbcClient jdbc;

	@Test
	void connectsAsItsOwnRole() {
		assertThat(this.jdbc.sql("select current_user").query(String.class).single()).isEqualTo("dpp_mint");
	}

	@Test
	void failsWithAPermissionErrorOutsideItsWork() {
		assertEachFailsWithAPermissionError(this.jdbc, "select count(*) from tokens",
				"update tokens set status = 2 where id = -1", "delete from tokens where id = -1",
				"select * from console_users", "select * from api_keys", "select * from spring_session",
				"delete from audit_events where id = -1", "alter table tokens add column intruder int",
				"select count(*) from token_signatures", "update brand_keys set wrapped_key = null where id = -1",
				"delete from brand_keys where id = -1");
	}

}
