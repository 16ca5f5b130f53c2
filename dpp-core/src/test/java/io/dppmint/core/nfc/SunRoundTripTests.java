package io.dppmint.core.nfc;

import java.net.URI;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import io.dppmint.core.nfc.SunVerification.Invalid;
import io.dppmint.core.nfc.SunVerification.Reason;
import io.dppmint.core.nfc.SunVerification.Valid;
import io.dppmint.testsupport.SimulatedNtag424;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tags programmed from {@link Ntag424Keys} and {@link SunUrlTemplate}, tapped through
 * {@link SimulatedNtag424} (test-support, which computes AES and CMAC on its own), and
 * verified with {@link SunMessage}.
 */
class SunRoundTripTests {

	private static final String RESOLVER_URL = "https://id.example.com/t/X3K9QF2M7T1A";

	private static final long TOKEN = 4_200_001;

	private final SecureRandom random = new SecureRandom();

	private final byte[] master = randomBytes(16);

	private final byte[] uid = HexFormat.of().parseHex("04A1B2C3D4E5F6");

	private final Ntag424Keys keys = Ntag424Keys.forToken(this.master, TOKEN);

	// AN12196 Table 2/4: the simulator, given the UID, counter and random padding of the
	// table, mirrors exactly the table's picc_data and cmac, so it is a faithful tag.
	@Test
	void simulatorReproducesAn12196Table4() {
		byte[] zero = new byte[16];
		SimulatedNtag424 tag = new SimulatedNtag424(HexFormat.of().parseHex("04DE5F1EACC040"), zero, zero, zero, zero,
				zero);
		program(tag, SunUrlTemplate.forResolverUrl(RESOLVER_URL)).withCounter(60);
		Map<String, String> query = query(tag.tap(HexFormat.of().parseHex("DA5CF60941")));
		assertThat(query).containsEntry("picc_data", "EF963FF7828658A599F3041510671E88")
			.containsEntry("cmac", "94EED9EE65337086");
	}

	@Test
	void verifiesAGenuineTapAndReadsItsUidAndCounter() {
		SimulatedNtag424 tag = programmedTag(this.keys);
		String url = tag.tap();
		assertThat(url).startsWith(RESOLVER_URL + "?picc_data=");
		assertThat(verify(url, this.keys)).isEqualTo(new Valid(this.uid, 1));
	}

	@Test
	void verifiesSuccessiveTapsWithRisingCounters() {
		SimulatedNtag424 tag = programmedTag(this.keys);
		for (int counter = 1; counter <= 20; counter++) {
			assertThat(verify(tag.tap(), this.keys)).isEqualTo(new Valid(this.uid, counter));
		}
	}

	@Test
	void theTagSideOfTheTemplateMirrorsWhatASimulatedTagMirrors() {
		SunUrlTemplate template = SunUrlTemplate
			.forResolverUrl("https://id.example.com/01/09506000134352/21/X3K9QF2M7T1A?linkType=all");
		SimulatedNtag424 tag = program(new SimulatedNtag424(this.uid, keysOf(this.keys)), template);
		for (int counter = 1; counter <= 5; counter++) {
			byte[] padding = randomBytes(5);
			String tapped = template.tapped(this.keys, this.uid, counter, padding);
			assertThat(tapped).isEqualTo(tag.tap(padding));
			assertThat(verify(tapped, this.keys)).isEqualTo(new Valid(this.uid, counter));
		}
		assertThat(verify(template.tapped(this.keys, this.uid, 0xFFFFFF, randomBytes(5)), this.keys))
			.isEqualTo(new Valid(this.uid, 0xFFFFFF));
		assertThatIllegalArgumentException().isThrownBy(() -> template.tapped(this.keys, this.uid, 0, randomBytes(5)));
	}

	@Test
	void verifiesATapOnAGs1UrlWithAQuery() {
		SunUrlTemplate template = SunUrlTemplate
			.forResolverUrl("https://id.example.com/01/09506000134352/21/X3K9QF2M7T1A?linkType=all");
		SimulatedNtag424 tag = program(new SimulatedNtag424(this.uid, keysOf(this.keys)), template);
		String url = tag.tap();
		assertThat(url).contains("?linkType=all&picc_data=");
		assertThat(verify(url, this.keys)).isEqualTo(new Valid(this.uid, 1));
	}

	@Test
	void rejectsATamperedCmac() {
		Map<String, String> query = query(programmedTag(this.keys).tap());
		String cmac = query.get("cmac");
		String tampered = flipLastDigit(cmac);
		assertThat(SunMessage.verify(query.get("picc_data"), tampered, this.keys.sdmMetaReadKey(),
				this.keys.sdmFileReadKey()))
			.isEqualTo(new Invalid(Reason.MAC));
	}

	@Test
	void rejectsTamperedPiccData() {
		Map<String, String> query = query(programmedTag(this.keys).tap());
		SunVerification result = SunMessage.verify(flipLastDigit(query.get("picc_data")), query.get("cmac"),
				this.keys.sdmMetaReadKey(), this.keys.sdmFileReadKey());
		assertThat(result).isInstanceOf(Invalid.class);
		assertThat(((Invalid) result).reason()).isIn(Reason.TAG, Reason.MAC);
	}

	@Test
	void rejectsAnotherTokensKeysAndAnotherMastersKeys() {
		String url = programmedTag(this.keys).tap();
		assertThat(verify(url, Ntag424Keys.forToken(this.master, TOKEN + 1)).isValid()).isFalse();
		assertThat(verify(url, Ntag424Keys.forToken(randomBytes(16), TOKEN)).isValid()).isFalse();
	}

	@Test
	void rejectsTheRightMetaReadKeyWithAWrongFileReadKeyByTheMac() {
		Map<String, String> query = query(programmedTag(this.keys).tap());
		assertThat(SunMessage.verify(query.get("picc_data"), query.get("cmac"), this.keys.sdmMetaReadKey(),
				this.keys.key(3)))
			.isEqualTo(new Invalid(Reason.MAC));
	}

	@Test
	void verifiesTheLastCounterValueAndTheTagStopsThere() {
		SimulatedNtag424 tag = programmedTag(this.keys).withCounter(0xFFFFFE);
		assertThat(verify(tag.tap(), this.keys)).isEqualTo(new Valid(this.uid, 0xFFFFFF));
		assertThatIllegalStateException().isThrownBy(tag::tap);
	}

	// An LRP-mode tag mirrors 24 bytes of PICCData (48 hex digits); only AES mode is
	// supported.
	@Test
	void rejectsLrpLengthPiccDataAsFormat() {
		Map<String, String> query = query(programmedTag(this.keys).tap());
		String lrpLength = query.get("picc_data") + query.get("picc_data").substring(0, 16);
		assertThat(
				SunMessage.verify(lrpLength, query.get("cmac"), this.keys.sdmMetaReadKey(), this.keys.sdmFileReadKey()))
			.isEqualTo(new Invalid(Reason.FORMAT));
	}

	@Test
	void acceptsTheTapInLowerCase() {
		Map<String, String> query = query(programmedTag(this.keys).tap());
		assertThat(SunMessage.verify(query.get("picc_data").toLowerCase(), query.get("cmac").toLowerCase(),
				this.keys.sdmMetaReadKey(), this.keys.sdmFileReadKey()))
			.isEqualTo(new Valid(this.uid, 1));
	}

	private SimulatedNtag424 programmedTag(Ntag424Keys tagKeys) {
		return program(new SimulatedNtag424(this.uid, keysOf(tagKeys)), SunUrlTemplate.forResolverUrl(RESOLVER_URL));
	}

	private static SimulatedNtag424 program(SimulatedNtag424 tag, SunUrlTemplate template) {
		return tag.program(template.ndefFile(), template.piccDataOffset(), template.sdmMacInputOffset(),
				template.sdmMacOffset());
	}

	private static byte[][] keysOf(Ntag424Keys keys) {
		byte[][] all = new byte[Ntag424Keys.KEY_COUNT][];
		for (int keyNo = 0; keyNo < all.length; keyNo++) {
			all[keyNo] = keys.key(keyNo);
		}
		return all;
	}

	private static SunVerification verify(String url, Ntag424Keys keys) {
		Map<String, String> query = query(url);
		return SunMessage.verify(query.get("picc_data"), query.get("cmac"), keys);
	}

	private static Map<String, String> query(String url) {
		Map<String, String> parameters = new LinkedHashMap<>();
		for (String parameter : URI.create(url).getRawQuery().split("&")) {
			int equals = parameter.indexOf('=');
			parameters.put(parameter.substring(0, equals), parameter.substring(equals + 1));
		}
		return parameters;
	}

	private static String flipLastDigit(String hex) {
		char last = hex.charAt(hex.length() - 1);
		return hex.substring(0, hex.length() - 1) + ((last == '0') ? '1' : '0');
	}

	private byte[] randomBytes(int length) {
		byte[] bytes = new byte[length];
		this.random.nextBytes(bytes);
		return bytes;
	}

}
