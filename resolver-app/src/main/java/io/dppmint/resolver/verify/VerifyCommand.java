package io.dppmint.resolver.verify;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;

import io.dppmint.core.digsig.Jwks;
import io.dppmint.core.digsig.SignatureVerifier;
import io.dppmint.core.digsig.SignatureVerifier.Verification;
import io.dppmint.core.digsig.SignedCode;
import io.dppmint.core.gs1.InvalidGs1DataException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./dpp verify <url-or-element-string> [--jwks FILE|URL]}: verifies a signed code
 * (GS1 AI 8030, profile DPP-ES256-v1) with the brands' published keys, as
 * docs/signatures.md describes: rebuild the unbracketed element string, pick the key by
 * company prefix and key number, verify ES256 with the JDK. Runs before and without any
 * Spring context or database.
 * <p>
 * Keys come from {@code --jwks} (a file, or an http(s) URL), or else from the code's own
 * resolver: its {@code /.well-known/gs1resolver} names the {@code jwks_uri}. Exit codes:
 * {@value #VALID} valid, {@value #INVALID} invalid, unsigned or signed by an unknown key,
 * {@value #MALFORMED} malformed input or unreadable keys.
 */
public final class VerifyCommand {

	/** Exit code: the signature verifies. */
	public static final int VALID = 0;

	/**
	 * Exit code: it does not, the code carries none, or no published key could have made
	 * it.
	 */
	public static final int INVALID = 1;

	/** Exit code: the input or the keys cannot be read. */
	public static final int MALFORMED = 2;

	static final String USAGE = "Usage: ./dpp verify <digital-link-url|element-string> [--jwks FILE|URL]";

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final HttpClient http = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(10))
		.followRedirects(HttpClient.Redirect.NORMAL)
		.build();

	private VerifyCommand() {
	}

	/**
	 * Run the command.
	 * @param args the arguments after {@code verify}
	 * @param out where the verdict goes
	 * @param err where errors go
	 * @return the exit code
	 */
	public static int run(String[] args, PrintStream out, PrintStream err) {
		String input = null;
		String jwks = null;
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			if (arg.startsWith("--jwks=")) {
				jwks = arg.substring("--jwks=".length());
			}
			else if (arg.equals("--jwks") && i + 1 < args.length) {
				jwks = args[++i];
			}
			else if (arg.startsWith("--") || input != null) {
				err.println("Unexpected argument '" + arg + "'. " + USAGE);
				return MALFORMED;
			}
			else {
				input = arg;
			}
		}
		if (input == null) {
			err.println(USAGE);
			return MALFORMED;
		}
		SignedCode code;
		try {
			code = SignedCode.parse(input);
		}
		catch (InvalidGs1DataException ex) {
			err.println("Malformed code: " + ex.getMessage());
			return MALFORMED;
		}
		Jwks keys;
		try {
			keys = Jwks.parse(read(jwks, input));
		}
		catch (IllegalArgumentException | IOException ex) {
			err.println("Cannot read the signing keys: " + ex.getMessage());
			return MALFORMED;
		}
		Verification verification = SignatureVerifier.verify(code, keys);
		out.println("Element string: " + code.elementString().bracketed());
		return switch (verification.outcome()) {
			case VALID -> {
				out.println("Signature valid (kid " + verification.kid() + ")");
				yield VALID;
			}
			case INVALID -> {
				out.println("Signature INVALID: it does not verify with key " + verification.kid());
				yield INVALID;
			}
			case UNKNOWN_KEY -> {
				out.println("Signature INVALID: no published key for company prefix of GTIN "
						+ code.elementString().gtin().value() + " with key number " + code.signature().keyNumber());
				yield INVALID;
			}
			case UNSIGNED -> {
				out.println("Not signed: the code carries no AI (8030)");
				yield INVALID;
			}
		};
	}

	private static String read(String jwks, String input) throws IOException {
		if (jwks != null) {
			if (jwks.startsWith("http://") || jwks.startsWith("https://")) {
				return get(jwks);
			}
			try {
				return Files.readString(Path.of(jwks), StandardCharsets.UTF_8);
			}
			catch (NoSuchFileException ex) {
				throw new IOException("no file " + jwks, ex);
			}
		}
		if (!input.regionMatches(true, 0, "http", 0, 4)) {
			throw new IOException("an element string carries no resolver to ask: give --jwks FILE|URL");
		}
		URI code = URI.create(input);
		URI description = URI.create(code.getScheme() + "://" + code.getRawAuthority() + "/.well-known/gs1resolver");
		JsonNode jwksUri;
		try {
			jwksUri = json.readTree(get(description.toString())).get("jwks_uri");
		}
		catch (JacksonException ex) {
			throw new IOException(description + " is not JSON", ex);
		}
		if (jwksUri == null || !jwksUri.isString()) {
			throw new IOException(description + " names no jwks_uri: give --jwks FILE|URL");
		}
		return get(jwksUri.stringValue());
	}

	private static String get(String url) throws IOException {
		HttpRequest request;
		try {
			request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET().build();
		}
		catch (IllegalArgumentException ex) {
			throw new IOException("'" + url + "' is not a URL", ex);
		}
		try {
			HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IOException(url + " answered " + response.statusCode());
			}
			return response.body();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted while reading " + url, ex);
		}
	}

}
