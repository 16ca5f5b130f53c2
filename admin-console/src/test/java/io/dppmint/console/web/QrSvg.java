package io.dppmint.console.web;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.ChecksumException;
import com.google.zxing.FormatException;
import com.google.zxing.NotFoundException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.Result;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;

/**
 * Reads back the QR codes the console draws ({@link QrCodes#svg}) the way a scanner
 * would: the SVG's path is drawn into pixels, which ZXing's reader decodes.
 */
public final class QrSvg {

	private static final Pattern VIEW_BOX = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"");

	private static final Pattern RUN = Pattern.compile("M(\\d+) (\\d+)h(\\d+)v1h-(\\d+)z");

	private QrSvg() {
	}

	/**
	 * The text a QR code carries.
	 * @param svg the {@code <svg>} element (or markup holding one)
	 * @return what a scanner reads
	 */
	public static String decode(String svg) {
		return read(svg).getText();
	}

	/** What ZXing reads from the SVG drawn at 4 pixels a module. */
	static Result read(String svg) {
		try {
			return new QRCodeReader().decode(bitmap(modules(svg), 4));
		}
		catch (NotFoundException | ChecksumException | FormatException ex) {
			throw new AssertionError("No QR code could be read from the SVG", ex);
		}
	}

	/** The dark modules the SVG paints, [y][x]. */
	static boolean[][] modules(String svg) {
		Matcher box = VIEW_BOX.matcher(svg);
		if (!box.find()) {
			throw new AssertionError("No QR code SVG (no viewBox) in " + svg);
		}
		int size = Integer.parseInt(box.group(1));
		boolean[][] modules = new boolean[size][size];
		Matcher run = RUN.matcher(svg.substring(box.start()));
		while (run.find()) {
			int x = Integer.parseInt(run.group(1));
			int y = Integer.parseInt(run.group(2));
			int width = Integer.parseInt(run.group(3));
			if (!run.group(4).equals(run.group(3))) {
				throw new AssertionError("A run of the QR code is not one module high: " + run.group());
			}
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
