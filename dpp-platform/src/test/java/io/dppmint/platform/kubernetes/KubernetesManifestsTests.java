package io.dppmint.platform.kubernetes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kubernetes manifests in {@code deploy/kubernetes/} (no cluster runs here): every
 * document is valid YAML with what the API server requires, every workload's selector
 * matches its pods, every container is configured only from the shared ConfigMap and
 * Secrets (no secret value written in a manifest), each app connects as its own database
 * role and holds only the keys it uses (docs/security.md), and the mint roles are the
 * ones docs/deployment.md describes.
 */
class KubernetesManifestsTests {

	private static final Path MANIFESTS = Path.of("..", "deploy", "kubernetes");

	private static final List<Map<String, Object>> documents = new ArrayList<>();

	@BeforeAll
	static void parse() throws IOException {
		try (Stream<Path> files = Files.list(MANIFESTS)) {
			for (Path file : files.filter((f) -> f.toString().endsWith(".yaml")).sorted().toList()) {
				for (Object document : new Yaml().loadAll(Files.readString(file))) {
					assertThat(document).as(file + ": a YAML mapping").isInstanceOf(Map.class);
					documents.add(map(document));
				}
			}
		}
		assertThat(documents).hasSizeGreaterThanOrEqualTo(10);
	}

	@Test
	void everyDocumentHasAnApiVersionAKindAndAName() {
		for (Map<String, Object> document : documents) {
			assertThat(document.get("apiVersion")).as("apiVersion of %s", document).isInstanceOf(String.class);
			assertThat(document.get("kind")).as("kind of %s", document).isInstanceOf(String.class);
			assertThat(map(document.get("metadata")).get("name")).as("name of %s", document)
				.asString()
				.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
		}
		assertThat(documents.stream().map((document) -> document.get("kind") + "/" + name(document)))
			.as("names are unique within a kind")
			.doesNotHaveDuplicates();
	}

	@Test
	void describesTheScaledOutShape() {
		assertThat(names("Deployment")).containsExactlyInAnyOrder("dpp-mint-manager", "dpp-mint-worker",
				"dpp-export-jobs", "dpp-resolver", "dpp-admin-console");
		assertThat(names("CronJob")).containsExactly("dpp-export-scheduled");
		assertThat(names("Service")).contains("dpp-resolver", "dpp-admin-console", "dpp-export-jobs");
		assertThat(env(container(workload("dpp-mint-manager")))).containsEntry("DPP_MINT_ROLE", "manager")
			.containsEntry("DPP_DB_MIGRATE", "true");
		assertThat(env(container(workload("dpp-mint-worker")))).containsEntry("DPP_MINT_ROLE", "worker")
			.containsEntry("DPP_DB_MIGRATE", "false");
		assertThat(map(workload("dpp-mint-worker").get("spec")).get("replicas")).isEqualTo(3);
		Map<String, Object> cron = map(documents.stream()
			.filter((document) -> "CronJob".equals(document.get("kind")))
			.findFirst()
			.orElseThrow()
			.get("spec"));
		assertThat(cron.get("schedule")).asString().matches("(\\S+ ){4}\\S+");
		assertThat(cron.get("concurrencyPolicy")).isEqualTo("Forbid");
	}

	@Test
	void everyWorkloadSelectsItsOwnPods() {
		for (Map<String, Object> workload : workloads()) {
			Map<String, Object> spec = map(workload.get("spec"));
			Map<String, Object> selector = map(map(spec.get("selector")).get("matchLabels"));
			Map<String, Object> podLabels = map(map(map(spec.get("template")).get("metadata")).get("labels"));
			assertThat(podLabels).as("pod labels of %s", name(workload)).containsAllEntriesOf(selector);
		}
	}

	@Test
	void takesSecretsOnlyFromSecretsAndDatabaseSettingsFromEverywhereTheSame() {
		List<Map<String, Object>> containers = new ArrayList<>();
		workloads().forEach((workload) -> containers.add(container(workload)));
		containers.add(cronContainer());
		for (Map<String, Object> container : containers) {
			assertThat(container.get("image")).isEqualTo("dpp-mint:0.1.0");
			List<Map<String, Object>> env = list(container.get("env"));
			for (Map<String, Object> variable : env) {
				String name = (String) variable.get("name");
				if (name.contains("PASSWORD") || name.contains("KEY") || name.equals("DPP_DB_URL")
						|| name.equals("DPP_DB_USERNAME")) {
					assertThat(variable).as(name + " in " + container.get("name")).doesNotContainKey("value");
					assertThat(map(variable.get("valueFrom"))).as(name).containsKey("secretKeyRef");
				}
			}
			assertThat(env).extracting((variable) -> variable.get("name"))
				.as("database of " + container.get("name"))
				.contains("DPP_DB_URL", "DPP_DB_USERNAME", "DPP_DB_PASSWORD");
			assertThat(list(container.get("envFrom"))).extracting((from) -> map(from.get("configMapRef")).get("name"))
				.containsExactly("dpp-settings");
		}
	}

	@Test
	void connectsEveryAppAsItsOwnRoleAndOnlyTheManagersMigrationsAsTheOwner() {
		Map<String, String> expected = Map.of("dpp-mint-manager", "dpp-db-mint", "dpp-mint-worker", "dpp-db-mint",
				"dpp-export-jobs", "dpp-db-export", "dpp-resolver", "dpp-db-resolver", "dpp-admin-console",
				"dpp-db-console");
		expected.forEach((workload, secret) -> {
			Map<String, String> secrets = secretsOf(container(workload(workload)));
			assertThat(secrets).as(workload).containsEntry("DPP_DB_USERNAME", secret + "/username");
			assertThat(secrets).as(workload).containsEntry("DPP_DB_PASSWORD", secret + "/password");
			assertThat(secrets).as(workload).containsEntry("DPP_DB_URL", "dpp-database/url");
		});
		assertThat(secretsOf(cronContainer())).containsEntry("DPP_DB_USERNAME", "dpp-db-export/username");
		assertThat(secretsOf(container(workload("dpp-mint-manager"))))
			.containsEntry("DPP_DB_MIGRATION_USERNAME", "dpp-db-owner/username")
			.containsEntry("DPP_DB_MIGRATION_PASSWORD", "dpp-db-owner/password");
		List<Map<String, Object>> others = new ArrayList<>(workloads().stream()
			.filter((workload) -> !"dpp-mint-manager".equals(name(workload)))
			.map(KubernetesManifestsTests::container)
			.toList());
		others.add(cronContainer());
		assertThat(others).allSatisfy((container) -> assertThat(secretsOf(container).values())
			.noneMatch((reference) -> reference.startsWith("dpp-db-owner/")));
	}

	@Test
	void givesEachAppOnlyTheKeysItUses() {
		assertThat(keysOf(container(workload("dpp-resolver")))).containsExactly("identifier-key");
		assertThat(keysOf(container(workload("dpp-admin-console")))).containsExactlyInAnyOrder("identifier-key",
				"download-signing-key", "audit-key", "retired-audit-keys");
		assertThat(keysOf(container(workload("dpp-mint-manager")))).containsExactlyInAnyOrder("audit-key",
				"retired-audit-keys");
		assertThat(keysOf(container(workload("dpp-mint-worker")))).isEmpty();
		assertThat(env(container(workload("dpp-mint-worker")))).containsEntry("DPP_AUDIT_SEALING_ENABLED", "false")
			.containsEntry("DPP_AUDIT_VERIFICATION_ENABLED", "false");
		assertThat(keysOf(container(workload("dpp-export-jobs")))).containsExactlyInAnyOrder("identifier-key",
				"download-signing-key");
		assertThat(keysOf(cronContainer())).containsExactlyInAnyOrder("identifier-key", "download-signing-key");
	}

	@Test
	void keepsTheAuditCheckpointOutsideTheDatabaseWhereOnlyTheManagerWritesIt() {
		assertThat(names("PersistentVolumeClaim")).contains("dpp-audit-checkpoint");
		Map<String, Object> manager = container(workload("dpp-mint-manager"));
		Map<String, Object> console = container(workload("dpp-admin-console"));
		assertThat(env(manager)).containsEntry("DPP_AUDIT_CHECKPOINT_FILE", "/var/lib/dpp/audit/checkpoint");
		assertThat(env(console)).containsEntry("DPP_AUDIT_CHECKPOINT_FILE", "/var/lib/dpp/audit/checkpoint");
		assertThat(mount(manager, "/var/lib/dpp/audit")).doesNotContainEntry("readOnly", true);
		assertThat(mount(console, "/var/lib/dpp/audit")).containsEntry("readOnly", true);
		assertThat(secretsOf(console)).containsEntry("DPP_CONSOLE_INITIAL_ADMIN_PASSWORD",
				"dpp-console-admin/password");
	}

	/** Variables taken from Secrets: name to {@code secret/key}. */
	private static Map<String, String> secretsOf(Map<String, Object> container) {
		Map<String, String> secrets = new java.util.HashMap<>();
		for (Map<String, Object> variable : list(container.get("env"))) {
			if (variable.get("valueFrom") != null) {
				Map<String, Object> reference = map(map(variable.get("valueFrom")).get("secretKeyRef"));
				secrets.put((String) variable.get("name"), reference.get("name") + "/" + reference.get("key"));
			}
		}
		return secrets;
	}

	private static List<String> keysOf(Map<String, Object> container) {
		return secretsOf(container).values()
			.stream()
			.filter((reference) -> reference.startsWith("dpp-keys/"))
			.map((reference) -> reference.substring("dpp-keys/".length()))
			.toList();
	}

	private static Map<String, Object> mount(Map<String, Object> container, String path) {
		return list(container.get("volumeMounts")).stream()
			.filter((mount) -> path.equals(mount.get("mountPath")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no mount at " + path + " in " + container.get("name")));
	}

	private static List<Map<String, Object>> workloads() {
		return documents.stream().filter((document) -> "Deployment".equals(document.get("kind"))).toList();
	}

	private static Map<String, Object> workload(String name) {
		return workloads().stream().filter((workload) -> name.equals(name(workload))).findFirst().orElseThrow();
	}

	private static List<String> names(String kind) {
		return documents.stream().filter((document) -> kind.equals(document.get("kind"))).map((d) -> name(d)).toList();
	}

	private static String name(Map<String, Object> document) {
		return (String) map(document.get("metadata")).get("name");
	}

	private static Map<String, Object> container(Map<String, Object> workload) {
		Map<String, Object> pod = map(map(map(workload.get("spec")).get("template")).get("spec"));
		List<Map<String, Object>> containers = list(pod.get("containers"));
		assertThat(containers).as("containers of " + name(workload)).hasSize(1);
		return containers.get(0);
	}

	private static Map<String, Object> cronContainer() {
		Map<String, Object> cron = documents.stream()
			.filter((document) -> "CronJob".equals(document.get("kind")))
			.findFirst()
			.orElseThrow();
		Map<String, Object> job = map(map(map(cron.get("spec")).get("jobTemplate")).get("spec"));
		return list(map(map(job.get("template")).get("spec")).get("containers")).get(0);
	}

	private static Map<String, String> env(Map<String, Object> container) {
		Map<String, String> values = new java.util.HashMap<>();
		for (Map<String, Object> variable : list(container.get("env"))) {
			if (variable.get("value") != null) {
				values.put((String) variable.get("name"), variable.get("value").toString());
			}
		}
		return values;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		assertThat(value).isInstanceOf(Map.class);
		return (Map<String, Object>) value;
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> list(Object value) {
		assertThat(value).isInstanceOf(List.class);
		return (List<Map<String, Object>>) value;
	}

}
