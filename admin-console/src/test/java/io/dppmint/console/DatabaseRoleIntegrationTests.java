package io.dppmint.console;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static io.dppmint.testsupport.DatabasePermissions.assertEachFailsWithAPermissionError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console connected as its own database role ({@code dpp_console}), as deployed
 * (every test of this module runs so): it touches tokens only by revoking them (never
 * activates, inserts or deletes one), reads no scans and never seals the audit chain;
 * anything outside its work fails with a permission error.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "dpp.console.registration-password=" + ApiTestSupport.REGISTRATION_PASSWORD)
class DatabaseRoleIntegrationTests {

	@Autowired
	JdbcClient jdbc;

	@Test
	void connectsAsItsOwnRole() {
		assertThat(this.jdbc.sql("select current_user").query(String.class).single()).isEqualTo("dpp_console");
	}

	@Test
	void failsWithAPermissionErrorOutsideItsWork() {
		assertEachFailsWithAPermissionError(this.jdbc, "update tokens set activated_at = now() where id = -1",
				"insert into tokens (id, batch_id, status) values (-1, -1, 1)", "delete from tokens where id = -1",
				"select * from scan_events", "update audit_events set hash = null where id = -1",
				"update console_users set role = 'operator' where id = -1", "truncate login_throttle",
				"alter table tokens disable trigger user");
	}

}
