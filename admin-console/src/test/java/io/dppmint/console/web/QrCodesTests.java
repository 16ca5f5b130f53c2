package io.dppmint.console.web;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.Result;
import com.google.zxing.ResultMetadataType;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SVG is read back the way a scanner would: its path is drawn into pixels, which
 * ZXing's reader decodes; the text, the error correction level, the colours and the quiet
 * zone are what ISO/IEC 18004 and the product ask for.
 */
class QrCodesTests {

	private static final Pattern VIEW_BOX = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"");

	private static final Pattern RUN = Pattern.compile("M(\\d+) (\\d+)h(\\d+)v1h-(\\d+)z");

	@Test
	void encodesExactlyTheResolverUrlAtLevelMWithAQuietZone() throws Exception {
		String url = "https://id.example.com/01/09506000134352/10/LOT%2F7/21/X3K9QF2M7T1AB";
		String svg = QrCodes.svg(url, "QR code of " + url);
		assertThat(svg).startsWith("<svg").contains("fill=\"#ffffff\"", "fill=\"#000000\"", "<title>QR code of");
		boolean[][] modules = modules(svg);
		int size = modules.length;
		for (int i = 0; i < size; i++) {
			for (int q = 0; q < QrCodes.QUIET_ZONE; q++) {
				assertThat(modules[q][i] || modules[size - 1 - q][i] || modules[i][q] || modules[i][size - 1 - q])
					.as("quiet zone")
					.isFalse();
			}
		}
		assertThat(modules[QrCodes.QUIET_ZONE][QrCodes.QUIET_ZONE]).as("finder pattern corner").isTrue();

		Result result = new QRCodeReader().decode(bitmap(modules, 4));
		assertThat(result.getText()).isEqualTo(url);
		assertThat(result.getResultMetadata()).containsEntry(ResultMetadataType.ERROR_CORRECTION_LEVEL, "M");
	}

	@Test
	void escapesTheTitle() {
		assertThat(QrCodes.svg("https://id.example.com/t/A", "<b>\"x\" & y</b>"))
			.contains("<title>&lt;b&gt;&quot;x&quot; &amp; y&lt;/b&gt;</title>");
	}

	/** The dark modules the SVG paints, [y][x]. */
	private static boolean[][] modules(String svg) {
		Matcher box = VIEW_BOX.matcher(svg);
		assertThat(box.find()).isTrue();
		int size = Integer.parseInt(box.group(1));
		boolean[][] modules = new boolean[size][size];
		Matcher run = RUN.matcher(svg);
		while (run.find()) {
			int x = Integer.parseInt(run.group(1));
			int y = Integer.parseInt(run.group(2));
			int width = Integer.parseInt(run.group(3));
			assertThat(run.group(4)).isEqualTo(run.group(3));
			for (int i = 0; i < width; i++) {
				modules[y][x + i] = true;
			}
		}
		return modules;
	}

	private static BinaryBitmap bitmap(boolean[][] modules, int scale) {
		int size = modules.length * scale;
		int[] pixels = new int[size * size];
		for (int y = 0; y < size; y++) {
			for (int x = 0; x < size; x++) {
				pixels[y * size + x] = modules[y / scale][x / scale] ? 0xFF000000 : 0xFFFFFFFF;
			}
		}
		return new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(size, size, pixels)));
	}

}
