package io.dppmint.mint.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.dppmint.core.minting.ActivationMode;
import io.dppmint.core.minting.Carrier;
import io.dppmint.core.minting.IdentityMode;
import io.dppmint.core.minting.MintRequest.LotRequest;
import io.dppmint.core.passport.PassportValues;

import org.springframework.boot.ApplicationArguments;

/**
 * The options of {@code ./dpp mint}, parsed with a clear message for every mistake.
 *
 * @param brand brand code
 * @param sku product SKU
 * @param quantity units
 * @param identityMode serial or lot
 * @param lots the lots, in lot mode
 * @param activationMode active or first-scan
 * @param productionRun ERP reference of a production run, or {@code null}
 * @param idempotencyKey idempotency key, or {@code null}
 * @param signed whether units are signed (GS1 AI 8030), {@code --signed}
 * @param carrier qr or nfc, {@code --carrier}
 * @param passport the batch's passport data, {@code --passport FILE} (a JSON object of
 * the brand's batch-level fields), empty without it
 */
record MintCommandArguments(String brand, String sku, int quantity, IdentityMode identityMode, List<LotRequest> lots,
		ActivationMode activationMode, String productionRun, String idempotencyKey, boolean signed, Carrier carrier,
		PassportValues passport) {

	static final String USAGE = "./dpp mint --brand B --sku S --quantity N [--mode serial|lot] [--lots L1:500,L2:500]"
			+ " [--activation active|first-scan] [--production-run R] [--idempotency-key K] [--signed]"
			+ " [--carrier qr|nfc] [--passport FILE]";

	private static final Set<String> OPTIONS = Set.of("brand", "sku", "quantity", "mode", "lots", "activation",
			"production-run", "idempotency-key", "signed", "carrier", "passport");

	static MintCommandArguments parse(ApplicationArguments arguments) {
		for (String name : arguments.getOptionNames()) {
			if (!OPTIONS.contains(name) && !name.contains(".")) {
				throw new IllegalArgumentException("Unknown option --" + name + ". Usage: " + USAGE);
			}
		}
		String brand = required(arguments, "brand");
		String sku = required(arguments, "sku");
		String quantityText = required(arguments, "quantity");
		int quantity;
		try {
			quantity = Integer.parseInt(quantityText.replace("_", ""));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--quantity must be a whole number, not '" + quantityText + "'");
		}
		IdentityMode mode = IdentityMode.of(optional(arguments, "mode", "serial"));
		ActivationMode activation = ActivationMode.of(optional(arguments, "activation", "active"));
		List<LotRequest> lots = lots(optional(arguments, "lots", null));
		Carrier carrier = Carrier.of(optional(arguments, "carrier", "qr"));
		return new MintCommandArguments(brand, sku, quantity, mode, lots, activation,
				optional(arguments, "production-run", null), optional(arguments, "idempotency-key", null),
				flag(arguments, "signed"), carrier, passport(optional(arguments, "passport", null)));
	}

	/** The batch data in a JSON file: checked against the schema by the intake. */
	private static PassportValues passport(String file) {
		if (file == null) {
			return PassportValues.empty();
		}
		String json;
		try {
			json = Files.readString(Path.of(file));
		}
		catch (IOException | InvalidPathException ex) {
			throw new IllegalArgumentException("--passport: cannot read '" + file + "' (" + ex.getMessage() + ")");
		}
		try {
			return PassportValues.parse(json);
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("--passport: '" + file
					+ "' is not a JSON object of the batch's passport fields (" + ex.getMessage() + ")");
		}
	}

	/**
	 * A switch: {@code --name} alone (or {@code --name=true}) turns it on.
	 */
	private static boolean flag(ApplicationArguments arguments, String name) {
		if (!arguments.containsOption(name)) {
			return false;
		}
		List<String> values = arguments.getOptionValues(name);
		if (values.size() > 1) {
			throw new IllegalArgumentException("--" + name + " is given more than once");
		}
		if (values.isEmpty() || values.get(0).equals("true")) {
			return true;
		}
		if (values.get(0).equals("false")) {
			return false;
		}
		throw new IllegalArgumentException(
				"--" + name + " is a switch and takes no value, not '" + values.get(0) + "'");
	}

	private static List<LotRequest> lots(String text) {
		List<LotRequest> lots = new ArrayList<>();
		if (text == null || text.isBlank()) {
			return lots;
		}
		for (String lot : text.split(",")) {
			int colon = lot.lastIndexOf(':');
			if (colon <= 0 || colon == lot.length() - 1) {
				throw new IllegalArgumentException(
						"--lots takes LOT:QUANTITY pairs separated by commas, not '" + lot + "'");
			}
			try {
				lots.add(new LotRequest(lot.substring(0, colon), Integer.parseInt(lot.substring(colon + 1))));
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("The quantity of lot '" + lot + "' is not a whole number");
			}
		}
		return lots;
	}

	private static String required(ApplicationArguments arguments, String name) {
		String value = optional(arguments, name, null);
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException("--" + name + " is required. Usage: " + USAGE);
		}
		return value;
	}

	private static String optional(ApplicationArguments arguments, String name, String fallback) {
		List<String> values = arguments.getOptionValues(name);
		if (values == null || values.isEmpty()) {
			return fallback;
		}
		if (values.size() > 1) {
			throw new IllegalArgumentException("--" + name + " is given more than once");
		}
		return values.get(0);
	}

}
