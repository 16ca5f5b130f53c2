package io.dppmint.export.job;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import io.dppmint.core.identifier.IdentifierScheme;
import io.dppmint.core.nfc.BrandNfcKey;
import io.dppmint.core.nfc.KeyPackEncryption;
import io.dppmint.core.nfc.Ntag424Keys;
import io.dppmint.core.nfc.SunUrlTemplate;
import io.dppmint.core.token.ResolverUrls;
import org.apache.commons.csv.CSVPrinter;

/**
 * The encrypted key pack beside each print pack of an NFC batch
 * ({@code nfc-keys-<n>.csv.p7m}): per unit, what the tag programmer writes onto its NTAG
 * 424 DNA, as CSV with the columns {@link #HEADER}: the URL template with the SUN
 * placeholders, the NDEF offsets of {@code picc_data} and {@code cmac}
 * ({@link SunUrlTemplate}), the brand master key's number and the keys K0 to K4
 * diversified for the token ({@link Ntag424Keys}, upper-case hex).
 * <p>
 * The CSV is written straight into {@link KeyPackEncryption} (CMS AuthEnvelopedData,
 * AES-256-GCM, to the brand's tag-programmer certificate), so key bytes reach the sink,
 * and so the disk, only encrypted.
 */
final class NfcKeyPack {

	/** The key pack's header row. */
	static final List<String> HEADER = List.of("pack", "row", "token_ref", "url_template", "picc_data_offset",
			"sdmmac_input_offset", "sdmmac_offset", "key_version", "k0", "k1", "k2", "k3", "k4");

	private static final HexFormat HEX = HexFormat.of().withUpperCase();

	private final X509Certificate recipient;

	private final BrandNfcKey masterKey;

	private final Map<Long, ResolverUrls> urls;

	/**
	 * Key packs of one batch.
	 * @param recipient the brand's tag-programmer certificate
	 * @param masterKey the brand's NFC master key
	 * @param urls resolver URLs by lot id, with {@code 0} for no lot
	 */
	NfcKeyPack(X509Certificate recipient, BrandNfcKey masterKey, Map<Long, ResolverUrls> urls) {
		this.recipient = recipient;
		this.masterKey = masterKey;
		this.urls = urls;
	}

	/**
	 * Write one pack's key pack, encrypted, to {@code sink} (left open).
	 * @param packNumber the pack
	 * @param firstTokenId the token of its first row
	 * @param identifiers the rows' identifiers, {@link IdentifierScheme#LENGTH} ASCII
	 * bytes each
	 * @param lotIds the rows' lot ids ({@code 0} for none)
	 * @param sink where the CMS message goes
	 * @throws IOException if the sink fails
	 */
	void write(int packNumber, long firstTokenId, byte[] identifiers, long[] lotIds, OutputStream sink)
			throws IOException {
		OutputStream plaintext = KeyPackEncryption.encryptTo(this.recipient, sink);
		Writer text = new BufferedWriter(new OutputStreamWriter(plaintext, StandardCharsets.US_ASCII));
		// Closing the printer closes the CMS stream once: that writes the GCM tag.
		try (CSVPrinter csv = new CSVPrinter(text,
				PackCsv.FORMAT.builder().setHeader(HEADER.toArray(String[]::new)).get())) {
			for (int row = 0; row < lotIds.length; row++) {
				String identifier = new String(identifiers, row * IdentifierScheme.LENGTH, IdentifierScheme.LENGTH,
						StandardCharsets.US_ASCII);
				SunUrlTemplate template = SunUrlTemplate
					.forResolverUrl(this.urls.get(lotIds[row]).prefix() + identifier);
				Ntag424Keys keys = this.masterKey.tagKeys(firstTokenId + row);
				csv.print(packNumber);
				csv.print(row + 1);
				csv.print(identifier);
				csv.print(template.url());
				csv.print(template.piccDataOffset());
				csv.print(template.sdmMacInputOffset());
				csv.print(template.sdmMacOffset());
				csv.print(this.masterKey.keyNumber());
				for (int keyNo = 0; keyNo < Ntag424Keys.KEY_COUNT; keyNo++) {
					csv.print(HEX.formatHex(keys.key(keyNo)));
				}
				csv.println();
			}
		}
	}

}
