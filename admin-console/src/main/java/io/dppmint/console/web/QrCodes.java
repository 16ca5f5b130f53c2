package io.dppmint.console.web;

import java.util.Map;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

/**
 * QR codes (ISO/IEC 18004, via ZXing) as SVG: error correction level M, black modules on
 * an opaque white background with a 4-module quiet zone, so the code scans whatever the
 * page's theme. One SVG unit is one module and every dark run of a row is one path
 * segment, which keeps the markup small and the edges crisp at any size.
 */
public final class QrCodes {

	/** Modules of light margin around the symbol, as ISO/IEC 18004 requires. */
	public static final int QUIET_ZONE = 4;

	private QrCodes() {
	}

	/**
	 * The SVG of a QR code encoding exactly {@code content} (resolver URLs are ASCII:
	 * byte mode, no ECI header).
	 * @param content what the code carries, such as a resolver URL
	 * @param title the accessible name of the image
	 * @return a standalone {@code <svg>} element
	 */
	public static String svg(String content, String title) {
		BitMatrix matrix = encode(content);
		int size = matrix.getWidth();
		StringBuilder path = new StringBuilder(size * size / 2);
		for (int y = 0; y < size; y++) {
			int x = 0;
			while (x < size) {
				if (!matrix.get(x, y)) {
					x++;
					continue;
				}
				int start = x;
				while (x < size && matrix.get(x, y)) {
					x++;
				}
				path.append('M')
					.append(start)
					.append(' ')
					.append(y)
					.append('h')
					.append(x - start)
					.append("v1h-")
					.append(x - start)
					.append('z');
			}
		}
		return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + size + " " + size
				+ "\" shape-rendering=\"crispEdges\" role=\"img\" class=\"qr\"><title>" + escape(title)
				+ "</title><rect width=\"" + size + "\" height=\"" + size
				+ "\" fill=\"#ffffff\"/><path fill=\"#000000\" d=\"" + path + "\"/></svg>";
	}

	static BitMatrix encode(String content) {
		try {
			return new QRCodeWriter().encode(content, BarcodeFormat.QR_CODE, 0, 0,
					Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, QUIET_ZONE));
		}
		catch (WriterException ex) {
			throw new IllegalArgumentException("Cannot encode " + content.length() + " characters in a QR code", ex);
		}
	}

	private static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}

}
