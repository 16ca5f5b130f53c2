package io.dppmint.core.digsig;

import io.dppmint.core.gs1.Gtin;
import io.dppmint.core.gs1.InvalidGs1DataException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The signed message of profile DPP-ES256-v1 (docs/plans/issue-20.md 1(a)): the
 * unbracketed element string with GS (FNC1) after each variable-length value that is not
 * last (GS1 General Specifications §7.8.5.2), and the three input forms a verifier reads.
 */
class Gs1ElementStringTests {

	private static final Gtin GTIN = new Gtin("09506000134352");

	@Test
	void serialOnlyNeedsNoSeparatorBecauseGtinIsFixedLengthAndSerialIsLast() {
		assertThat(new Gs1ElementString(GTIN, null, "X3K9QF2M7T1AB").unbracketed())
			.isEqualTo("0109506000134352" + "21X3K9QF2M7T1AB");
	}

	@Test
	void lotIsFollowedByGroupSeparator() {
		assertThat(new Gs1ElementString(GTIN, "LOT7", "X3K9QF2M7T1AB").unbracketed())
			.isEqualTo("0109506000134352" + "10LOT7\u001D" + "21X3K9QF2M7T1AB");
	}

	@Test
	void lotWithParenthesesStaysUnambiguous() {
		Gs1ElementString element = new Gs1ElementString(GTIN, "A(21)B", "S1");

		assertThat(element.unbracketed()).isEqualTo("0109506000134352" + "10A(21)B\u001D" + "21S1");
		assertThat(element.bracketed()).isEqualTo("(01)09506000134352(10)A\\(21)B(21)S1");
		assertThat(SignedCode.parse(element.bracketed()).elementString()).isEqualTo(element);
		assertThat(SignedCode.parse(element.unbracketed()).elementString()).isEqualTo(element);
	}

	@Test
	void rejectsCharactersOutsideSet82() {
		assertThatExceptionOfType(InvalidGs1DataException.class)
			.isThrownBy(() -> new Gs1ElementString(GTIN, null, "AB CD"))
			.withMessageContaining("SERIAL");
		assertThatExceptionOfType(InvalidGs1DataException.class)
			.isThrownBy(() -> new Gs1ElementString(GTIN, "L\u001D1", "S1"))
			.withMessageContaining("BATCH/LOT");
	}

	@Test
	void rejectsAnElementStringWithoutSerialBecause8030RequiresAi21() {
		// Syntax dictionary: 8030 req=...,01+21,...
		assertThatExceptionOfType(InvalidGs1DataException.class)
			.isThrownBy(() -> new Gs1ElementString(GTIN, "LOT7", null))
			.withMessageContaining("AI 8030 requires AI 01 with AI 21");
		assertThatExceptionOfType(InvalidGs1DataException.class)
			.isThrownBy(() -> SignedCode.parse("https://id.example.com/01/09506000134352/10/LOT7"))
			.withMessageContaining("AI 21");
	}

	@Test
	void readsTheSameCodeFromEachForm() {
		String value = "A" + "x".repeat(85) + "A";
		Gs1ElementString element = new Gs1ElementString(GTIN, "LOT7", "X3K9QF2M7T1AB");

		SignedCode fromUri = SignedCode
			.parse("https://id.example.com/01/09506000134352/10/LOT7/21/X3K9QF2M7T1AB?linkType=all&8030=" + value);
		SignedCode fromBracketed = SignedCode.parse("(01)09506000134352(10)LOT7(21)X3K9QF2M7T1AB(8030)" + value);
		SignedCode fromUnbracketed = SignedCode
			.parse("]d20109506000134352" + "10LOT7\u001D" + "21X3K9QF2M7T1AB\u001D" + "8030" + value);

		assertThat(fromUri.elementString()).isEqualTo(element);
		assertThat(fromUri.signature().encoded()).isEqualTo(value);
		assertThat(fromBracketed).isEqualTo(fromUri);
		assertThat(fromUnbracketed).isEqualTo(fromUri);
	}

	@Test
	void writesTheSignatureAsAQueryDataAttributeNeverAsAPathElement() {
		String value = "A" + "x".repeat(85) + "A";
		SignedCode code = new SignedCode(new Gs1ElementString(GTIN, null, "X3K9QF2M7T1AB"),
				DigitalSignature8030.parse(value));

		assertThat(code.toUri("https://id.example.com"))
			.isEqualTo("https://id.example.com/01/09506000134352/21/X3K9QF2M7T1AB?8030=" + value);
	}

	@Test
	void rejectsUnknownOrRepeatedAisAndMissingGtin() {
		assertThatExceptionOfType(InvalidGs1DataException.class)
			.isThrownBy(() -> SignedCode.parse("(01)09506000134352(17)251231(21)S1"))
			.withMessageContaining("only AI 01, 10, 21 and 8030");
		assertThatExceptionOfType(InvalidGs1DataException.class)
			.isThrownBy(() -> SignedCode.parse("(01)09506000134352(21)S1(21)S2"))
			.withMessageContaining("more than once");
		assertThatExceptionOfType(InvalidGs1DataException.class).isThrownBy(() -> SignedCode.parse("(21)S1"))
			.withMessageContaining("no AI (01)");
		assertThatExceptionOfType(InvalidGs1DataException.class)
			.isThrownBy(() -> SignedCode.parse("0109506000134352" + "99ABC"))
			.withMessageContaining("where AI 01, 10, 21 or 8030 is expected");
		assertThatExceptionOfType(InvalidGs1DataException.class)
			.isThrownBy(() -> SignedCode.parse("0109506000134353" + "21S1"))
			.withMessageContaining("check digit");
	}

	@Test
	void rejectsARepeated8030DataAttribute() {
		String value = "A" + "x".repeat(85) + "A";
		assertThatExceptionOfType(InvalidGs1DataException.class)
			.isThrownBy(() -> SignedCode
				.parse("https://id.example.com/01/09506000134352/21/S1?8030=" + value + "&8030=" + value))
			.withMessageContaining("more than once");
	}

}
