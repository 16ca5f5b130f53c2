package io.dppmint.resolver.resolution;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.dppmint.core.catalog.Product;
import io.dppmint.core.minting.ActivationMode;
import io.dppmint.resolver.ResolverFixtures;
import io.dppmint.resolver.ResolverFixtures.Minted;
import io.dppmint.resolver.ResolverTestConfiguration;
import io.dppmint.resolver.ScanHttp;
import io.dppmint.testsupport.SilentProxy;
import io.dppmint.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The revocation feed is a probed LISTEN: when a NAT or proxy drops its connection
 * without a word (a proxy that stops forwarding), the resolver notices within seconds and
 * scans read the token table, so a revocation made meanwhile is answered {@code 410} at
 * once; when the feed listens again, memory answers again, with that revocation loaded.
 * The feed alone goes through the proxy; scans use the pool.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.main.allow-bean-definition-overriding=true")
@Import({ ResolverTestConfiguration.class, RevocationFeedIntegrationTests.ProxiedFeed.class })
class RevocationFeedIntegrationTests {

	private static SilentProxy proxy;

	@LocalServerPort
	int port;

	@Autowired
	ResolverFixtures fixtures;

	@Autowired
	MintedTokenIndex index;

	@AfterAll
	static void closeProxy() throws IOException {
		if (proxy != null) {
			proxy.close();
		}
	}

	@Test
	void aSilentlyDroppedFeedIsNoticedWithinSecondsAndScansReadTheTableUntilItIsBack() throws Exception {
		ScanHttp http = new ScanHttp(this.port);
		Product product = this.fixtures.aGs1Product();
		Minted minted = this.fixtures.mintSerial(product, 3, ActivationMode.ACTIVE);
		String path = this.fixtures.gs1Path(product, minted.token(1));
		await(() -> this.index.live(), Duration.ofSeconds(15));
		assertThat(http.get(this.fixtures.gs1Path(product, minted.token(0))).statusCode()).isEqualTo(307);
		long fromMemory = this.index.answeredFromMemory();
		assertThat(http.get(path).statusCode()).isEqualTo(307);
		assertThat(this.index.answeredFromMemory()).isGreaterThan(fromMemory);

		long cut = System.nanoTime();
		proxy.goSilent();
		await(() -> !this.index.live(), Duration.ofSeconds(10));
		assertThat(Duration.ofNanos(System.nanoTime() - cut)).isLessThan(Duration.ofSeconds(3));
		// The notification of this revocation is lost in the silent connection.
		this.fixtures.revoke(minted.token(1), "Recalled while the feed was cut off");

		assertThat(http.get(path).statusCode()).isEqualTo(410);

		proxy.speakAgain();
		await(() -> this.index.live(), Duration.ofSeconds(30));
		fromMemory = this.index.answeredFromMemory();
		assertThat(http.get(path).statusCode()).isEqualTo(410);
		assertThat(this.index.answeredFromMemory()).isGreaterThan(fromMemory);
	}

	private static void await(java.util.function.BooleanSupplier condition, Duration within)
			throws InterruptedException {
		long deadline = System.nanoTime() + within.toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("waited " + within).isLessThan(deadline);
			Thread.sleep(50);
		}
	}

	/** The resolver's index with its feed connecting through the silent proxy. */
	@TestConfiguration(proxyBeanMethods = false)
	static class ProxiedFeed {

		@Bean
		MintedTokenIndex mintedTokenIndex(Catalogue catalogue) {
			TestPostgres postgres = TestPostgres.get();
			URI target = URI.create(postgres.jdbcUrl().substring("jdbc:".length()));
			try {
				proxy = new SilentProxy(target.getHost(), target.getPort());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			String proxied = "jdbc:postgresql://127.0.0.1:" + proxy.port() + target.getPath()
					+ ((target.getRawQuery() != null) ? "?" + target.getRawQuery() : "");
			JdbcConnectionDetails database = new JdbcConnectionDetails() {

				@Override
				public String getJdbcUrl() {
					return proxied;
				}

				@Override
				public String getUsername() {
					return postgres.username();
				}

				@Override
				public String getPassword() {
					return postgres.password();
				}

			};
			return new MintedTokenIndex(database, catalogue, 1000, 1_000_000, Duration.ofMinutes(5),
					Duration.ofMillis(500), Duration.ofMillis(500));
		}

	}

}
