package io.dppmint.resolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A real HTTP client for resolver tests: never follows redirects (tests look at them),
 * and scans as a phone unless told otherwise.
 */
public final class ScanHttp {

	private static final HttpClient client = HttpClient.newBuilder()
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final int port;

	public ScanHttp(int port) {
		this.port = port;
	}

	/** GET as a phone. */
	public HttpResponse<String> get(String path, String... headers) {
		return send("GET", path, withPhone(headers));
	}

	/**
	 * Send a request.
	 * @param method the method
	 * @param path the raw path and query
	 * @param headers name, value, name, value, ...
	 */
	public HttpResponse<String> send(String method, String path, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(30))
			.method(method, HttpRequest.BodyPublishers.noBody());
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		try {
			return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String[] withPhone(String[] headers) {
		for (int i = 0; i < headers.length; i += 2) {
			if (headers[i].equalsIgnoreCase("User-Agent")) {
				return headers;
			}
		}
		String[] all = new String[headers.length + 2];
		all[0] = "User-Agent";
		all[1] = ResolverFixtures.PHONE;
		System.arraycopy(headers, 0, all, 2, headers.length);
		return all;
	}

}
