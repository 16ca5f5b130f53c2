package io.dppmint.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code compose.yaml} (no Docker engine runs in the tests): PostgreSQL 18 with the
 * database, user, password variable, port, volume and health check that
 * {@code docs/deployment.md} tells users to connect the apps to.
 */
class ComposeFileTests {

	private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	@Test
	@SuppressWarnings("unchecked")
	void composeRunsThePostgresTheDeploymentGuideConnectsTo() throws IOException {
		Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("compose.yaml")));
		Map<String, Object> postgres = (Map<String, Object>) ((Map<String, Object>) compose.get("services"))
			.get("postgres");
		String guide = Files.readString(ROOT.resolve("docs/deployment.md"));

		assertThat(postgres.get("image")).isEqualTo("postgres:18");
		Map<String, Object> environment = (Map<String, Object>) postgres.get("environment");
		Matcher url = Pattern.compile("DPP_DB_URL=jdbc:postgresql://127\\.0\\.0\\.1:(\\d+)/(\\w+)").matcher(guide);
		assertThat(url.find()).as("the guide's DPP_DB_URL").isTrue();
		assertThat(postgres.get("ports")).isEqualTo(List.of("127.0.0.1:" + url.group(1) + ":5432"));
		assertThat(environment).containsEntry("POSTGRES_DB", url.group(2));
		Matcher user = Pattern.compile("DPP_DB_USERNAME=(\\w+)").matcher(guide);
		assertThat(user.find()).as("the guide's DPP_DB_USERNAME").isTrue();
		assertThat(environment).containsEntry("POSTGRES_USER", user.group(1));
		assertThat((String) environment.get("POSTGRES_PASSWORD")).startsWith("${DPP_DB_PASSWORD:?");
		assertThat(guide).contains("export DPP_DB_PASSWORD=")
			.contains("DPP_SECRETS_IDENTIFIER_KEY=")
			.contains("DPP_SECRETS_DOWNLOAD_SIGNING_KEY=")
			.contains("DPP_SECRETS_AUDIT_KEY=")
			.contains("docker compose up -d --wait");

		assertThat((List<String>) postgres.get("volumes")).containsExactly("dpp-postgres:/var/lib/postgresql");
		assertThat((Map<String, Object>) compose.get("volumes")).containsKey("dpp-postgres");
		Map<String, Object> healthcheck = (Map<String, Object>) postgres.get("healthcheck");
		assertThat(healthcheck.get("test")).isEqualTo(List.of("CMD-SHELL", "pg_isready -U dpp -d dpp"));
		assertThat(String.join(" ", (List<String>) postgres.get("command"))).contains("max_connections=300");
	}

}
