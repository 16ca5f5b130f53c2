package io.dppmint.platform.kubernetes;

import java.util.List;
import java.util.Map;

import io.dppmint.platform.kubernetes.KubernetesApiSchema.InvalidManifestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * {@link KubernetesApiSchema} refuses what the Kubernetes API would refuse: each case
 * breaks the real {@code deploy/kubernetes/resolver.yaml} in one place (a misspelt field
 * at some depth, a missing required field, a value of the wrong type, a retired API
 * version) and expects the check to fail naming what is wrong.
 */
class KubernetesApiSchemaTests {

	private static final String RESOLVER = KubernetesManifests.read("resolver.yaml");

	@Test
	void acceptsTheResolverManifestAsItIs() {
		List<Map<String, Object>> documents = KubernetesManifests.parse(RESOLVER);

		assertThat(documents).extracting((document) -> document.get("kind"))
			.containsExactly("Deployment", "Service", "HorizontalPodAutoscaler", "PodDisruptionBudget");
		documents
			.forEach((document) -> assertThatNoException().isThrownBy(() -> KubernetesApiSchema.validate(document)));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					a misspelt container field         | readinessProbe:            | readinesProbe:              | `readinesProbe` in the JSON string is not defined in the `V1Container` properties
					a misspelt field deep in a probe   | periodSeconds: 5           | periodSecond: 5             | `periodSecond` in the JSON string is not defined in the `V1Probe` properties
					a misspelt pod spec field          | containers:                | container:                  | `container` in the JSON string is not defined in the `V1PodSpec` properties
					a misspelt Service field           | targetPort: http           | targetport: http            | `targetport` in the JSON string is not defined in the `V1ServicePort` properties
					a misspelt autoscaler metric field | averageUtilization: 70     | averageUtilisation: 70      | `averageUtilisation` in the JSON string is not defined in the `V2MetricTarget` properties
					a misspelt disruption budget field | maxUnavailable: 1          | maxUnavailabe: 1            | `maxUnavailabe` in the JSON string is not defined in the `V1PodDisruptionBudgetSpec` properties
					a missing required field           | '  maxReplicas: 10\\n'     | ''                          | The required field `maxReplicas` is not found
					a number that is not one           | periodSeconds: 5           | periodSeconds: five         | five
					a number written as a string       | containerPort: 8081        | containerPort: '8081'       | does not come back unchanged as V1Deployment
					a malformed quantity               | 'limits: {cpu: "2",'       | 'limits: {cpu: "2 cores",'  | Unable to parse numeric part of quantity
					a retired API version              | apiVersion: policy/v1\\n   | apiVersion: policy/v1beta1\\n | No Kubernetes 1.36 schema for policy/v1beta1/PodDisruptionBudget
					""")
	void refusesABrokenManifest(String what, String original, String broken, String expected) {
		String text = replaceOnce(RESOLVER, unescape(original), unescape(broken));

		assertThatExceptionOfType(InvalidManifestException.class).as(what)
			.isThrownBy(() -> KubernetesManifests.parse(text).forEach(KubernetesApiSchema::validate))
			.withMessageContaining(expected);
	}

	private static String replaceOnce(String text, String original, String broken) {
		int at = text.indexOf(original);
		assertThat(at).as("'%s' in resolver.yaml", original).isNotNegative();
		assertThat(text.indexOf(original, at + 1)).as("'%s' only once in resolver.yaml", original).isNegative();
		return text.substring(0, at) + broken + text.substring(at + original.length());
	}

	private static String unescape(String value) {
		return value.replace("\\n", "\n");
	}

}
