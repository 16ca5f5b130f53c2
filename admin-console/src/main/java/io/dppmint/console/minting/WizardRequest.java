package io.dppmint.console.minting;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.dppmint.console.passport.PassportForm;
import io.dppmint.core.minting.ActivationMode;
import io.dppmint.core.minting.Carrier;
import io.dppmint.core.minting.IdentityMode;
import io.dppmint.core.minting.MintRejectedException.Violation;
import io.dppmint.core.minting.MintRequest;
import io.dppmint.core.minting.MintRequest.LotRequest;
import io.dppmint.core.passport.FieldDefinition;
import io.dppmint.core.passport.FieldType;
import io.dppmint.core.passport.PassportValues;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The wizard's form read as a mint request, or the inline errors that stop it from being
 * one. Field names are those of the intake's violations ({@code quantity},
 * {@code lots[2].lotNumber}, ...), with lot indexes translated back to the form's rows
 * (blank rows are skipped), so every error lands next to its field.
 */
final class WizardRequest {

	private final MintRequest request;

	private final Map<String, String> errors;

	private final List<Integer> lotRows;

	private WizardRequest(MintRequest request, Map<String, String> errors, List<Integer> lotRows) {
		this.request = request;
		this.errors = errors;
		this.lotRows = lotRows;
	}

	/**
	 * The request the form describes, with the batch's passport data read from the
	 * wizard's inputs for {@code batchFields} (a number must be one; every other rule is
	 * the intake's).
	 */
	static WizardRequest parse(WizardForm form, long brandId, long productId, List<FieldDefinition> batchFields) {
		Map<String, String> errors = new LinkedHashMap<>();
		ObjectNode passport = JsonNodeFactory.instance.objectNode();
		for (FieldDefinition field : batchFields) {
			// Read as the passport editors read a typed value; the wizard's inputs are
			// one
			// line, so surrounding blanks go.
			JsonNode value = PassportForm.scalar(field, form.passportAt(field.key()).strip());
			if (value == null) {
				continue;
			}
			if (field.type() == FieldType.NUMBER && !value.isNumber()) {
				errors.put("passport." + field.key(), "Enter a number");
			}
			else {
				passport.set(field.key(), value);
			}
		}
		Long runId = null;
		if (form.hasRun()) {
			runId = positiveLong(form.getRunId());
			if (runId == null) {
				errors.put("productionRunId", "Choose a production run from the list, or none");
			}
		}
		IdentityMode identityMode = switch (String.valueOf(form.getIdentityMode())) {
			case "serial" -> IdentityMode.SERIAL;
			case "lot" -> IdentityMode.LOT;
			default -> {
				errors.put("identityMode", "Choose serial or lot");
				yield null;
			}
		};
		ActivationMode activationMode = switch (String.valueOf(form.getActivationMode())) {
			case "active" -> ActivationMode.ACTIVE;
			case "first_scan" -> ActivationMode.FIRST_SCAN;
			default -> {
				errors.put("activationMode", "Choose active at mint or first scan");
				yield null;
			}
		};
		Carrier carrier = switch (String.valueOf(form.getCarrier())) {
			case "qr" -> Carrier.QR;
			case "nfc" -> Carrier.NFC;
			default -> {
				errors.put("carrier", "Choose QR codes or NFC tags");
				yield null;
			}
		};
		Integer quantity = wholeNumber(form.getQuantity());
		if (quantity == null) {
			errors.put("quantity", "Enter a whole number of units from 1 to 1,000,000");
		}
		List<LotRequest> lots = new ArrayList<>();
		List<Integer> lotRows = new ArrayList<>();
		if (identityMode == IdentityMode.LOT) {
			for (int row = 0; row < form.getLotRows(); row++) {
				String number = form.lotNumberAt(row).strip();
				String units = form.lotQuantityAt(row).strip();
				if (number.isEmpty() && units.isEmpty()) {
					continue;
				}
				Integer lotQuantity = wholeNumber(units);
				if (lotQuantity == null) {
					errors.put("lots[" + row + "].quantity", "Enter the lot's units as a whole number");
				}
				if (number.isEmpty()) {
					errors.put("lots[" + row + "].lotNumber", "Enter a lot number");
				}
				lots.add(new LotRequest(number, (lotQuantity != null) ? lotQuantity : 0));
				lotRows.add(row);
			}
		}
		MintRequest request = errors.isEmpty()
				? new MintRequest(brandId, productId, runId, identityMode, activationMode, quantity, lots,
						form.getKey(), form.isSigned(), carrier)
					.withPassport(PassportValues.of(passport))
				: null;
		return new WizardRequest(request, errors, lotRows);
	}

	/** The request, or {@code null} if the form has errors of its own. */
	MintRequest request() {
		return this.request;
	}

	Map<String, String> errors() {
		return this.errors;
	}

	/** Adds the intake's violations, each under the form field it concerns. */
	WizardRequest reject(List<Violation> violations) {
		for (Violation violation : violations) {
			this.errors.merge(formField(violation.field()), violation.message(), (a, b) -> a + " " + b);
		}
		return this;
	}

	private String formField(String field) {
		if (field.startsWith("lots[")) {
			int end = field.indexOf(']');
			int index = Integer.parseInt(field.substring(5, end));
			int row = (index < this.lotRows.size()) ? this.lotRows.get(index) : index;
			return "lots[" + row + field.substring(end);
		}
		return field;
	}

	/** A whole number as people type it ("250000", "250,000", "250 000"), or null. */
	static Integer wholeNumber(String text) {
		if (text == null) {
			return null;
		}
		String digits = text.strip().replace(",", "").replace(" ", "").replace("_", "");
		if (digits.isEmpty() || digits.length() > 9 || !digits.chars().allMatch(Character::isDigit)) {
			return null;
		}
		return Integer.valueOf(digits);
	}

	static Long positiveLong(String text) {
		try {
			long value = Long.parseLong(text.strip().toLowerCase(Locale.ROOT));
			return (value > 0) ? value : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
