package io.dppmint.core.epcis;

/**
 * A query the EPCIS interface refuses, named as the EPCIS 2.0 standard names its
 * exceptions (EPCIS 2.0 §8.2.7, the REST bindings' {@code epcisException:...} problem
 * types): {@code QueryParameterException} for a parameter that is unknown, malformed or
 * not supported here.
 */
public class EpcisQueryException extends RuntimeException {

	private final String parameter;

	public EpcisQueryException(String parameter, String message) {
		super(message);
		this.parameter = parameter;
	}

	/** The parameter at fault. */
	public String parameter() {
		return this.parameter;
	}

	/** The standard's exception type. */
	public String type() {
		return "QueryParameterException";
	}

}
