package io.dppmint.core.identifier;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class IdentifierSchemeTests {

	private static final long[] EDGES = { 1, 2, (1L << 32) - 1, 1L << 32, (1L << 32) + 1, Long.MAX_VALUE - 1,
			Long.MAX_VALUE };

	/** Crockford base32, first character 0-F: all in GS1 set 82 and URI-unreserved. */
	private static final Pattern CANONICAL = Pattern.compile("[0-9A-F][0-9A-HJKMNP-TV-Z]{12}");

	/** Seeded, so a failure reproduces. */
	private final SplittableRandom random = new SplittableRandom(7_340_033);

	private final byte[] key = randomKey();

	private final IdentifierScheme scheme = new IdentifierScheme(this.key);

	@Test
	void decodesWhatItEncodesAcrossTheWholePositiveRange() {
		for (long tokenNumber : sample(100_000)) {
			assertThat(this.scheme.decode(this.scheme.encode(tokenNumber))).isEqualTo(tokenNumber);
		}
	}

	@Test
	void writesExactlyThirteenCharactersOfTheAlphabet() {
		for (long tokenNumber : sample(100_000)) {
			assertThat(this.scheme.encode(tokenNumber)).hasSize(IdentifierScheme.LENGTH).matches(CANONICAL);
		}
	}

	@Test
	void givesTheSameIdentifiersAfterARestartWithTheSameKey() {
		IdentifierScheme restarted = new IdentifierScheme(this.key.clone());
		for (long tokenNumber : sample(1_000)) {
			assertThat(restarted.encode(tokenNumber)).isEqualTo(this.scheme.encode(tokenNumber));
		}
	}

	@Test
	void fingerprintsTheKeyWithATruncatedHmacThatTellsKeysApart() throws Exception {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(this.key, "HmacSHA256"));
		byte[] expected = Arrays
			.copyOf(mac.doFinal("dpp-identifier-key-fingerprint".getBytes(StandardCharsets.US_ASCII)), 16);

		assertThat(this.scheme.keyFingerprint()).isEqualTo(HexFormat.of().formatHex(expected)).hasSize(32);
		assertThat(new IdentifierScheme(this.key.clone()).keyFingerprint()).isEqualTo(this.scheme.keyFingerprint());
		assertThat(new IdentifierScheme(randomKey()).keyFingerprint()).isNotEqualTo(this.scheme.keyFingerprint());
	}

	@Test
	void keepsItsOwnCopyOfTheKey() {
		byte[] key = randomKey();
		IdentifierScheme scheme = new IdentifierScheme(key);
		String before = scheme.encode(42);
		Arrays.fill(key, (byte) 0);
		assertThat(scheme.encode(42)).isEqualTo(before);
	}

	@ParameterizedTest
	@CsvSource({ "1, 0", "1, 1", "1, 2049", "4611686018427387904, 20001", "9223372036854775805, 3" })
	void encodesRangesExactlyLikeSingleTokens(long first, int count) {
		byte[] ascii = new byte[count * IdentifierScheme.LENGTH + 10];
		this.scheme.encodeRange(first, count, ascii, 5);
		String[] identifiers = this.scheme.encodeRange(first, count);
		assertThat(identifiers).hasSize(count);
		for (int k = 0; k < count; k++) {
			String single = this.scheme.encode(first + k);
			assertThat(new String(ascii, 5 + k * IdentifierScheme.LENGTH, IdentifierScheme.LENGTH,
					StandardCharsets.US_ASCII))
				.isEqualTo(single);
			assertThat(identifiers[k]).isEqualTo(single);
		}
		assertThat(Arrays.copyOfRange(ascii, 0, 5)).containsOnly(0);
		assertThat(Arrays.copyOfRange(ascii, ascii.length - 5, ascii.length)).containsOnly(0);
	}

	@Test
	void givesTenMillionConsecutiveTokenNumbersFromOneDistinctIdentifiers() {
		assertNoCollisionAmongTenMillionFrom(1);
	}

	@Test
	void givesTenMillionConsecutiveTokenNumbersFromARandomOffsetDistinctIdentifiers() {
		assertNoCollisionAmongTenMillionFrom(this.random.nextLong(2, Long.MAX_VALUE - 10_000_000));
	}

	@Test
	void givesUnrelatedIdentifiersUnderDifferentKeys() {
		long first = this.random.nextLong(1, Long.MAX_VALUE - 100_000);
		assertUnrelated(this.scheme.encodeRange(first, 100_000),
				new IdentifierScheme(randomKey()).encodeRange(first, 100_000));
	}

	@Test
	void givesConsecutiveTokenNumbersUnrelatedIdentifiers() {
		long first = this.random.nextLong(1, Long.MAX_VALUE - 100_001);
		String[] identifiers = this.scheme.encodeRange(first, 100_001);
		assertUnrelated(Arrays.copyOfRange(identifiers, 0, 100_000), Arrays.copyOfRange(identifiers, 1, 100_001));
	}

	@ParameterizedTest
	@ValueSource(longs = { 0, -1, Long.MIN_VALUE })
	void rejectsTokenNumbersBelowOne(long tokenNumber) {
		assertThatIllegalArgumentException().isThrownBy(() -> this.scheme.encode(tokenNumber))
			.withMessage("A token number is at least 1, not " + tokenNumber);
		assertThatIllegalArgumentException().isThrownBy(() -> this.scheme.encodeRange(tokenNumber, 1))
			.withMessage("A token number is at least 1, not " + tokenNumber);
	}

	@Test
	void rejectsRangesOutsideTheTokenNumbers() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.scheme.encodeRange(1, -1))
			.withMessage("A count of token numbers is at least 0, not -1");
		assertThatIllegalArgumentException().isThrownBy(() -> this.scheme.encodeRange(Long.MAX_VALUE, 2))
			.withMessage("Token numbers from 9223372036854775807 for 2 pass the largest token number "
					+ "9223372036854775807");
		assertThatExceptionOfType(IndexOutOfBoundsException.class)
			.isThrownBy(() -> this.scheme.encodeRange(1, 2, new byte[2 * IdentifierScheme.LENGTH], 1));
		assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> this.scheme.encodeRange(1, 2, null, 0));
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { " ", "\t\n", "             " })
	void rejectsMissingIdentifiers(String identifier) {
		assertInvalid(identifier, "An identifier is required");
	}

	@ParameterizedTest
	@ValueSource(strings = { "0", "000000000000", "00000000000000", "00000000000000000000", " 0000000000000" })
	void rejectsIdentifiersThatAreNotThirteenCharacters(String identifier) {
		assertInvalid(identifier, "An identifier has exactly 13 characters, not " + identifier.length());
	}

	@ParameterizedTest
	@CsvSource({ "a000000000000, 1", "0000000000z00, 11", "000000000000b, 13" })
	void rejectsLowercaseLetters(String identifier, int position) {
		assertInvalid(identifier, "An identifier is uppercase only: character " + position + " is a lowercase letter");
	}

	@ParameterizedTest
	@ValueSource(strings = { "00000I0000000", "00000L0000000", "00000O0000000", "00000U0000000", "00000-0000000",
			"00000 0000000", "00000\u00C90000000", "00000\u00000000000", "00000\uFF100000000", "00000%0000000" })
	void rejectsCharactersOutsideTheAlphabet(String identifier) {
		assertInvalid(identifier,
				"An identifier uses only 0-9 and A-Z without I, L, O and U: character 6 is none of them");
	}

	@ParameterizedTest
	@ValueSource(strings = { "G000000000000", "Z000000000000", "GZZZZZZZZZZZZ" })
	void rejectsIdentifiersBeyondSixtyFourBits(String identifier) {
		assertInvalid(identifier, "An identifier starts with 0-9 or A-F; a higher first character is beyond 64 bits");
	}

	@ParameterizedTest
	@ValueSource(longs = { 0, -1, Long.MIN_VALUE })
	void answersUnknownForWellFormedIdentifiersOfNoTokenNumber(long outsideTheTokenNumbers) {
		byte[] ascii = new byte[IdentifierScheme.LENGTH];
		Crockford32.write(new Ff1Binary64(this.key).encrypt(outsideTheTokenNumbers), ascii, 0);
		String identifier = new String(ascii, StandardCharsets.US_ASCII);
		assertThat(identifier).matches(CANONICAL);
		assertThatExceptionOfType(UnknownIdentifierException.class).isThrownBy(() -> this.scheme.decode(identifier))
			.isInstanceOf(InvalidIdentifierException.class)
			.withMessage("No token number encodes to this identifier");
	}

	@Test
	void rejectsAMissingKey() {
		assertThatIllegalArgumentException().isThrownBy(() -> new IdentifierScheme(null))
			.withMessage("An identifier key is required");
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 16, 24, 31, 33, 64 })
	void rejectsKeysThatAreNotAes256(int length) {
		assertThatIllegalArgumentException().isThrownBy(() -> new IdentifierScheme(new byte[length]))
			.withMessage("An identifier key is 32 bytes (AES-256), not " + length);
	}

	@Test
	void neverShowsTheKey() {
		assertThat(this.scheme.toString()).doesNotContainIgnoringCase(HexFormat.of().formatHex(this.key))
			.doesNotContain(Base64.getEncoder().encodeToString(this.key))
			.contains("redacted");
	}

	private void assertNoCollisionAmongTenMillionFrom(long first) {
		int total = 10_000_000;
		int slice = 100_000;
		long[] values = new long[total];
		byte[] ascii = new byte[slice * IdentifierScheme.LENGTH];
		for (int done = 0; done < total; done += slice) {
			this.scheme.encodeRange(first + done, slice, ascii, 0);
			for (int k = 0; k < slice; k++) {
				values[done + k] = Crockford32.parse(new String(ascii, k * IdentifierScheme.LENGTH,
						IdentifierScheme.LENGTH, StandardCharsets.ISO_8859_1));
			}
		}
		Arrays.parallelSort(values);
		for (int i = 1; i < total; i++) {
			if (values[i] == values[i - 1]) {
				throw new AssertionError("Two token numbers from " + first + " share the value " + values[i]);
			}
		}
	}

	/**
	 * Unrelated identifiers agree on a character about as often as random ones (1/16 for
	 * the first, which holds 4 bits, 1/32 for the others), and their 64-bit values differ
	 * in 32 bits on average. The bounds are over 6 standard deviations wide for 100,000
	 * pairs.
	 */
	private static void assertUnrelated(String[] some, String[] others) {
		int pairs = some.length;
		int[] equalAt = new int[IdentifierScheme.LENGTH];
		long differingBits = 0;
		for (int k = 0; k < pairs; k++) {
			for (int i = 0; i < IdentifierScheme.LENGTH; i++) {
				if (some[k].charAt(i) == others[k].charAt(i)) {
					equalAt[i]++;
				}
			}
			differingBits += Long.bitCount(Crockford32.parse(some[k]) ^ Crockford32.parse(others[k]));
		}
		assertThat(equalAt[0] / (double) pairs).isCloseTo(1 / 16.0, within(0.005));
		for (int i = 1; i < IdentifierScheme.LENGTH; i++) {
			assertThat(equalAt[i] / (double) pairs).as("equal at position %d", i).isCloseTo(1 / 32.0, within(0.004));
		}
		assertThat(differingBits / (double) pairs).isCloseTo(32.0, within(0.1));
	}

	private void assertInvalid(String identifier, String message) {
		assertThatExceptionOfType(InvalidIdentifierException.class).isThrownBy(() -> this.scheme.decode(identifier))
			.withMessage(message)
			.isNotInstanceOf(UnknownIdentifierException.class);
	}

	private long[] sample(int size) {
		long[] sample = new long[size];
		System.arraycopy(EDGES, 0, sample, 0, EDGES.length);
		for (int i = EDGES.length; i < size; i++) {
			sample[i] = this.random.nextLong(1, Long.MAX_VALUE);
		}
		return sample;
	}

	private byte[] randomKey() {
		byte[] key = new byte[32];
		this.random.nextBytes(key);
		return key;
	}

}
