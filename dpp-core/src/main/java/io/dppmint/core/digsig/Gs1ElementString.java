package io.dppmint.core.digsig;

import java.nio.charset.StandardCharsets;

import io.dppmint.core.gs1.ApplicationIdentifier;
import io.dppmint.core.gs1.DigitalLink;
import io.dppmint.core.gs1.Gtin;
import io.dppmint.core.gs1.InvalidGs1DataException;

/**
 * The GS1 element string a signed code's signature covers (profile DPP-ES256-v1): AI 01,
 * then AI 10 when the unit has a lot, then AI 21, in that order, unbracketed, with the
 * FNC1 separator GS (0x1D) after every variable-length value that is not last. The
 * unbracketed form is the one signed because GS is outside GS1 character set 82, so no
 * value can imitate a separator; a bracketed form is ambiguous (a lot may contain
 * {@code (21)}).
 * <p>
 * Guarantees: the serial is present (the GS1 Barcode Syntax Dictionary's {@code req} rule
 * of AI 8030 asks for 01 together with 21); every value obeys its
 * {@link ApplicationIdentifier} rules, so the message is printable ASCII plus GS.
 *
 * @param gtin the GTIN, AI 01
 * @param lot the batch or lot number, AI 10, or {@code null}
 * @param serial the serial number, AI 21
 */
public record Gs1ElementString(Gtin gtin, String lot, String serial) {

	/** The FNC1 separator of an unbracketed element string. */
	public static final char GS = 0x1D;

	public Gs1ElementString {
		if (gtin == null) {
			throw new InvalidGs1DataException("A signed element string needs " + ApplicationIdentifier.GTIN);
		}
		if (serial == null) {
			throw new InvalidGs1DataException("A signed element string needs " + ApplicationIdentifier.SERIAL
					+ ": AI 8030 requires AI 01 with AI 21");
		}
		ApplicationIdentifier.SERIAL.requireValid(serial);
		if (lot != null) {
			ApplicationIdentifier.BATCH_LOT.requireValid(lot);
		}
	}

	/**
	 * The element string of a Digital Link. A consumer product variant (AI 22) is
	 * refused: this profile does not sign it.
	 * @param link the link
	 * @return its element string
	 * @throws InvalidGs1DataException if the link has no serial or has a CPV
	 */
	public static Gs1ElementString of(DigitalLink link) {
		if (link.cpv() != null) {
			throw new InvalidGs1DataException("Profile DPP-ES256-v1 signs AI 01, 10 and 21 only, not AI 22 (CPV)");
		}
		return new Gs1ElementString(link.gtin(), link.lot(), link.serial());
	}

	/**
	 * The unbracketed element string, e.g.
	 * {@code 0109506000134352 10LOT7 <GS> 21X3K9QF2M7T1AB} without the spaces.
	 * @return the text that is signed
	 */
	public String unbracketed() {
		StringBuilder out = new StringBuilder(64).append("01").append(this.gtin.value());
		if (this.lot != null) {
			out.append("10").append(this.lot).append(GS);
		}
		return out.append("21").append(this.serial).toString();
	}

	/**
	 * The message a signature covers: the ASCII bytes of {@link #unbracketed()}.
	 * @return a new array
	 */
	public byte[] message() {
		return unbracketed().getBytes(StandardCharsets.US_ASCII);
	}

	/**
	 * The human-readable bracketed form, e.g.
	 * {@code (01)09506000134352(21)X3K9QF2M7T1AB}. Parentheses inside values are escaped
	 * as {@code \(} so that {@link SignedCode#parse(String)} reads it back.
	 * @return the bracketed element string
	 */
	public String bracketed() {
		StringBuilder out = new StringBuilder(64).append("(01)").append(this.gtin.value());
		if (this.lot != null) {
			out.append("(10)").append(escape(this.lot));
		}
		return out.append("(21)").append(escape(this.serial)).toString();
	}

	private static String escape(String value) {
		return value.replace("(", "\\(");
	}

	@Override
	public String toString() {
		return bracketed();
	}

}
