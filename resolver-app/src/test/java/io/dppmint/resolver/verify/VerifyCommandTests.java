package io.dppmint.resolver.verify;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.sun.net.httpserver.HttpServer;
import io.dppmint.core.digsig.BrandSigner;
import io.dppmint.core.digsig.Gs1ElementString;
import io.dppmint.core.digsig.Jwks;
import io.dppmint.core.digsig.P256;
import io.dppmint.core.digsig.SignedCode;
import io.dppmint.core.gs1.Gtin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./dpp verify} without a Spring context or database: exit codes 0 (valid), 1
 * (invalid, unsigned, unknown key) and 2 (malformed input, unreadable keys), with keys
 * from a file (no network) or discovered through the code's resolver description
 * ({@code jwks_uri}) over loopback HTTP.
 */
class VerifyCommandTests {

	private static final Gtin GTIN = new Gtin("09506000134352");

	private final P256.GeneratedKey key = P256.generate();

	private final BrandSigner signer = new BrandSigner(1, this.key.privateScalar());

	private final String jwks = new Jwks(List.of(new Jwks.Jwk("9506000:1", this.key.publicKey()))).toJson();

	@TempDir
	Path folder;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@Test
	void acceptsASignedUrlAndElementStringWithKeysFromAFile() throws IOException {
		Path file = Files.writeString(this.folder.resolve("jwks.json"), this.jwks);
		Gs1ElementString element = new Gs1ElementString(GTIN, "LOT7", "X3K9QF2M7T1AB");
		SignedCode code = new SignedCode(element, this.signer.sign(element));

		assertThat(run(code.toUri("https://id.example.com"), "--jwks", file.toString())).isEqualTo(0);
		assertThat(run(element.bracketed() + "(8030)" + code.signature().encoded(), "--jwks=" + file)).isEqualTo(0);
		assertThat(output()).contains("Signature valid (kid 9506000:1)", "(01)09506000134352(10)LOT7(21)X3K9QF2M7T1AB");
	}

	@Test
	void rejectsATamperedSerialAnUnknownKeyAndAnUnsignedCodeWithExitCodeOne() throws IOException {
		Path file = Files.writeString(this.folder.resolve("jwks.json"), this.jwks);
		Gs1ElementString element = new Gs1ElementString(GTIN, null, "X3K9QF2M7T1AB");
		String value = this.signer.sign(element).encoded();
		String otherKey = new BrandSigner(2, this.key.privateScalar()).sign(element).encoded();

		assertThat(run("https://id.example.com/01/09506000134352/21/X3K9QF2M7T1AC?8030=" + value, "--jwks",
				file.toString()))
			.isEqualTo(1);
		assertThat(run("https://id.example.com/01/09506000134352/21/X3K9QF2M7T1AB?8030=" + otherKey, "--jwks",
				file.toString()))
			.isEqualTo(1);
		assertThat(run("https://id.example.com/01/09506000134352/21/X3K9QF2M7T1AB", "--jwks", file.toString()))
			.isEqualTo(1);
		assertThat(output()).contains("Signature INVALID: it does not verify", "no published key",
				"carries no AI (8030)");
	}

	@Test
	void answersMalformedInputOrUnreadableKeysWithExitCodeTwo() throws IOException {
		Path file = Files.writeString(this.folder.resolve("jwks.json"), this.jwks);
		Path broken = Files.writeString(this.folder.resolve("broken.json"), "{\"keys\": 7}");

		assertThat(run("https://id.example.com/01/09506000134352/21/S1?8030=tooShort", "--jwks", file.toString()))
			.isEqualTo(2);
		assertThat(run("(01)09506000134353(21)S1", "--jwks", file.toString())).isEqualTo(2);
		assertThat(run("(01)09506000134352(21)S1")).as("an element string names no resolver").isEqualTo(2);
		assertThat(run("(01)09506000134352(21)S1", "--jwks", this.folder.resolve("absent.json").toString()))
			.isEqualTo(2);
		assertThat(run("(01)09506000134352(21)S1", "--jwks", broken.toString())).isEqualTo(2);
		assertThat(run()).isEqualTo(2);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("exactly 87", "check digit",
				"give --jwks FILE|URL", "no file", "no \"keys\" array", "Usage: ./dpp verify");
	}

	@Test
	void findsTheKeysThroughTheResolverDescriptionOfTheCodesHost() throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		String root = "http://127.0.0.1:" + server.getAddress().getPort();
		server.createContext("/.well-known/gs1resolver", (exchange) -> {
			byte[] body = ("{\"jwks_uri\":\"" + root + "/keys.json\"}").getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		server.createContext("/keys.json", (exchange) -> {
			byte[] body = this.jwks.getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		server.start();
		try {
			Gs1ElementString element = new Gs1ElementString(GTIN, null, "X3K9QF2M7T1AB");
			String url = new SignedCode(element, this.signer.sign(element)).toUri(root);

			assertThat(run(url)).as(output()).isEqualTo(0);
		}
		finally {
			server.stop(0);
		}
	}

	private int run(String... args) {
		return VerifyCommand.run(args, new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8));
	}

	private String output() {
		return this.out.toString(StandardCharsets.UTF_8) + this.err.toString(StandardCharsets.UTF_8);
	}

}
