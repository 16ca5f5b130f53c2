package io.dppmint.platform.kubernetes;

import java.util.Map;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import io.kubernetes.client.custom.QuantityFormatException;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1CronJob;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaim;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;

/**
 * The Kubernetes API's own schema, pinned to Kubernetes {@value #KUBERNETES_VERSION}, for
 * the kinds the manifests use. It comes from the official Kubernetes Java client
 * ({@code io.kubernetes:client-java-api}, version in the root {@code pom.xml}), whose
 * models are generated from the API server's OpenAPI document of that release, each with
 * a strict validator: a field the schema does not define is rejected at every depth (as
 * {@code kubectl apply --validate=strict} rejects it), a required field must be there,
 * and every object, array and value must read as its schema type (quantities and
 * int-or-string ports included). On top of that, the document must come back unchanged
 * when the typed model is written out again, which catches what a lenient reader would
 * let pass (a number written as a string, say).
 * <p>
 * To move to a newer Kubernetes release, raise {@code kubernetes-client-java.version}
 * (client 27.x is Kubernetes 1.36, 28.x 1.37, ...) and {@link #KUBERNETES_VERSION}; a
 * kind not in {@link #KINDS} is refused until its model is added here.
 */
final class KubernetesApiSchema {

	/** The Kubernetes release whose OpenAPI document the models were generated from. */
	static final String KUBERNETES_VERSION = "1.36";

	/** Model of each {@code apiVersion/kind} the manifests may use. */
	private static final Map<String, Class<?>> KINDS = Map.of("v1/ConfigMap", V1ConfigMap.class, "v1/Secret",
			V1Secret.class, "v1/Service", V1Service.class, "v1/PersistentVolumeClaim", V1PersistentVolumeClaim.class,
			"apps/v1/Deployment", V1Deployment.class, "batch/v1/CronJob", V1CronJob.class,
			"autoscaling/v2/HorizontalPodAutoscaler", V2HorizontalPodAutoscaler.class, "policy/v1/PodDisruptionBudget",
			V1PodDisruptionBudget.class);

	private KubernetesApiSchema() {
	}

	/**
	 * Check one manifest document (as parsed from YAML).
	 * @param document the document
	 * @throws InvalidManifestException naming what is wrong
	 */
	static void validate(Map<String, Object> document) {
		String kind = document.get("apiVersion") + "/" + document.get("kind");
		Class<?> model = KINDS.get(kind);
		if (model == null) {
			throw new InvalidManifestException("No Kubernetes " + KUBERNETES_VERSION + " schema for " + kind
					+ " here (known: " + KINDS.keySet().stream().sorted().toList() + ")");
		}
		Gson gson = JSON.getGson();
		JsonElement json = gson.toJsonTree(document);
		Object read;
		try {
			read = gson.fromJson(json, model);
		}
		catch (IllegalArgumentException | JsonParseException | QuantityFormatException ex) {
			throw new InvalidManifestException(kind + ": " + withoutEcho(ex.getMessage()), ex);
		}
		JsonElement written = withoutEmpties(json);
		JsonElement readBack = withoutEmpties(gson.toJsonTree(read));
		if (!readBack.equals(written)) {
			throw new InvalidManifestException(kind + ": does not come back unchanged as " + model.getSimpleName()
					+ ", a value of the wrong type?" + "\n  written: " + json + "\n  read as: " + written);
		}
	}

	/**
	 * The models start every list and map empty, so an empty one means "not given" on
	 * either side.
	 */
	private static JsonElement withoutEmpties(JsonElement element) {
		if (element.isJsonObject()) {
			JsonObject pruned = new JsonObject();
			element.getAsJsonObject().entrySet().forEach((entry) -> {
				JsonElement value = withoutEmpties(entry.getValue());
				if (!isEmpty(value)) {
					pruned.add(entry.getKey(), value);
				}
			});
			return pruned;
		}
		if (element.isJsonArray()) {
			JsonArray pruned = new JsonArray();
			element.getAsJsonArray().forEach((value) -> pruned.add(withoutEmpties(value)));
			return pruned;
		}
		return element;
	}

	private static boolean isEmpty(JsonElement value) {
		return value.isJsonNull() || (value.isJsonObject() && value.getAsJsonObject().isEmpty())
				|| (value.isJsonArray() && value.getAsJsonArray().isEmpty());
	}

	/**
	 * The generated validators append the whole JSON document; the field names suffice.
	 */
	private static String withoutEcho(String message) {
		int echo = (message != null) ? message.indexOf(" JSON: ") : -1;
		return (echo < 0) ? message : message.substring(0, echo);
	}

	/** A manifest document the Kubernetes API would refuse. */
	static final class InvalidManifestException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		InvalidManifestException(String message) {
			super(message);
		}

		InvalidManifestException(String message, Throwable cause) {
			super(message, cause);
		}

	}

}
