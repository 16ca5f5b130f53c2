package io.dppmint.console;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.dppmint.console.Http.Response;
import io.dppmint.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Login throttling over real HTTP, behind a proxy that names each client in
 * {@code X-Forwarded-For} (so every test is its own set of addresses), with small limits:
 * 3 failures per user name, 5 per address.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "dpp.console.registration-password=" + ApiTestSupport.REGISTRATION_PASSWORD,
				"server.forward-headers-strategy=native", "dpp.console.login.user-limit=3",
				"dpp.console.login.address-limit=5" })
class LoginThrottleIntegrationTests extends ApiTestSupport {

	private final JdbcClient owner = JdbcClient.create(TestPostgres.get().dataSource());

	@Test
	void refusesAUserNameAfterRepeatedFailuresEvenWithTheRightPasswordFromElsewhere() {
		Tenant tenant = tenant();
		Map<String, String> attacker = from(address());
		for (int i = 0; i < 3; i++) {
			assertThat(anonymous().logIn(tenant.owner(), "guess-" + i, attacker).header("Location"))
				.endsWith("/login?error");
		}

		Response owner = anonymous().logIn(tenant.owner(), tenant.password(), from(address()));
		Response viewerFromTheSameAddress = anonymous().logIn(tenant.viewer(), tenant.password(), attacker);

		assertThat(owner.header("Location")).endsWith("/login?throttled");
		assertThat(viewerFromTheSameAddress.header("Location")).endsWith("/mint");
	}

	@Test
	void refusesAnAddressAfterFailuresAcrossUserNames() {
		Tenant tenant = tenant();
		Map<String, String> sprayer = from(address());
		for (int i = 0; i < 5; i++) {
			anonymous().logIn("user-" + i + "-" + tenant.brand().code(), "password", sprayer);
		}

		Response fromThere = anonymous().logIn(tenant.owner(), tenant.password(), sprayer);
		Response fromElsewhere = anonymous().logIn(tenant.owner(), tenant.password(), from(address()));

		assertThat(fromThere.header("Location")).endsWith("/login?throttled");
		assertThat(fromElsewhere.header("Location")).endsWith("/mint");
	}

	@Test
	void forgetsAUserNamesFailuresWhenItLogsIn() {
		Tenant tenant = tenant();
		Map<String, String> client = from(address());
		anonymous().logIn(tenant.owner(), "typo", client);
		anonymous().logIn(tenant.owner(), "typo", client);
		anonymous().logIn(tenant.owner(), tenant.password(), client);

		anonymous().logIn(tenant.owner(), "typo", from(address()));
		anonymous().logIn(tenant.owner(), "typo", from(address()));
		Response again = anonymous().logIn(tenant.owner(), tenant.password(), from(address()));

		assertThat(again.header("Location")).endsWith("/mint");
	}

	@Test
	void storesNeitherUserNamesNorAddresses() {
		Tenant tenant = tenant();
		String address = address();
		anonymous().logIn(tenant.owner(), "wrong", from(address));

		assertThat(this.owner.sql("select subject from login_throttle").query(String.class).list()).isNotEmpty()
			.allSatisfy((subject) -> assertThat(subject).matches("(user|address):[0-9a-f]{64}")
				.doesNotContain(tenant.owner())
				.doesNotContain(address));
	}

	private static Map<String, String> from(String address) {
		return Map.of("X-Forwarded-For", address);
	}

	/** An address of the documentation range 198.18.0.0/15, different every time. */
	private static String address() {
		int n = ThreadLocalRandom.current().nextInt(1 << 17);
		return "198." + (18 + (n >> 16)) + "." + ((n >> 8) & 0xff) + "." + (n & 0xff);
	}

}
