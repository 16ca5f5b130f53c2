package io.dppmint.console;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.dppmint.console.Http.Response;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The served OpenAPI document matches the committed {@code docs/openapi.json}. After an
 * intended API change, regenerate it with {@code -Ddpp.openapi.update=true} and commit
 * the result.
 */
class OpenApiDocumentIntegrationTests extends ApiTestSupport {

	private static final Path COMMITTED = Path.of("..", "docs", "openapi.json");

	private static final JsonMapper pretty = JsonMapper.builder()
		.enable(SerializationFeature.INDENT_OUTPUT)
		.enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
		.build();

	@Test
	void servesTheOpenApiDocumentAsCommitted() throws IOException {
		Response response = anonymous().get("/v3/api-docs");
		assertThat(response.status()).isEqualTo(200);
		JsonNode document = response.json();
		assertThat(document.path("openapi").asString()).startsWith("3.");
		assertThat(document.path("paths").has("/api/v1/mint-requests")).isTrue();
		assertThat(response.body()).doesNotContain("\"caller\"");
		String served = pretty.writeValueAsString(pretty.readTree(response.body())) + "\n";
		if (Boolean.getBoolean("dpp.openapi.update")) {
			Files.writeString(COMMITTED, served, StandardCharsets.UTF_8);
		}
		assertThat(COMMITTED).as("docs/openapi.json (regenerate with -Ddpp.openapi.update=true)").exists();
		assertThat(served).as("docs/openapi.json is out of date: regenerate with -Ddpp.openapi.update=true")
			.isEqualTo(Files.readString(COMMITTED, StandardCharsets.UTF_8));
	}

	@Test
	void servesTheApiUiPage() {
		Response page = anonymous().get("/swagger-ui/index.html");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).containsIgnoringCase("swagger");
	}

}
