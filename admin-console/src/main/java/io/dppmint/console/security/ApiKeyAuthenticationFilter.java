package io.dppmint.console.security;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import io.dppmint.console.api.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates brand-portal clients by API key ({@code X-API-Key: dpp_...} or
 * {@code Authorization: Bearer dpp_...}) for this request only: no session is created, so
 * no cookie and no CSRF token is involved. A request that presents a wrong, unknown or
 * revoked key is answered 401 at once, whatever else it carries.
 */
final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

	static final String HEADER = "X-API-Key";

	private final JdbcApiKeys apiKeys;

	ApiKeyAuthenticationFilter(JdbcApiKeys apiKeys) {
		this.apiKeys = apiKeys;
	}

	/** The key a request presents, if any. */
	static Optional<String> presentedKey(HttpServletRequest request) {
		String header = request.getHeader(HEADER);
		if (header != null) {
			return Optional.of(header.strip());
		}
		String authorization = request.getHeader("Authorization");
		if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return Optional.of(authorization.substring(7).strip());
		}
		return Optional.empty();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Optional<String> key = presentedKey(request);
		if (key.isEmpty()) {
			chain.doFilter(request, response);
			return;
		}
		Optional<Caller> caller = this.apiKeys.authenticate(key.get());
		if (caller.isEmpty()) {
			response.setHeader("WWW-Authenticate", "Bearer");
			Problems.write(request, response, HttpStatus.UNAUTHORIZED, "unauthorized",
					"The API key is not valid (unknown, revoked or malformed)");
			return;
		}
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(new ApiKeyAuthentication(caller.get()));
		SecurityContextHolder.setContext(context);
		try {
			chain.doFilter(request, response);
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

	/** An authenticated API key. */
	static final class ApiKeyAuthentication extends AbstractAuthenticationToken implements CallerPrincipal {

		private static final long serialVersionUID = 1L;

		private final Caller caller;

		ApiKeyAuthentication(Caller caller) {
			super(List.of(new SimpleGrantedAuthority(caller.role().authority())));
			this.caller = caller;
			setAuthenticated(true);
		}

		@Override
		public Caller caller() {
			return this.caller;
		}

		@Override
		public Object getCredentials() {
			return "";
		}

		@Override
		public Object getPrincipal() {
			return this;
		}

		@Override
		public String getName() {
			return this.caller.name();
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof ApiKeyAuthentication that && that.caller.equals(this.caller);
		}

		@Override
		public int hashCode() {
			return this.caller.hashCode();
		}

	}

}
