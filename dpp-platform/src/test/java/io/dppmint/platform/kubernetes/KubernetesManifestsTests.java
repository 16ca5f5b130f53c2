package io.dppmint.platform.kubernetes;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.dppmint.platform.kubernetes.KubernetesManifests.Manifest;
import io.kubernetes.client.custom.Quantity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The Kubernetes manifests in {@code deploy/kubernetes/} (no cluster runs here): every
 * document is valid against the Kubernetes API schema ({@link KubernetesApiSchema}:
 * strict, pinned release), every workload's selector matches its pods and its labels
 * follow one rule, every container asks for and is limited in CPU and memory and is
 * probed on the apps' health groups, the resolver and the mint workers scale with
 * autoscalers and the resolver has a disruption budget, every container is configured
 * only from the shared ConfigMap and Secrets (no secret value written in a manifest), the
 * public URLs come from that ConfigMap, each app connects as its own database role and
 * holds only the keys it uses (docs/security.md), and the mint roles are the ones
 * docs/deployment.md describes.
 */
class KubernetesManifestsTests {

	private static final String PART_OF = "app.kubernetes.io/part-of";

	private static final String NAME = "app.kubernetes.io/name";

	private static final List<Manifest> manifests = new ArrayList<>();

	private static final List<Map<String, Object>> documents = new ArrayList<>();

	@BeforeAll
	static void parse() {
		manifests.addAll(KubernetesManifests.all());
		manifests.forEach((manifest) -> documents.add(manifest.document()));
		assertThat(documents).hasSizeGreaterThanOrEqualTo(14);
	}

	@Test
	void everyDocumentIsValidAgainstTheKubernetesApiSchema() {
		assertThat(manifests).allSatisfy((manifest) -> assertThatNoException().as(manifest.toString())
			.isThrownBy(() -> KubernetesApiSchema.validate(manifest.document())));
		assertThat(manifests).extracting(Manifest::kind)
			.contains("ConfigMap", "PersistentVolumeClaim", "Deployment", "Service", "CronJob",
					"HorizontalPodAutoscaler", "PodDisruptionBudget");
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
	void everyAppTakesThePrometheusScrapeTokenFromItsSecret() {
		// Without the token an app answers /actuator/prometheus on loopback only
		// (PrometheusScrapeGuard), which Prometheus in the cluster never is.
		workloads()
			.forEach((workload) -> assertThat(secretsOf(container(workload))).as("scrape token of %s", name(workload))
				.containsEntry("DPP_METRICS_TOKEN", "dpp-metrics/token"));
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
				if (name.contains("PASSWORD") || name.contains("KEY") || name.contains("TOKEN")
						|| name.equals("DPP_DB_URL") || name.equals("DPP_DB_USERNAME")) {
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
		assertThat(keysOf(container(workload("dpp-resolver")))).containsExactlyInAnyOrder("identifier-key", "nfc-kek");
		assertThat(keysOf(container(workload("dpp-admin-console")))).containsExactlyInAnyOrder("identifier-key",
				"download-signing-key", "audit-key", "retired-audit-keys", "signing-kek");
		// Signed batches: the processes that write chunks compute serials and sign.
		assertThat(keysOf(container(workload("dpp-mint-manager")))).containsExactlyInAnyOrder("audit-key",
				"retired-audit-keys", "identifier-key", "signing-kek");
		assertThat(keysOf(container(workload("dpp-mint-worker")))).containsExactlyInAnyOrder("identifier-key",
				"signing-kek");
		assertThat(env(container(workload("dpp-mint-worker")))).containsEntry("DPP_AUDIT_SEALING_ENABLED", "false")
			.containsEntry("DPP_AUDIT_VERIFICATION_ENABLED", "false");
		assertThat(keysOf(container(workload("dpp-export-jobs")))).containsExactlyInAnyOrder("identifier-key",
				"download-signing-key", "nfc-kek");
		assertThat(keysOf(cronContainer())).containsExactlyInAnyOrder("identifier-key", "download-signing-key",
				"nfc-kek");
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

	@Test
	void everyContainerAsksForAndIsLimitedInCpuAndMemory() {
		assertThat(allContainers()).allSatisfy((container) -> {
			Map<String, Object> resources = map(container.get("resources"));
			Map<String, Object> requests = map(resources.get("requests"));
			Map<String, Object> limits = map(resources.get("limits"));
			String name = (String) container.get("name");
			assertThat(requests).as("requests of " + name).containsOnlyKeys("cpu", "memory");
			assertThat(limits).as("limits of " + name).containsOnlyKeys("cpu", "memory");
			// The heap is a share of the memory limit: asking for less lets a node
			// promise
			// memory it does not have, and a pod above its request is evicted first.
			assertThat(quantity(requests.get("memory"))).as("memory of " + name)
				.isEqualByComparingTo(quantity(limits.get("memory")));
			assertThat(quantity(requests.get("memory"))).as("memory of " + name)
				.isGreaterThanOrEqualTo(quantity("512Mi"));
			// The JVM counts its processors from the CPU limit: at least one, and room
			// above
			// the request (what the scheduler reserves and the autoscalers measure).
			assertThat(quantity(limits.get("cpu"))).as("cpu of " + name)
				.isGreaterThanOrEqualTo(BigDecimal.ONE)
				.isGreaterThan(quantity(requests.get("cpu")));
		});
	}

	@Test
	void probesEveryAppOnItsHealthGroupsAtThePortItServes() throws IOException {
		for (Map<String, Object> workload : workloads()) {
			Map<String, Object> container = container(workload);
			String app = appName(container);
			Map<String, Object> port = list(container.get("ports")).get(0);
			assertThat(port.get("name")).as("port of " + app).isEqualTo("http");
			assertThat(httpGet(container, "readinessProbe")).as("readiness of " + app)
				.containsEntry("path", "/actuator/health/readiness")
				.containsEntry("port", "http");
			assertThat(httpGet(container, "livenessProbe")).as("liveness of " + app)
				.containsEntry("path", "/actuator/health/liveness")
				.containsEntry("port", "http");
			assertThat(httpGet(container, "startupProbe")).as("start-up of " + app)
				.containsEntry("path", "/actuator/health/liveness")
				.containsEntry("port", "http");

			// The app behind the image's first argument serves those groups on that port,
			// wherever it runs (Boot adds them by itself only where it detects
			// Kubernetes).
			Map<String, Object> settings = applicationYaml(app);
			assertThat(path(settings, "management", "endpoint", "health", "probes", "enabled")).as(app).isEqualTo(true);
			assertThat(path(settings, "server", "port")).as(app).isEqualTo(port.get("containerPort"));
			assertThat(path(settings, "management", "server")).as("a separate management port in " + app).isNull();
		}
	}

	@Test
	void scalesTheResolverAndTheMintWorkersWithAutoscalersThatOwnTheirReplicas() {
		Map<String, Map<String, Object>> autoscalers = new HashMap<>();
		for (Map<String, Object> hpa : kind("HorizontalPodAutoscaler")) {
			Map<String, Object> spec = map(hpa.get("spec"));
			Map<String, Object> target = map(spec.get("scaleTargetRef"));
			assertThat(target).as(name(hpa)).containsEntry("apiVersion", "apps/v1").containsEntry("kind", "Deployment");
			autoscalers.put((String) target.get("name"), spec);
		}
		assertThat(autoscalers).containsOnlyKeys("dpp-resolver", "dpp-mint-worker");
		autoscalers.forEach((deployment, spec) -> {
			assertThat((Integer) spec.get("minReplicas")).as(deployment).isGreaterThanOrEqualTo(2);
			assertThat((Integer) spec.get("maxReplicas")).as(deployment)
				.isGreaterThan((Integer) spec.get("minReplicas"));
			Map<String, Object> metric = list(spec.get("metrics")).get(0);
			assertThat(map(metric.get("resource"))).as(deployment).containsEntry("name", "cpu");
			// A replica count in the Deployment would be put back by every kubectl apply.
			assertThat(map(workload(deployment).get("spec"))).as(deployment).doesNotContainKey("replicas");
			assertThat(map(map(container(workload(deployment)).get("resources")).get("requests")))
				.as("CPU utilization is measured against the request")
				.containsKey("cpu");
		});
	}

	@Test
	void keepsResolverPodsAnsweringThroughVoluntaryDisruptions() {
		List<Map<String, Object>> budgets = kind("PodDisruptionBudget");
		assertThat(budgets).extracting(KubernetesManifestsTests::name).containsExactly("dpp-resolver");
		Map<String, Object> spec = map(budgets.get(0).get("spec"));
		assertThat(podLabels(workload("dpp-resolver")))
			.containsAllEntriesOf(map(map(spec.get("selector")).get("matchLabels")));
		assertThat(spec).containsEntry("maxUnavailable", 1).doesNotContainKey("minAvailable");
	}

	@Test
	void labelsEveryDocumentAsPartOfDppMintAndEveryAppsObjectsWithItsName() {
		assertThat(documents).allSatisfy(
				(document) -> assertThat(labels(document)).as(name(document)).containsEntry(PART_OF, "dpp-mint"));
		for (Map<String, Object> workload : workloads()) {
			assertThat(labels(workload)).containsEntry(NAME, name(workload));
			assertThat(podLabels(workload)).containsEntry(NAME, name(workload)).containsEntry(PART_OF, "dpp-mint");
			assertThat(map(map(map(workload.get("spec")).get("selector")).get("matchLabels")))
				.isEqualTo(Map.of(NAME, name(workload)));
		}
		for (Map<String, Object> service : kind("Service")) {
			assertThat(labels(service)).containsEntry(NAME, name(service));
			assertThat(map(map(service.get("spec")).get("selector"))).isEqualTo(Map.of(NAME, name(service)));
			assertThat(names("Deployment")).as("the Deployment of Service " + name(service)).contains(name(service));
		}
		for (String kind : List.of("HorizontalPodAutoscaler", "PodDisruptionBudget")) {
			assertThat(kind(kind)).allSatisfy((document) -> {
				assertThat(labels(document)).containsEntry(NAME, name(document));
				assertThat(names("Deployment")).contains(name(document));
			});
		}
		assertThat(cronPodLabels()).containsEntry(NAME, "dpp-export-scheduled").containsEntry(PART_OF, "dpp-mint");
	}

	@Test
	void takesThePublicUrlsFromTheSharedConfigMapAndNeverLoopback() {
		Map<String, Object> settings = map(kind("ConfigMap").stream()
			.filter((document) -> "dpp-settings".equals(name(document)))
			.findFirst()
			.orElseThrow()
			.get("data"));
		for (String variable : List.of("DPP_RESOLVER_PUBLIC_BASE_URL", "DPP_CONSOLE_EXPORT_DOWNLOAD_BASE_URL")) {
			URI url = URI.create((String) settings.get(variable));
			assertThat(url.getScheme()).as(variable).isEqualTo("https");
			assertThat(url.getHost()).as(variable).isNotBlank().doesNotStartWith("127.").isNotEqualTo("localhost");
			assertThat(allContainers()).allSatisfy((container) -> assertThat(list(container.get("env")))
				.extracting((variableOfContainer) -> variableOfContainer.get("name"))
				.as("%s set past the ConfigMap in %s", variable, container.get("name"))
				.doesNotContain(variable));
		}
	}

	/** Variables taken from Secrets: name to {@code secret/key}. */
	private static Map<String, String> secretsOf(Map<String, Object> container) {
		Map<String, String> secrets = new HashMap<>();
		for (Map<String, Object> variable : list(container.get("env"))) {
			if (variable.get("valueFrom") != null) {
				Map<String, Object> reference = map(map(variable.get("valueFrom")).get("secretKeyRef"));
				secrets.put((String) variable.get("name"), reference.get("name") + "/" + reference.get("key"));
			}
		}
		return secrets;
	}

	private static List<Map<String, Object>> allContainers() {
		List<Map<String, Object>> containers = new ArrayList<>();
		workloads().forEach((workload) -> containers.add(container(workload)));
		containers.add(cronContainer());
		return containers;
	}

	private static List<Map<String, Object>> kind(String kind) {
		return documents.stream().filter((document) -> kind.equals(document.get("kind"))).toList();
	}

	private static Map<String, Object> labels(Map<String, Object> document) {
		return map(map(document.get("metadata")).get("labels"));
	}

	private static Map<String, Object> podLabels(Map<String, Object> workload) {
		return map(map(map(map(workload.get("spec")).get("template")).get("metadata")).get("labels"));
	}

	private static Map<String, Object> cronPodLabels() {
		Map<String, Object> job = map(map(map(kind("CronJob").get(0).get("spec")).get("jobTemplate")).get("spec"));
		return map(map(map(job.get("template")).get("metadata")).get("labels"));
	}

	private static Map<String, Object> httpGet(Map<String, Object> container, String probe) {
		return map(map(container.get(probe)).get("httpGet"));
	}

	private static BigDecimal quantity(Object value) {
		return Quantity.fromString(String.valueOf(value)).getNumber();
	}

	/** The app an image runs: its first argument (deploy/Dockerfile). */
	private static String appName(Map<String, Object> container) {
		Object app = ((List<?>) container.get("args")).get(0);
		assertThat(Set.of("mint-jobs", "export-jobs", "resolver-app", "admin-console")).contains((String) app);
		return (String) app;
	}

	private static Map<String, Object> applicationYaml(String app) throws IOException {
		Path file = KubernetesManifests.DIRECTORY.resolve("../../" + app + "/src/main/resources/application.yml")
			.normalize();
		return new Yaml().load(Files.readString(file));
	}

	private static Object path(Map<String, Object> settings, String... keys) {
		Object value = settings;
		for (String key : keys) {
			if (!(value instanceof Map<?, ?> map)) {
				return null;
			}
			value = map.get(key);
		}
		return value;
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
		Map<String, String> values = new HashMap<>();
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
