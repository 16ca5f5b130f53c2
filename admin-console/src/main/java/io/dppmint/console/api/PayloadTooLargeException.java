package io.dppmint.console.api;

import java.io.IOException;

/**
 * A request body longer than the API accepts ({@code dpp.console.max-request-body-size}),
 * noticed while reading it: answered 413.
 */
public class PayloadTooLargeException extends IOException {

	private static final long serialVersionUID = 1L;

	public PayloadTooLargeException(long limit) {
		super("The request body is larger than the " + limit + " bytes the API accepts");
	}

}
