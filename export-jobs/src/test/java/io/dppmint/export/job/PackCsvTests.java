package io.dppmint.export.job;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class PackCsvTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			=HYPERLINK(A1)|'=HYPERLINK(A1)
			+1|'+1
			-1|'-1
			@SUM(A1)|'@SUM(A1)
			'already|''already
			LOT7|LOT7
			A=1|A=1
			""|""
			""")
	void writesTextThatStartsLikeAFormulaWithALeadingApostrophe(String value, String cell) {
		assertThat(PackCsv.inert(value)).isEqualTo(cell);
	}

	@ParameterizedTest
	@CsvSource({ "'\t1'", "'\r1'" })
	void neutralisesLeadingTabsAndCarriageReturnsToo(String value) {
		assertThat(PackCsv.inert(value)).isEqualTo("'" + value);
	}

}
