package io.dppmint.core.registry;

/**
 * A registry request refused before anything was written: an invalid value
 * ({@link #invalid()}, naming its field) or one the batch's state does not allow (a batch
 * that is not minted, a second registration identifier, ...). {@link #code()} says which,
 * for API clients.
 */
public class RegistryException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String code;

	private final String field;

	private RegistryException(String code, String field, String message) {
		super(message);
		this.code = code;
		this.field = field;
	}

	static RegistryException invalid(String field, String code, String message) {
		return new RegistryException(code, field, message);
	}

	static RegistryException conflict(String code, String message) {
		return new RegistryException(code, null, message);
	}

	/** A machine-readable reason, e.g. {@code BATCH_NOT_MINTED}. */
	public String code() {
		return this.code;
	}

	/** The request field at fault, or {@code null} when the batch's state is. */
	public String field() {
		return this.field;
	}

	/** Whether a value was invalid (else the batch's state refused the change). */
	public boolean invalid() {
		return this.field != null;
	}

}
