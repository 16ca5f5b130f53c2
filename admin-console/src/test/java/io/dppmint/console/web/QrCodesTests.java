package io.dppmint.console.web;

import com.google.zxing.Result;
import com.google.zxing.ResultMetadataType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SVG is read back the way a scanner would ({@link QrSvg}); the text, the error
 * correction level, the colours and the quiet zone are what ISO/IEC 18004 and the product
 * ask for.
 */
class QrCodesTests {

	@Test
	void encodesExactlyTheResolverUrlAtLevelMWithAQuietZone() {
		String url = "https://id.example.com/01/09506000134352/10/LOT%2F7/21/X3K9QF2M7T1AB";
		String svg = QrCodes.svg(url, "QR code of " + url);
		assertThat(svg).startsWith("<svg").contains("fill=\"#ffffff\"", "fill=\"#000000\"", "<title>QR code of");
		boolean[][] modules = QrSvg.modules(svg);
		int size = modules.length;
		for (int i = 0; i < size; i++) {
			for (int q = 0; q < QrCodes.QUIET_ZONE; q++) {
				assertThat(modules[q][i] || modules[size - 1 - q][i] || modules[i][q] || modules[i][size - 1 - q])
					.as("quiet zone")
					.isFalse();
			}
		}
		assertThat(modules[QrCodes.QUIET_ZONE][QrCodes.QUIET_ZONE]).as("finder pattern corner").isTrue();

		Result result = QrSvg.read(svg);
		assertThat(result.getText()).isEqualTo(url);
		assertThat(result.getResultMetadata()).containsEntry(ResultMetadataType.ERROR_CORRECTION_LEVEL, "M");
	}

	@Test
	void escapesTheTitle() {
		assertThat(QrCodes.svg("https://id.example.com/t/A", "<b>\"x\" & y</b>"))
			.contains("<title>&lt;b&gt;&quot;x&quot; &amp; y&lt;/b&gt;</title>");
	}

}
