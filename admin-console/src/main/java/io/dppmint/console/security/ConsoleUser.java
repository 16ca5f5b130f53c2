package io.dppmint.console.security;

import java.util.List;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;

/**
 * A console user as Spring Security's form login sees it, carrying the {@link Caller} it
 * acts as.
 */
final class ConsoleUser extends User implements CallerPrincipal {

	private static final long serialVersionUID = 1L;

	private final Caller caller;

	ConsoleUser(String username, String passwordHash, boolean enabled, Caller caller) {
		super(username, passwordHash, enabled, true, true, true,
				List.of(new SimpleGrantedAuthority(caller.role().authority())));
		this.caller = caller;
	}

	@Override
	public Caller caller() {
		return this.caller;
	}

	@Override
	public boolean equals(Object other) {
		return super.equals(other);
	}

	@Override
	public int hashCode() {
		return super.hashCode();
	}

}
