package io.dppmint.console.minting;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the mint wizard has gathered so far, carried from step to step in the pages
 * themselves (query parameters and hidden fields), so the wizard keeps no server state
 * and the browser's back button just works. Everything is text until
 * {@link WizardRequest#parse} checks it, so a malformed value becomes an inline error
 * instead of a failed binding. The {@code key} is the wizard session's idempotency key:
 * made once when the wizard opens, it makes a repeated submission return the same batch.
 */
public class WizardForm {

	private String key;

	private String productId;

	private String runId;

	private String identityMode = "serial";

	private String activationMode = "active";

	private String quantity;

	private List<String> lotNumber = new ArrayList<>();

	private List<String> lotQuantity = new ArrayList<>();

	private boolean signed;

	private String carrier = "qr";

	private Map<String, String> passport = new LinkedHashMap<>();

	/**
	 * The batch's passport data as typed: field key to text (inputs named
	 * {@code passport[key]}), checked against the brand's batch-level fields when the
	 * request is parsed.
	 */
	public Map<String, String> getPassport() {
		return this.passport;
	}

	public void setPassport(Map<String, String> passport) {
		this.passport = (passport != null) ? new LinkedHashMap<>(passport) : new LinkedHashMap<>();
	}

	/** What was typed for a batch field, or an empty string. */
	public String passportAt(String key) {
		return this.passport.getOrDefault(key, "");
	}

	/** Whether the units are signed (GS1 AI 8030): the wizard's checkbox. */
	public boolean isSigned() {
		return this.signed;
	}

	public void setSigned(boolean signed) {
		this.signed = signed;
	}

	/** What carries the units' URLs: {@code qr} (printed codes) or {@code nfc} (tags). */
	public String getCarrier() {
		return this.carrier;
	}

	public void setCarrier(String carrier) {
		this.carrier = carrier;
	}

	public String getKey() {
		return this.key;
	}

	public void setKey(String key) {
		this.key = key;
	}

	public String getProductId() {
		return this.productId;
	}

	public void setProductId(String productId) {
		this.productId = productId;
	}

	public String getRunId() {
		return this.runId;
	}

	public void setRunId(String runId) {
		this.runId = runId;
	}

	public String getIdentityMode() {
		return this.identityMode;
	}

	public void setIdentityMode(String identityMode) {
		this.identityMode = identityMode;
	}

	public String getActivationMode() {
		return this.activationMode;
	}

	public void setActivationMode(String activationMode) {
		this.activationMode = activationMode;
	}

	public String getQuantity() {
		return this.quantity;
	}

	public void setQuantity(String quantity) {
		this.quantity = quantity;
	}

	public List<String> getLotNumber() {
		return this.lotNumber;
	}

	public void setLotNumber(List<String> lotNumber) {
		this.lotNumber = (lotNumber != null) ? new ArrayList<>(lotNumber) : new ArrayList<>();
	}

	public List<String> getLotQuantity() {
		return this.lotQuantity;
	}

	public void setLotQuantity(List<String> lotQuantity) {
		this.lotQuantity = (lotQuantity != null) ? new ArrayList<>(lotQuantity) : new ArrayList<>();
	}

	/** Lot rows to show: as many as either list holds, at least one. */
	public int getLotRows() {
		return Math.max(1, Math.max(this.lotNumber.size(), this.lotQuantity.size()));
	}

	public String lotNumberAt(int row) {
		return (row < this.lotNumber.size()) ? this.lotNumber.get(row) : "";
	}

	public String lotQuantityAt(int row) {
		return (row < this.lotQuantity.size()) ? this.lotQuantity.get(row) : "";
	}

	void addLotRow() {
		int rows = getLotRows();
		pad(this.lotNumber, rows);
		pad(this.lotQuantity, rows);
		this.lotNumber.add("");
		this.lotQuantity.add("");
	}

	void removeLotRow(int row) {
		int rows = getLotRows();
		pad(this.lotNumber, rows);
		pad(this.lotQuantity, rows);
		if (row >= 0 && row < rows && rows > 1) {
			this.lotNumber.remove(row);
			this.lotQuantity.remove(row);
		}
	}

	boolean hasRun() {
		return this.runId != null && !this.runId.isBlank();
	}

	private static void pad(List<String> values, int size) {
		while (values.size() < size) {
			values.add("");
		}
	}

}
