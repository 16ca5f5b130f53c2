package io.dppmint.core.nfc;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The outcome of {@link SunMessage#verify}: either {@link Valid}, the tag's UID and read
 * counter, authenticated by the MAC; or {@link Invalid} with the {@link Reason}. A valid
 * message is not yet a genuine tap: that also needs its counter above the last one
 * accepted for the token, which only the caller's stored counters can tell.
 */
public sealed interface SunVerification permits SunVerification.Valid, SunVerification.Invalid {

	/**
	 * Whether the MAC verified.
	 * @return {@code true} for {@link Valid}
	 */
	boolean isValid();

	/**
	 * An authentic SUN message.
	 *
	 * @param uid the tag's 7-byte UID (the accessor returns a copy)
	 * @param counter the 24-bit SDMReadCtr, 0 to 0xFFFFFF
	 */
	record Valid(byte[] uid, int counter) implements SunVerification {

		/** The length of an NTAG 424 DNA UID. */
		public static final int UID_LENGTH = 7;

		/** The largest 24-bit read counter. */
		public static final int MAX_COUNTER = 0xFFFFFF;

		public Valid {
			if (uid == null || uid.length != UID_LENGTH) {
				throw new IllegalArgumentException("An NTAG 424 DNA UID is 7 bytes");
			}
			if (counter < 0 || counter > MAX_COUNTER) {
				throw new IllegalArgumentException("SDMReadCtr is 24 bits, not " + counter);
			}
			uid = uid.clone();
		}

		@Override
		public byte[] uid() {
			return this.uid.clone();
		}

		/**
		 * The UID as upper-case hex, as NXP prints it (e.g. {@code 04DE5F1EACC040}).
		 * @return 14 hex digits
		 */
		public String uidHex() {
			return HexFormat.of().withUpperCase().formatHex(this.uid);
		}

		@Override
		public boolean isValid() {
			return true;
		}

		@Override
		public boolean equals(Object other) {
			return (other instanceof Valid that) && Arrays.equals(this.uid, that.uid) && this.counter == that.counter;
		}

		@Override
		public int hashCode() {
			return 31 * Arrays.hashCode(this.uid) + this.counter;
		}

		@Override
		public String toString() {
			return "Valid[uid=" + uidHex() + ", counter=" + this.counter + "]";
		}

	}

	/**
	 * A rejected SUN message.
	 *
	 * @param reason why
	 */
	record Invalid(Reason reason) implements SunVerification {

		@Override
		public boolean isValid() {
			return false;
		}

	}

	/**
	 * Why a SUN message was rejected, in the order they are checked.
	 */
	enum Reason {

		/**
		 * A parameter is missing, is not hex, or has the wrong length ({@code picc_data}
		 * 32 hex digits, {@code cmac} 16); LRP-mode messages (48-digit {@code picc_data})
		 * land here too.
		 */
		FORMAT("format"),

		/**
		 * The decrypted PICCData does not start with the tag byte {@code 0xC7} (UID and
		 * counter mirrored, 7-byte UID): almost always a wrong SDMMetaReadKey or tampered
		 * {@code picc_data}.
		 */
		TAG("tag"),

		/** The SDMMAC does not match: tampered, or a wrong SDMFileReadKey. */
		MAC("mac");

		private final String code;

		Reason(String code) {
			this.code = code;
		}

		/**
		 * The reason as it appears in logs and metrics.
		 * @return {@code format}, {@code tag} or {@code mac}
		 */
		public String code() {
			return this.code;
		}

	}

}
