package io.dppmint.console.security;

/**
 * An authenticated principal of the console: a form-login user or an API key.
 */
public interface CallerPrincipal {

	/** The caller this principal acts as. */
	Caller caller();

}
