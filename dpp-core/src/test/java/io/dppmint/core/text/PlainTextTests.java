package io.dppmint.core.text;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class PlainTextTests {

	@ParameterizedTest
	@ValueSource(strings = { "\u0000", "a\u0000b", "\u001b[31m", "\u007f", "\u0085", "\u009b" })
	void refusesNulAndOtherControlCharactersEverywhere(String value) {
		assertThat(PlainText.isSingleLine(value)).isFalse();
		assertThat(PlainText.isMultiLine(value)).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "line\nbreak", "tab\there", "crlf\r\n" })
	void allowsLineBreaksAndTabsInMultiLineTextOnly(String value) {
		assertThat(PlainText.isSingleLine(value)).isFalse();
		assertThat(PlainText.isMultiLine(value)).isTrue();
	}

	@Test
	void allowsAnyOtherTextAndNull() {
		assertThat(PlainText.isSingleLine("Ünïcode — 'quotes' / € 😀")).isTrue();
		assertThat(PlainText.isMultiLine("Ünïcode — 'quotes' / € 😀")).isTrue();
		assertThat(PlainText.isSingleLine(null)).isTrue();
		assertThat(PlainText.isMultiLine(null)).isTrue();
	}

}
