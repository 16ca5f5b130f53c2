package io.dppmint.console;

import java.util.List;
import java.util.Map;

import io.dppmint.console.Http.Response;
import io.dppmint.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Console sessions over real HTTP: nobody gets a session (a row in
 * {@code spring_session}) before logging in, and a user's sessions end as soon as the
 * user is disabled or given another role, brand or password, whoever changes the row.
 */
class ConsoleSessionsIntegrationTests extends ApiTestSupport {

	/** The database as an operator at a SQL prompt sees it. */
	private final JdbcClient owner = JdbcClient.create(TestPostgres.get().dataSource());

	@Test
	void createsNoSessionForAnyoneNotLoggedIn() {
		Tenant tenant = tenant();
		long before = sessions();
		Http anonymous = anonymous();

		List<Response> responses = List.of(anonymous.page("/mint"), anonymous.page("/login"),
				anonymous.page("/products?q=x"), anonymous.get("/api/v1/products"), anonymous.get("/actuator/health"),
				anonymous.page("/no-such-page"), anonymous.logIn(tenant.owner(), "wrong password", Map.of()),
				anonymous.logIn("nobody-" + tenant.brand().code(), "wrong password", Map.of()));

		assertThat(responses.get(0).status()).isEqualTo(302);
		assertThat(responses.get(0).header("Location")).endsWith("/login");
		assertThat(responses.get(6).header("Location")).endsWith("/login?error");
		assertThat(responses)
			.allSatisfy((response) -> assertThat(response.headers().getOrDefault("Set-Cookie", List.of()))
				.noneMatch((cookie) -> cookie.startsWith("SESSION=")));
		assertThat(anonymous.cookieNames()).doesNotContain("SESSION");
		assertThat(sessions()).isEqualTo(before);
	}

	@Test
	void takesAUserBackToThePageAskedForBeforeLoggingInWithoutASession() {
		Tenant tenant = tenant();
		Http browser = anonymous();

		browser.page("/products?q=Ready");
		Response login = browser.logIn(tenant.owner(), tenant.password(), Map.of());

		assertThat(login.status()).isEqualTo(302);
		assertThat(login.header("Location")).endsWith("/products?q=Ready");
		assertThat(browser.cookieNames()).contains("SESSION");
	}

	@Test
	void endsTheSessionsOfAUserGivenAnotherRole() {
		Tenant tenant = tenant();
		Http owner = login(tenant.owner(), tenant.password());
		assertThat(owner.get("/api/v1/batches").status()).isEqualTo(200);
		assertThat(sessionsOf(tenant.owner())).isOne();

		this.owner.sql("update console_users set role = 'viewer' where username = ?").param(tenant.owner()).update();

		assertThat(sessionsOf(tenant.owner())).isZero();
		assertThat(owner.get("/api/v1/batches").status()).isEqualTo(401);
		assertThat(owner.page("/mint").header("Location")).endsWith("/login");
	}

	@Test
	void endsTheSessionsOfAUserWhoIsDisabledOrGetsANewPasswordOrBrand() {
		for (String change : List.of("enabled = false", "password_hash = password_hash || 'x'",
				"brand_id = null, role = 'viewer'")) {
			Tenant tenant = tenant();
			Http first = login(tenant.owner(), tenant.password());
			Http second = login(tenant.owner(), tenant.password());
			Http bystander = login(tenant.viewer(), tenant.password());
			assertThat(sessionsOf(tenant.owner())).as(change).isEqualTo(2);

			this.owner.sql("update console_users set " + change + " where username = ?").param(tenant.owner()).update();

			assertThat(sessionsOf(tenant.owner())).as(change).isZero();
			assertThat(first.get("/api/v1/batches").status()).as(change).isEqualTo(401);
			assertThat(second.get("/api/v1/batches").status()).as(change).isEqualTo(401);
			assertThat(bystander.get("/api/v1/batches").status()).as(change).isEqualTo(200);
		}
	}

	@Test
	void keepsTheSessionWhenNothingThatMattersChanges() {
		Tenant tenant = tenant();
		Http owner = login(tenant.owner(), tenant.password());

		this.owner.sql("update console_users set enabled = true where username = ?").param(tenant.owner()).update();

		assertThat(owner.get("/api/v1/batches").status()).isEqualTo(200);
	}

	private long sessions() {
		return this.owner.sql("select count(*) from spring_session").query(Long.class).single();
	}

	private long sessionsOf(String username) {
		return this.owner.sql("select count(*) from spring_session where principal_name = ?")
			.param(username)
			.query(Long.class)
			.single();
	}

}
