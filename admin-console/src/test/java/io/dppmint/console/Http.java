package io.dppmint.console;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP client for API tests: either a brand-portal client presenting an API key, a
 * console user's browser session (form login, cookies, CSRF token), or anonymous.
 */
final class Http {

	static final JsonMapper json = JsonMapper.builder().build();

	private final String base;

	private final String apiKey;

	private final CookieManager cookies = new CookieManager();

	private final HttpClient client;

	private Http(int port, String apiKey) {
		this.base = "http://127.0.0.1:" + port;
		this.apiKey = apiKey;
		this.client = HttpClient.newBuilder().cookieHandler(this.cookies).build();
	}

	static Http anonymous(int port) {
		return new Http(port, null);
	}

	static Http withApiKey(int port, String apiKey) {
		return new Http(port, apiKey);
	}

	/** A console user logged in through the login form. */
	static Http loggedIn(int port, String username, String password) {
		Http http = new Http(port, null);
		Response login = http.logIn(username, password, Map.of());
		String location = login.header("Location");
		if (login.status() != 302 || location == null || !location.endsWith("/mint")) {
			throw new IllegalStateException("Login of " + username + " failed: " + login.status() + " " + location);
		}
		// A fresh CSRF token for the new session, as a browser page load would get it.
		http.send("GET", "/login", null, Map.of());
		return http;
	}

	/**
	 * Post the login form as a browser does (the page first, for its CSRF field), with
	 * extra headers.
	 * @return the answer to the form's post
	 */
	Response logIn(String username, String password, Map<String, String> headers) {
		Response page = send("GET", "/login", null, headers);
		Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page.body());
		if (!csrf.find()) {
			throw new IllegalStateException("No CSRF field on the login page: " + page.body());
		}
		return form("/login", List.of(Map.entry("username", username), Map.entry("password", password),
				Map.entry("_csrf", csrf.group(1))), headers);
	}

	/** The cookies this client holds, by name. */
	List<String> cookieNames() {
		return this.cookies.getCookieStore().getCookies().stream().map(HttpCookie::getName).toList();
	}

	Response get(String path) {
		return send("GET", path, null, Map.of());
	}

	/** A page, as a browser asks for it. */
	Response page(String path) {
		return send("GET", path, null, Map.of("Accept", "text/html"));
	}

	/** A page fragment, as htmx asks for it. */
	Response fragment(String path) {
		return send("GET", path, null, Map.of("Accept", "text/html", "HX-Request", "true"));
	}

	Response post(String path, Object body) {
		return send("POST", path, (body instanceof String text) ? text : json.writeValueAsString(body), Map.of());
	}

	Response post(String path, Object body, Map<String, String> headers) {
		return send("POST", path, (body instanceof String text) ? text : json.writeValueAsString(body), headers);
	}

	/** A form post, as a page sends it (with the session's CSRF token). */
	Response form(String path, Map<String, String> fields) {
		return form(path,
				fields.entrySet().stream().map((field) -> Map.entry(field.getKey(), field.getValue())).toList());
	}

	/** A form post whose fields may repeat (lot rows). */
	Response form(String path, List<Map.Entry<String, String>> fields) {
		return form(path, fields, Map.of());
	}

	/** A form post with extra headers (a proxy's {@code X-Forwarded-For}, say). */
	Response form(String path, List<Map.Entry<String, String>> fields, Map<String, String> headers) {
		String body = fields.stream()
			.map((field) -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(this.base + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		String xsrf = xsrfToken();
		if (xsrf != null && fields.stream().noneMatch((field) -> field.getKey().equals("_csrf"))) {
			builder.header("X-XSRF-TOKEN", xsrf);
		}
		headers.forEach(builder::header);
		return execute(builder.build());
	}

	/**
	 * A {@code multipart/form-data} post, as a page's file upload sends it (with the
	 * session's CSRF token): text fields, and a file field when {@code fileName} is not
	 * {@code null}.
	 */
	Response multipart(String path, Map<String, String> fields, String fileField, String fileName, byte[] file) {
		String boundary = "dpp-test-" + System.nanoTime();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		fields.forEach((name, value) -> body.writeBytes(
				("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
					.getBytes(StandardCharsets.UTF_8)));
		if (fileName != null) {
			body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField
					+ "\"; filename=\"" + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
				.getBytes(StandardCharsets.UTF_8));
			body.writeBytes(file);
			body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
		}
		body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(this.base + path))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
		String xsrf = xsrfToken();
		if (xsrf != null) {
			builder.header("X-XSRF-TOKEN", xsrf);
		}
		return execute(builder.build());
	}

	Response send(String method, String path, String body, Map<String, String> headers) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(this.base + path))
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (body != null) {
			builder.header("Content-Type", "application/json");
		}
		if (!headers.containsKey("Accept")) {
			builder.header("Accept", "application/json, application/problem+json");
		}
		if (this.apiKey != null) {
			builder.header("X-API-Key", this.apiKey);
		}
		String xsrf = xsrfToken();
		if (xsrf != null && !"GET".equals(method) && !headers.containsKey("X-XSRF-TOKEN")) {
			builder.header("X-XSRF-TOKEN", xsrf);
		}
		headers.forEach(builder::header);
		return execute(builder.build());
	}

	Response sendBytes(String method, String path, HttpRequest.BodyPublisher body, Map<String, String> headers) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(this.base + path)).method(method, body);
		if (!headers.containsKey("Content-Type")) {
			builder.header("Content-Type", "application/json");
		}
		if (this.apiKey != null) {
			builder.header("X-API-Key", this.apiKey);
		}
		headers.forEach(builder::header);
		return execute(builder.build());
	}

	private String xsrfToken() {
		List<HttpCookie> all = this.cookies.getCookieStore().getCookies();
		return all.stream()
			.filter((cookie) -> "XSRF-TOKEN".equals(cookie.getName()) && !cookie.getValue().isEmpty())
			.map(HttpCookie::getValue)
			.findFirst()
			.orElse(null);
	}

	private Response execute(HttpRequest request) {
		try {
			HttpResponse<String> response = this.client.send(request, HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.headers().map(), response.body());
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A response.
	 */
	record Response(int status, Map<String, List<String>> headers, String body) {

		String header(String name) {
			return this.headers.entrySet()
				.stream()
				.filter((entry) -> entry.getKey().equalsIgnoreCase(name))
				.map((entry) -> entry.getValue().get(0))
				.findFirst()
				.orElse(null);
		}

		JsonNode json() {
			return Http.json.readTree(this.body);
		}

		boolean isProblem() {
			String type = header("Content-Type");
			return type != null && type.startsWith("application/problem+json");
		}

		/** The codes of the problem's field errors. */
		List<String> errorCodes() {
			return json().path("errors").valueStream().map((error) -> error.path("code").asString()).toList();
		}

		/** The fields of the problem's field errors. */
		List<String> errorFields() {
			return json().path("errors").valueStream().map((error) -> error.path("field").asString()).toList();
		}

		@Override
		public String toString() {
			return this.status + " " + this.body;
		}

	}

}
