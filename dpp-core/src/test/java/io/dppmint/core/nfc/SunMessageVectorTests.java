package io.dppmint.core.nfc;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import io.dppmint.core.nfc.SunVerification.Invalid;
import io.dppmint.core.nfc.SunVerification.Reason;
import io.dppmint.core.nfc.SunVerification.Valid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The published NTAG 424 DNA vectors (NXP AN12196 Rev 2.0, as reproduced in
 * nfc-developer/sdm-backend tests/test_libsdm.py), each checked step by step and end to
 * end, plus the negative vector of sdm-backend and malformed input.
 */
class SunMessageVectorTests {

	private static final byte[] ZERO_KEY = new byte[16];

	// AN12196 Table 2 (PICCData decryption) and Table 4 (SDMMAC, empty MAC input), keys
	// 00..00.
	private static final String TABLE_2_PICC_DATA = "EF963FF7828658A599F3041510671E88";

	private static final String TABLE_4_CMAC = "94EED9EE65337086";

	private static final byte[] TABLE_2_UID = hex("04DE5F1EACC040");

	private static final byte[] TABLE_2_COUNTER = hex("3D0000");

	// AN12196 Table 5 (SDMENCFileData and SDMMAC over "<enc>&cmac="), keys 00..00.
	private static final String TABLE_5_PICC_DATA = "FD91EC264309878BE6345CBE53BADF40";

	private static final String TABLE_5_ENC = "CEE9A53E3E463EF1F459635736738962";

	private static final String TABLE_5_CMAC = "ECC1E7F6C6C73BF6";

	// AN12196 Table 2: the decrypted PICCData, tag C7, UID, counter 3D0000 (61, LSB
	// first), padding.
	@Test
	void decryptsTable2PiccData() {
		assertThat(Aes128.decryptCbc(ZERO_KEY, new byte[16], hex(TABLE_2_PICC_DATA)))
			.isEqualTo(hex("C704DE5F1EACC0403D0000DA5CF60941"));
	}

	// AN12196 Table 4: SV2, KSesSDMFileReadMAC, CMAC of the empty input and its
	// truncation;
	// Table 2/3: SV1 gives KSesSDMFileReadENC.
	@Test
	void derivesTable4SessionKeysAndSdmMac() {
		byte[] macKey = SunMessage.sessionMacKey(ZERO_KEY, TABLE_2_UID, TABLE_2_COUNTER);
		assertThat(macKey).isEqualTo(hex("3FB5F6E3A807A03D5E3570ACE393776F"));
		assertThat(Aes128.cmac(ZERO_KEY, hex("3CC30001008004DE5F1EACC0403D0000"))).isEqualTo(macKey);
		byte[] fullMac = Aes128.cmac(macKey, new byte[0]);
		assertThat(fullMac).isEqualTo(hex("E194C7EE12D9F7EE8A65C8331B704386"));
		assertThat(SunMessage.truncate(fullMac)).isEqualTo(hex(TABLE_4_CMAC));
		assertThat(SunMessage.sessionEncKey(ZERO_KEY, TABLE_2_UID, TABLE_2_COUNTER))
			.isEqualTo(hex("DF38382B84FB90D2DDDB24E51AAFF7AC"))
			.isEqualTo(Aes128.cmac(ZERO_KEY, hex("C33C0001008004DE5F1EACC0403D0000")));
	}

	// AN12196 Table 2/4 end to end.
	@Test
	void verifiesTheTable4Message() {
		SunVerification result = SunMessage.verify(TABLE_2_PICC_DATA, TABLE_4_CMAC, ZERO_KEY, ZERO_KEY);
		assertThat(result).isEqualTo(new Valid(TABLE_2_UID, 61));
		assertThat(((Valid) result).uidHex()).isEqualTo("04DE5F1EACC040");
	}

	// AN12196 Table 2/4, parameters in lower case.
	@Test
	void acceptsLowerCaseHex() {
		assertThat(SunMessage.verify(TABLE_2_PICC_DATA.toLowerCase(), TABLE_4_CMAC.toLowerCase(), ZERO_KEY, ZERO_KEY))
			.isEqualTo(new Valid(TABLE_2_UID, 61));
	}

	// AN12196 Table 1: session keys for K_SDMFileRead 5ACE7E50AB65D5D51FD5BF5A16B8205B,
	// UID 04C767F2066180, SDMReadCtr 010000.
	@Test
	void derivesTable1SessionKeys() {
		byte[] key = hex("5ACE7E50AB65D5D51FD5BF5A16B8205B");
		byte[] uid = hex("04C767F2066180");
		byte[] counter = hex("010000");
		assertThat(SunMessage.sessionMacKey(key, uid, counter)).isEqualTo(hex("3A3E8110E05311F7A3FCF0D969BF2B48"));
		assertThat(SunMessage.sessionEncKey(key, uid, counter)).isEqualTo(hex("66DA61797E23DECA5D8ECA13BBADF7A9"));
	}

	// AN12196 Table 5: PICCData, KSesSDMFileReadMAC, the CMAC over "<enc>&cmac=" and its
	// truncation.
	@Test
	void derivesTable5SdmMacOverTheEncryptedFileData() {
		assertThat(Aes128.decryptCbc(ZERO_KEY, new byte[16], hex(TABLE_5_PICC_DATA)))
			.isEqualTo(hex("C704958CAA5C5E80080000A243C86DFC"));
		byte[] macKey = SunMessage.sessionMacKey(ZERO_KEY, hex("04958CAA5C5E80"), hex("080000"));
		assertThat(macKey).isEqualTo(hex("3ED0920E5E6A0320D823D5987FEAFBB1"));
		byte[] fullMac = Aes128.cmac(macKey, (TABLE_5_ENC + "&cmac=").getBytes(StandardCharsets.US_ASCII));
		assertThat(fullMac).isEqualTo(hex("81EC45C175E72FF6FAC61BC7AB3BAEF6"));
		assertThat(SunMessage.truncate(fullMac)).isEqualTo(hex(TABLE_5_CMAC));
	}

	// AN12196 Table 5 end to end, and its SDMENCFileData decrypting to
	// "xxxxxxxxxxxxxxxx".
	@Test
	void verifiesTheTable5MessageAndDecryptsItsFileData() {
		SunVerification result = SunMessage.verify(TABLE_5_PICC_DATA, TABLE_5_ENC + "&cmac=", TABLE_5_CMAC, ZERO_KEY,
				ZERO_KEY);
		assertThat(result).isEqualTo(new Valid(hex("04958CAA5C5E80"), 8));
		byte[] fileData = SunMessage.decryptFileData(TABLE_5_ENC, ZERO_KEY, (Valid) result);
		assertThat(new String(fileData, StandardCharsets.US_ASCII)).isEqualTo("xxxxxxxxxxxxxxxx");
	}

	// sdm-backend tests/test_libsdm.py: Table 5 with a wrong cmac.
	@Test
	void rejectsTable5WithAnotherCmac() {
		assertThat(SunMessage.verify(TABLE_5_PICC_DATA, TABLE_5_ENC + "&cmac=", "3CC1E7F6C6C33B33", ZERO_KEY, ZERO_KEY))
			.isEqualTo(new Invalid(Reason.MAC));
	}

	// AN12196 Table 5 verified as if the MAC input were empty: the input is part of the
	// MAC.
	@Test
	void rejectsTable5WithoutItsMacInput() {
		assertThat(SunMessage.verify(TABLE_5_PICC_DATA, TABLE_5_CMAC, ZERO_KEY, ZERO_KEY))
			.isEqualTo(new Invalid(Reason.MAC));
	}

	// AN12196 Table 2/4 under another SDMMetaReadKey: PICCData decrypts to garbage.
	@Test
	void rejectsTable4UnderAnotherMetaReadKeyByItsTagByte() {
		byte[] otherKey = hex("000102030405060708090A0B0C0D0E0F");
		assertThat(SunMessage.verify(TABLE_2_PICC_DATA, TABLE_4_CMAC, otherKey, ZERO_KEY))
			.isEqualTo(new Invalid(Reason.TAG));
	}

	// AN12196 Table 2/4 under another SDMFileReadKey.
	@Test
	void rejectsTable4UnderAnotherFileReadKeyByItsMac() {
		byte[] otherKey = hex("000102030405060708090A0B0C0D0E0F");
		assertThat(SunMessage.verify(TABLE_2_PICC_DATA, TABLE_4_CMAC, ZERO_KEY, otherKey))
			.isEqualTo(new Invalid(Reason.MAC));
	}

	@ParameterizedTest
	@NullSource
	@ValueSource(strings = { "", "EF963FF7828658A599F3041510671E8", "EF963FF7828658A599F3041510671E880",
			"EF963FF7828658A599F3041510671E8G", "EF963FF7828658A599F3041510671E8 ", "+F963FF7828658A599F3041510671E88",
			"EF963FF7828658A599F3041510671E88EF963FF7828658A5" })
	void rejectsPiccDataThatIsNotThirtyTwoHexDigitsAsFormat(String piccData) {
		assertThat(SunMessage.verify(piccData, TABLE_4_CMAC, ZERO_KEY, ZERO_KEY)).isEqualTo(new Invalid(Reason.FORMAT));
	}

	@ParameterizedTest
	@NullSource
	@ValueSource(strings = { "", "94EED9EE6533708", "94EED9EE653370860", "94EED9EE6533708Z", "94EED9EE6533708\u0666" })
	void rejectsCmacThatIsNotSixteenHexDigitsAsFormat(String cmac) {
		assertThat(SunMessage.verify(TABLE_2_PICC_DATA, cmac, ZERO_KEY, ZERO_KEY))
			.isEqualTo(new Invalid(Reason.FORMAT));
	}

	@Test
	void rejectsAMissingOrNonAsciiMacInputAsFormat() {
		assertThat(SunMessage.verify(TABLE_5_PICC_DATA, null, TABLE_5_CMAC, ZERO_KEY, ZERO_KEY))
			.isEqualTo(new Invalid(Reason.FORMAT));
		assertThat(SunMessage.verify(TABLE_5_PICC_DATA, "\u00e9&cmac=", TABLE_5_CMAC, ZERO_KEY, ZERO_KEY))
			.isEqualTo(new Invalid(Reason.FORMAT));
	}

	@Test
	void treatsKeysOfTheWrongLengthAsAProgrammingError() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SunMessage.verify(TABLE_2_PICC_DATA, TABLE_4_CMAC, new byte[15], ZERO_KEY));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SunMessage.verify(TABLE_2_PICC_DATA, TABLE_4_CMAC, ZERO_KEY, null));
	}

	@Test
	void refusesFileDataThatIsNotWholeBlocksOfHex() {
		Valid verified = new Valid(hex("04958CAA5C5E80"), 8);
		assertThatIllegalArgumentException().isThrownBy(() -> SunMessage.decryptFileData("", ZERO_KEY, verified));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SunMessage.decryptFileData(TABLE_5_ENC.substring(2), ZERO_KEY, verified));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SunMessage.decryptFileData(TABLE_5_ENC.replace('C', 'X'), ZERO_KEY, verified));
	}

	@Test
	void reasonsHaveTheirLoggedCodes() {
		assertThat(Reason.FORMAT.code()).isEqualTo("format");
		assertThat(Reason.TAG.code()).isEqualTo("tag");
		assertThat(Reason.MAC.code()).isEqualTo("mac");
	}

	private static byte[] hex(String hex) {
		return HexFormat.of().parseHex(hex);
	}

}
