package io.dppmint.resolver;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.dppmint.core.catalog.Product;
import io.dppmint.core.minting.ActivationMode;
import io.dppmint.core.nfc.BrandNfcKey;
import io.dppmint.core.nfc.Ntag424Keys;
import io.dppmint.core.nfc.SunUrlTemplate;
import io.dppmint.core.token.TokenStatus;
import io.dppmint.resolver.ResolverFixtures.Minted;
import io.dppmint.testsupport.SimulatedNtag424;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Taps of NTAG 424 DNA tags over real HTTP, against the real PostgreSQL: tags simulated
 * by {@link SimulatedNtag424}, programmed as the key packs say (keys diversified from the
 * brand's master key by token, the resolver URL with SUN placeholders). A tap is genuine
 * once per counter, activates a first-scan token only when genuine, and its verdict
 * reaches the passport through a signed parameter.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(ResolverTestConfiguration.class)
class NfcTapIntegrationTests {

	private static final HexFormat HEX = HexFormat.of();

	@LocalServerPort
	int port;

	@Autowired
	ResolverFixtures fixtures;

	ScanHttp http;

	@BeforeEach
	void client() {
		this.http = new ScanHttp(this.port);
	}

	@Test
	void aGenuineTapActivatesOnceAndThePassportSaysGenuine() {
		Product product = this.fixtures.aNonGs1Product();
		Minted minted = this.fixtures.mintNfc(product, 2, ActivationMode.FIRST_SCAN);
		long token = minted.token(0);
		SimulatedNtag424 tag = tagOf(product, token, "04DE5F1EACC040");
		long activeBefore = this.fixtures.activeTokens(product.brandId());

		String tapped = path(tag.tap());
		HttpResponse<String> first = this.http.get(tapped, "User-Agent", ResolverFixtures.PHONE);
		HttpResponse<String> replayed = this.http.get(tapped, "User-Agent", ResolverFixtures.PHONE);

		assertThat(first.statusCode()).isEqualTo(307);
		String location = first.headers().firstValue("Location").orElseThrow();
		assertThat(location).startsWith("/passport/t/" + this.fixtures.identifier(token) + "?nfc=genuine.1.")
			.doesNotContain("picc_data")
			.doesNotContain("cmac");
		assertThat(this.fixtures.status(token)).isEqualTo(TokenStatus.ACTIVE);
		assertThat(this.fixtures.status(minted.token(1))).isEqualTo(TokenStatus.MINTED);
		assertThat(this.fixtures.activationEvents(token)).isOne();
		assertThat(this.fixtures.activeTokens(product.brandId())).isEqualTo(activeBefore + 1);
		HttpResponse<String> page = this.http.get(location, "User-Agent", ResolverFixtures.PHONE);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Genuine tag").contains("Status: active").doesNotContain("Not genuine");
		HttpResponse<String> json = this.http.get(location, "Accept", "application/json");
		assertThat(json.body()).contains("\"nfc\":{\"verdict\":\"genuine\",\"counter\":1}");

		assertThat(replayed.statusCode()).isEqualTo(307);
		String replayLocation = replayed.headers().firstValue("Location").orElseThrow();
		assertThat(replayLocation).contains("?nfc=not_genuine.1.");
		assertThat(this.http.get(replayLocation).body()).contains("Not genuine").doesNotContain("Genuine tag");
		assertThat(this.fixtures.activationEvents(token)).isOne();
		assertThat(this.fixtures.tagCounters(token)).containsEntry("last_counter", 1)
			.containsEntry("genuine_taps", 1L)
			.containsEntry("rejected_taps", 1L)
			.containsEntry("uid", HEX.parseHex("04DE5F1EACC040"));

		String second = path(tag.tap());
		assertThat(location(second)).contains("?nfc=genuine.2.");
		assertThat(this.fixtures.activationEvents(token)).isOne();
	}

	@Test
	void aLowerCounterATamperedCmacAndAnotherUidAreNotGenuine() {
		Product product = this.fixtures.aNonGs1Product();
		long token = this.fixtures.mintNfc(product, 1, ActivationMode.ACTIVE).token(0);
		SimulatedNtag424 tag = tagOf(product, token, "04958CAA5C5E80");
		String early = path(tag.tap());
		String later = path(tag.tap());
		assertThat(location(later)).contains("nfc=genuine.2.");

		assertThat(location(early)).contains("nfc=not_genuine.1.");
		String tampered = later.substring(0, later.length() - 1) + (later.endsWith("0") ? "1" : "0");
		assertThat(location(tampered)).contains("nfc=not_genuine.-1.");
		SimulatedNtag424 clone = tagOf(product, token, "04000000000001").withCounter(10);
		assertThat(location(path(clone.tap()))).contains("nfc=not_genuine.11.");

		assertThat(this.fixtures.tagCounters(token)).containsEntry("last_counter", 2)
			.containsEntry("genuine_taps", 1L)
			.containsEntry("rejected_taps", 2L);
	}

	@Test
	void aTapOfAGs1UnitIsJudgedOnItsDigitalLinkUpToTheLastCounter() {
		Product product = this.fixtures.aGs1Product();
		long token = this.fixtures.mintNfc(product, 1, ActivationMode.FIRST_SCAN).token(0);
		String path = this.fixtures.gs1Path(product, token);
		SimulatedNtag424 tag = tagOf(product, token, path, "04DE5F1EACC045").withCounter(0xFFFFFE);

		String location = location(path(tag.tap()));

		assertThat(location).startsWith("/passport" + path + "?nfc=genuine.16777215.");
		assertThat(this.fixtures.status(token)).isEqualTo(TokenStatus.ACTIVE);
		assertThat(this.http.get(location).body()).contains("Genuine tag");
		assertThat(this.fixtures.tagCounters(token)).containsEntry("last_counter", 0xFFFFFF);
	}

	@Test
	void anotherTokensTapOnThisPathIsNotGenuineAndActivatesNothing() {
		Product product = this.fixtures.aNonGs1Product();
		Minted minted = this.fixtures.mintNfc(product, 2, ActivationMode.FIRST_SCAN);
		SimulatedNtag424 other = tagOf(product, minted.token(1), "04DE5F1EACC041");
		String otherTap = path(other.tap());
		String query = otherTap.substring(otherTap.indexOf('?'));

		String location = location("/t/" + this.fixtures.identifier(minted.token(0)) + query);

		assertThat(location).contains("nfc=not_genuine.-1.");
		assertThat(this.fixtures.status(minted.token(0))).isEqualTo(TokenStatus.MINTED);
		assertThat(this.fixtures.status(minted.token(1))).isEqualTo(TokenStatus.MINTED);
		assertThat(this.fixtures.tagCounters(minted.token(0))).isEmpty();
	}

	@Test
	void aFirstScanNfcTokenIsNotActivatedByItsUrlWithoutSunParameters() {
		Product product = this.fixtures.aNonGs1Product();
		long token = this.fixtures.mintNfc(product, 1, ActivationMode.FIRST_SCAN).token(0);
		this.fixtures.nfcMasterKey(product.brandId());

		HttpResponse<String> plain = this.http.get("/t/" + this.fixtures.identifier(token), "User-Agent",
				ResolverFixtures.PHONE);

		assertThat(plain.statusCode()).isEqualTo(307);
		assertThat(plain.headers().firstValue("Location")).hasValue("/passport/t/" + this.fixtures.identifier(token));
		assertThat(this.fixtures.status(token)).isEqualTo(TokenStatus.MINTED);
		assertThat(this.fixtures.activationEvents(token)).isZero();
		assertThat(this.http.get("/passport/t/" + this.fixtures.identifier(token)).body()).doesNotContain("Genuine tag")
			.doesNotContain("Not genuine");
	}

	@Test
	void headRobotsAndPreviewsConsumeNeitherTheCounterNorTheActivation() {
		Product product = this.fixtures.aNonGs1Product();
		long token = this.fixtures.mintNfc(product, 1, ActivationMode.FIRST_SCAN).token(0);
		SimulatedNtag424 tag = tagOf(product, token, "04DE5F1EACC042");
		String tapped = path(tag.tap());

		HttpResponse<String> head = this.http.send("HEAD", tapped, "User-Agent", ResolverFixtures.PHONE);
		HttpResponse<String> robot = this.http.get(tapped, "User-Agent", ResolverFixtures.GOOGLEBOT);
		HttpResponse<String> preview = this.http.get(tapped, "User-Agent", "WhatsApp/2.23.20.0 A");
		HttpResponse<String> linkset = this.http.get(tapped, "Accept", "application/linkset+json");

		assertThat(head.statusCode()).isEqualTo(307);
		assertThat(head.headers().firstValue("Location")).hasValue("/passport/t/" + this.fixtures.identifier(token));
		assertThat(robot.headers().firstValue("Location")).hasValue("/passport/t/" + this.fixtures.identifier(token));
		assertThat(preview.statusCode()).isEqualTo(200);
		assertThat(linkset.statusCode()).isEqualTo(200);
		assertThat(this.fixtures.tagCounters(token)).isEmpty();
		assertThat(this.fixtures.status(token)).isEqualTo(TokenStatus.MINTED);

		assertThat(location(tapped)).contains("nfc=genuine.1.");
		assertThat(this.fixtures.status(token)).isEqualTo(TokenStatus.ACTIVE);
	}

	@Test
	void fiftyConcurrentTapsWithOneCounterGiveExactlyOneGenuineAndOneActivation() throws Exception {
		Product product = this.fixtures.aNonGs1Product();
		long token = this.fixtures.mintNfc(product, 1, ActivationMode.FIRST_SCAN).token(0);
		String tapped = path(tagOf(product, token, "04DE5F1EACC043").tap());
		CountDownLatch start = new CountDownLatch(1);
		List<Future<String>> taps = new ArrayList<>();

		try (ExecutorService executor = Executors.newFixedThreadPool(50)) {
			for (int i = 0; i < 50; i++) {
				taps.add(executor.submit(() -> {
					start.await();
					return location(tapped);
				}));
			}
			start.countDown();
			int genuine = 0;
			for (Future<String> tap : taps) {
				genuine += tap.get().contains("nfc=genuine.") ? 1 : 0;
			}
			assertThat(genuine).isOne();
		}

		assertThat(this.fixtures.status(token)).isEqualTo(TokenStatus.ACTIVE);
		assertThat(this.fixtures.activationEvents(token)).isOne();
		assertThat(this.fixtures.tagCounters(token)).containsEntry("genuine_taps", 1L)
			.containsEntry("rejected_taps", 49L);
	}

	@Test
	void aTamperedOrMisplacedVerdictIsRejectedWith400() {
		Product product = this.fixtures.aNonGs1Product();
		Minted minted = this.fixtures.mintNfc(product, 2, ActivationMode.ACTIVE);
		String location = location(path(tagOf(product, minted.token(0), "04DE5F1EACC044").tap()));
		String verdict = location.substring(location.indexOf("nfc=") + 4);
		assertThat(verdict).startsWith("genuine.");
		String forged = location.replace("nfc=genuine.", "nfc=not_genuine.");

		assertThat(this.http.get(location).statusCode()).isEqualTo(200);
		assertThat(this.http.get(forged).statusCode()).isEqualTo(400);
		assertThat(this.http.get("/passport/t/" + this.fixtures.identifier(minted.token(1)) + "?nfc=" + verdict)
			.statusCode()).isEqualTo(400);
		assertThat(
				this.http.get("/passport/t/" + this.fixtures.identifier(minted.token(0)) + "?nfc=genuine").statusCode())
			.isEqualTo(400);
	}

	/** A tag for a token, programmed as the tag programmer does from the key pack. */
	private SimulatedNtag424 tagOf(Product product, long token, String uid) {
		return tagOf(product, token, "/t/" + this.fixtures.identifier(token), uid);
	}

	private SimulatedNtag424 tagOf(Product product, long token, String path, String uid) {
		BrandNfcKey master = this.fixtures.nfcMasterKey(product.brandId());
		Ntag424Keys keys = master.tagKeys(token);
		SunUrlTemplate template = SunUrlTemplate.forResolverUrl("https://dpp.example.org" + path);
		return new SimulatedNtag424(HEX.parseHex(uid), keys.key(0), keys.key(1), keys.key(2), keys.key(3), keys.key(4))
			.program(template.ndefFile(), template.piccDataOffset(), template.sdmMacInputOffset(),
					template.sdmMacOffset());
	}

	private static String path(String url) {
		return url.substring("https://dpp.example.org".length());
	}

	private String location(String path) {
		HttpResponse<String> response = this.http.get(path, "User-Agent", ResolverFixtures.PHONE);
		assertThat(response.statusCode()).as(path).isEqualTo(307);
		return response.headers().firstValue("Location").orElseThrow();
	}

}
