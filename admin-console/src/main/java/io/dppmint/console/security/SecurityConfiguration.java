package io.dppmint.console.security;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.dppmint.console.api.Problems;
import io.dppmint.core.background.BackgroundLoop;
import io.dppmint.core.catalog.JdbcBrandRepository;
import io.dppmint.core.secrets.PlatformSecrets;
import org.springdoc.core.utils.SpringDocUtils;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.savedrequest.CookieRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Who may call what. Brand-portal clients authenticate per request with an API key;
 * console users log in with a form (session, CSRF on). Reads need any authenticated
 * caller; changes need a role that may write (never a viewer); API keys are managed by
 * operators and brand owners; job operations and Spring Boot Admin belong to operators.
 * API errors (401, 403) are problem+json; browsers are sent to the login page. Which
 * brand a caller sees is decided by the {@link Caller}'s scope inside every query.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	static {
		// The caller comes from authentication, never from the request: not an API
		// parameter.
		SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
	}

	static final String REGISTRATION_USER = "dpp-app";

	private static final String[] WRITERS = { "OPERATOR", "BRAND_OWNER", "COMPLIANCE_APPROVER", "API_CLIENT" };

	/**
	 * {@code /actuator/prometheus} has its own guard, before every security filter (the
	 * scrape token, or loopback only: docs/operations.md): this chain keeps the console's
	 * logins and API keys out of it, since a scrape token is neither, and a Prometheus
	 * server holds no session.
	 */
	@Bean
	@Order(0)
	SecurityFilterChain metricsFilterChain(HttpSecurity http) {
		http.securityMatcher("/actuator/prometheus")
			.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.csrf((csrf) -> csrf.disable())
			.requestCache((cache) -> cache.disable())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		return http.build();
	}

	/**
	 * Apps register with Spring Boot Admin by HTTP Basic as {@value #REGISTRATION_USER}
	 * with the password in {@code dpp.console.registration-password} (random per
	 * {@code ./dpp up}; a deployment secret otherwise). Without it no app can register.
	 * This chain only sees registration calls that carry Basic credentials; the UI's own
	 * calls to the same paths go through the console chain (operators).
	 */
	@Bean
	@Order(1)
	SecurityFilterChain registrationFilterChain(HttpSecurity http, PasswordEncoder passwordEncoder,
			Environment environment) {
		String password = environment.getProperty("dpp.console.registration-password");
		UserDetailsService registrants = (password != null && !password.isBlank())
				? new InMemoryUserDetailsManager(User.withUsername(REGISTRATION_USER)
					.password(passwordEncoder.encode(password))
					.roles("APP_REGISTRATION")
					.build())
				: new InMemoryUserDetailsManager();
		DaoAuthenticationProvider provider = new DaoAuthenticationProvider(registrants);
		provider.setPasswordEncoder(passwordEncoder);
		http.securityMatcher((request) -> request.getRequestURI().startsWith("/admin/instances")
				&& request.getHeader("Authorization") != null
				&& request.getHeader("Authorization").regionMatches(true, 0, "Basic ", 0, 6))
			.authorizeHttpRequests((requests) -> requests.requestMatchers(HttpMethod.POST, "/admin/instances")
				.hasRole("APP_REGISTRATION")
				.requestMatchers(HttpMethod.DELETE, "/admin/instances/*")
				.hasRole("APP_REGISTRATION")
				.anyRequest()
				.denyAll())
			.authenticationManager(new ProviderManager(provider))
			.httpBasic(Customizer.withDefaults())
			// Basic credentials, no cookies: nothing a forged cross-site request could
			// use.
			.csrf((csrf) -> csrf.disable())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain securityFilterChain(HttpSecurity http, JdbcApiKeys apiKeys, LoginThrottle throttle) {
		RequestMatcher api = PathPatternRequestMatcher.pathPattern("/api/**");
		RequestCache requestCache = new CookieRequestCache();
		http.authorizeHttpRequests((requests) -> requests
			.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/login", "/error",
					"/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**", "/assets/**",
					"/webjars/**")
			.permitAll()
			.requestMatchers("/api/v1/jobs/**", "/jobs", "/jobs/**", "/admin", "/admin/**")
			.hasRole("OPERATOR")
			.requestMatchers("/api/v1/api-keys", "/api/v1/api-keys/**")
			.hasAnyRole("OPERATOR", "BRAND_OWNER")
			// The console's pages: anyone logged in reads; the wizard, the passport
			// editor and every change (revocation, export, keys, passports) need a role
			// that may write.
			.requestMatchers("/mint/new", "/mint/new/**", "/products/*/passport/edit", "/mint/batch/*/passport/edit",
					"/mint/tokens/*/passport/edit")
			.hasAnyRole(WRITERS)
			.requestMatchers(HttpMethod.POST, "/mint/**", "/schedules/**", "/brands/**", "/products/**")
			.hasAnyRole(WRITERS)
			.requestMatchers(HttpMethod.GET, "/api/**")
			.authenticated()
			.requestMatchers("/api/**")
			.hasAnyRole(WRITERS)
			.anyRequest()
			.authenticated())
			// No session for anyone not logged in: the page asked for before login is
			// remembered in a cookie, a failed login says so in the URL.
			.requestCache((cache) -> cache.requestCache(requestCache))
			.formLogin((form) -> form.loginPage("/login")
				.successHandler(loginSucceeded(throttle, requestCache))
				.failureHandler(loginFailed(throttle)))
			.logout((logout) -> logout.logoutSuccessUrl("/login?logout"))
			// Requests authenticated by an API key carry no cookie, so they cannot be
			// forged
			// cross-site; everything else (form login sessions) needs the CSRF token: the
			// XSRF-TOKEN cookie echoed in an X-XSRF-TOKEN header, or the login form's
			// field.
			.csrf((csrf) -> csrf.spa()
				.ignoringRequestMatchers((request) -> ApiKeyAuthenticationFilter.presentedKey(request).isPresent()))
			.addFilterBefore(new ApiKeyAuthenticationFilter(apiKeys), UsernamePasswordAuthenticationFilter.class)
			.addFilterBefore(new LoginThrottleFilter(throttle), UsernamePasswordAuthenticationFilter.class)
			.exceptionHandling((exceptions) -> exceptions
				.defaultAuthenticationEntryPointFor(
						(request, response, ex) -> Problems.write(request, response, HttpStatus.UNAUTHORIZED,
								"unauthorized", "Authenticate with an API key (X-API-Key) or log in to the console"),
						api)
				.defaultAccessDeniedHandlerFor((request, response, ex) -> Problems.write(request, response,
						HttpStatus.FORBIDDEN, "forbidden", "Your role may not do this"), api));
		return http.build();
	}

	private static AuthenticationSuccessHandler loginSucceeded(LoginThrottle throttle, RequestCache requestCache) {
		SavedRequestAwareAuthenticationSuccessHandler redirect = new SavedRequestAwareAuthenticationSuccessHandler();
		redirect.setDefaultTargetUrl("/mint");
		redirect.setRequestCache(requestCache);
		return (request, response, authentication) -> {
			throttle.succeeded(authentication.getName());
			redirect.onAuthenticationSuccess(request, response, authentication);
		};
	}

	private static AuthenticationFailureHandler loginFailed(LoginThrottle throttle) {
		return (request, response, exception) -> {
			throttle.failed(request.getParameter("username"), request.getRemoteAddr());
			response.sendRedirect(request.getContextPath() + "/login?error");
		};
	}

	/**
	 * The login throttle. Its subjects are keyed with a key derived from the
	 * download-signing key (which the console holds anyway), so no further secret needs
	 * to be managed; rotating that key only resets the counts.
	 */
	@Bean
	LoginThrottle loginThrottle(JdbcClient jdbc, PlatformSecrets secrets,
			@Value("${dpp.console.login.user-limit:5}") int userLimit,
			@Value("${dpp.console.login.address-limit:20}") int addressLimit) {
		byte[] signingKey = secrets.downloadSigningKey();
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(signingKey, "HmacSHA256"));
			return new LoginThrottle(jdbc, mac.doFinal("dpp login throttle v1".getBytes(StandardCharsets.US_ASCII)),
					userLimit, addressLimit);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			Arrays.fill(signingKey, (byte) 0);
		}
	}

	@Bean
	BackgroundLoop loginThrottleCleanup(LoginThrottle throttle) {
		return BackgroundLoop.named("login-throttle-cleanup").every(Duration.ofMinutes(10), throttle::forgetExpired);
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	JdbcConsoleUsers jdbcConsoleUsers(JdbcClient jdbc) {
		return new JdbcConsoleUsers(jdbc);
	}

	@Bean
	JdbcApiKeys jdbcApiKeys(JdbcClient jdbc) {
		return new JdbcApiKeys(jdbc);
	}

	@Bean
	InitialAdmin initialAdmin(JdbcConsoleUsers users, PasswordEncoder passwordEncoder, JdbcBrandRepository brands,
			Environment environment) {
		Path credentialsFile = Optional.ofNullable(environment.getProperty("dpp.console.initial-credentials-file"))
			.map(Path::of)
			.orElseGet(() -> Path.of(environment.getProperty("dpp.db.home", ".dpp-data"))
				.resolve("secrets")
				.resolve("initial-credentials.txt"));
		String adminPassword = environment.getProperty("dpp.console.initial-admin-password");
		return new InitialAdmin(users, passwordEncoder, brands,
				environment.getProperty("dpp.demo", Boolean.class, false), System.out, credentialsFile,
				(adminPassword != null && !adminPassword.isEmpty()) ? adminPassword : null);
	}

	@Bean
	WebMvcConfigurer callerArgument() {
		return new WebMvcConfigurer() {
			@Override
			public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
				resolvers.add(new CallerArgumentResolver());
			}
		};
	}

}
