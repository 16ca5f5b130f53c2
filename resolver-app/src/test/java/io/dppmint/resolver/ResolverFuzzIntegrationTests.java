package io.dppmint.resolver;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.dppmint.core.catalog.Product;
import io.dppmint.core.minting.ActivationMode;
import io.dppmint.core.minting.MintRequest.LotRequest;
import io.dppmint.resolver.ResolverFixtures.Minted;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thousands of generated malformed paths, queries and headers, sent as raw bytes over a
 * socket (so nothing is cleaned up by an HTTP client on the way): the resolver and the
 * server in front of it answer every one, and never with a 5xx. The generator is seeded,
 * so a failure names a request that can be replayed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(ResolverTestConfiguration.class)
class ResolverFuzzIntegrationTests {

	private static final int REQUESTS = 4000;

	private static final String SET_82 = "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";

	private static final List<String> FRAGMENTS = List.of("%", "%2", "%ZZ", "%00", "%2F", "%C3%A9", "%FF", "%E2%82",
			"/", "//", "..", ".", ";", ";a=b", "?", "#", "~", "é", "\u00ff", "\u20ac", "\t", "01", "10", "21", "22",
			"99", "8004", "/01/", "/10/", "/21/", "/t/", "/passport", "%20", "+", "\\", "{", "|", "^", "`", "[", "]");

	private static final List<String> HEADERS = List.of("Accept", "User-Agent", "CF-IPCountry", "CF-Region-Code",
			"Accept-Language", "Origin", "Access-Control-Request-Method", "X-Forwarded-For", "Cookie", "Range");

	@LocalServerPort
	int port;

	@Autowired
	ResolverFixtures fixtures;

	@Test
	void noGeneratedRequestGetsA5xx() throws Exception {
		Product gs1 = this.fixtures.aGs1Product();
		Minted lots = this.fixtures.mintLots(gs1, ActivationMode.FIRST_SCAN, new LotRequest("L1", 50));
		Product other = this.fixtures.aNonGs1Product();
		Minted serials = this.fixtures.mintSerial(other, 50, ActivationMode.FIRST_SCAN);
		List<String> seeds = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			seeds.add("/01/" + gs1.gtin().value() + "/10/L1/21/" + this.fixtures.identifier(lots.token(i)));
			seeds.add("/t/" + this.fixtures.identifier(serials.token(i)));
		}
		seeds.add("/01/" + gs1.gtin().value());
		seeds.add("/.well-known/gs1resolver");
		Random random = new Random(20260101L);
		List<String> failures = new ArrayList<>();
		int answered = 0;

		for (int i = 0; i < REQUESTS; i++) {
			String method = switch (random.nextInt(10)) {
				case 0 -> "HEAD";
				case 1 -> "OPTIONS";
				case 2 -> "POST";
				default -> "GET";
			};
			String path = mutate(seeds.get(random.nextInt(seeds.size())), random);
			if (random.nextInt(4) == 0) {
				path = ((random.nextBoolean()) ? "/passport" : "") + path;
			}
			if (random.nextInt(3) == 0) {
				path = path + "?linkType=" + garbage(random, 40) + "&" + garbage(random, 20);
			}
			StringBuilder request = new StringBuilder().append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
			request.append("Host: 127.0.0.1\r\nConnection: close\r\n");
			int headers = random.nextInt(5);
			for (int h = 0; h < headers; h++) {
				request.append(HEADERS.get(random.nextInt(HEADERS.size())))
					.append(": ")
					.append(headerValue(random))
					.append("\r\n");
			}
			if (random.nextInt(3) != 0) {
				request.append("User-Agent: ").append(ResolverFixtures.PHONE).append("\r\n");
			}
			request.append("\r\n");
			int status = send(request.toString());
			if (status < 0 || status >= 500) {
				failures.add("#" + i + " status " + status + ": " + request.toString().replace("\r\n", " | "));
			}
			else {
				answered++;
			}
		}

		assertThat(failures).as("requests answered 5xx or not at all").isEmpty();
		assertThat(answered).isEqualTo(REQUESTS);
	}

	private static String mutate(String seed, Random random) {
		StringBuilder path = new StringBuilder(seed);
		int mutations = 1 + random.nextInt(4);
		for (int m = 0; m < mutations; m++) {
			int at = random.nextInt(path.length() + 1);
			switch (random.nextInt(7)) {
				case 0 -> path.insert(at, FRAGMENTS.get(random.nextInt(FRAGMENTS.size())));
				case 1 -> path.insert(at, SET_82.charAt(random.nextInt(SET_82.length())));
				case 2 -> {
					int end = Math.min(path.length(), at + 1 + random.nextInt(8));
					path.delete(Math.min(at, end), end);
				}
				case 3 ->
					path.insert(at, String.valueOf((char) ('A' + random.nextInt(26))).repeat(random.nextInt(3000)));
				case 4 -> path.append('/')
					.append(FRAGMENTS.get(random.nextInt(FRAGMENTS.size())))
					.append('/')
					.append(garbage(random, 30));
				case 5 -> {
					if (at < path.length()) {
						path.setCharAt(at, (char) (0x21 + random.nextInt(0x5e)));
					}
				}
				default -> path.insert(at, garbage(random, 25));
			}
		}
		if (path.isEmpty() || path.charAt(0) != '/') {
			path.insert(0, '/');
		}
		return path.toString();
	}

	/** Printable ASCII and a little Latin-1, no spaces or line breaks. */
	private static String garbage(Random random, int max) {
		int length = random.nextInt(max + 1);
		StringBuilder text = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			text.append((random.nextInt(20) == 0) ? (char) (0xa0 + random.nextInt(0x60))
					: (char) (0x21 + random.nextInt(0x5e)));
		}
		return text.toString();
	}

	private static String headerValue(Random random) {
		return switch (random.nextInt(6)) {
			case 0 -> "application/linkset+json;q=" + garbage(random, 5);
			case 1 -> garbage(random, 2000);
			case 2 -> "text/html, application/json;q=0." + random.nextInt(10) + ", */*;" + garbage(random, 10);
			case 3 -> ResolverFixtures.GOOGLEBOT;
			default -> garbage(random, 60).replace(':', ' ');
		};
	}

	/** Send raw bytes; the status code of the answer, or -1 if none came. */
	private int send(String request) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream line = new ByteArrayOutputStream();
			int b;
			while ((b = in.read()) >= 0 && b != '\n') {
				line.write(b);
			}
			String statusLine = line.toString(StandardCharsets.ISO_8859_1);
			if (!statusLine.startsWith("HTTP/1.1 ") || statusLine.length() < 12) {
				return -1;
			}
			return Integer.parseInt(statusLine.substring(9, 12));
		}
	}

}
