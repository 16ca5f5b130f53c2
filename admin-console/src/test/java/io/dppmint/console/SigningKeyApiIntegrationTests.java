package io.dppmint.console;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.dppmint.console.Http.Response;
import io.dppmint.core.fixtures.Fixtures;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A brand's signing keys through the API: rotation, revocation, what the next signed
 * batch is signed with, the audit trail, and refusals that change nothing.
 */
class SigningKeyApiIntegrationTests extends ApiTestSupport {

	private static final String KID_PREFIX = Fixtures.COMPANY_PREFIX + ":";

	@Test
	void rotationAddsAPendingKeyBesideTheActiveOneAndASecondRotationChangesNothing() {
		Tenant tenant = gs1Tenant();
		signedBatch(tenant);
		String keys = keysPath(tenant);

		Response before = api(tenant).get(keys);
		Response rotated = api(tenant).post(keys + "/rotate", Map.of("prepublication", "PT48H"));
		Response listed = api(tenant).get(keys);
		Response again = api(tenant).post(keys + "/rotate", Map.of());

		assertThat(before.json().valueStream().map((key) -> key.path("kid").asString() + " " + state(key)))
			.containsExactly(KID_PREFIX + "1 active");
		assertThat(rotated.status()).as(rotated.toString()).isEqualTo(201);
		assertThat(rotated.header("Location")).isEqualTo(keys + "/2");
		JsonNode pending = rotated.json();
		assertThat(pending.path("kid").asString()).isEqualTo(KID_PREFIX + "2");
		assertThat(pending.path("keyNumber").asInt()).isEqualTo(2);
		assertThat(pending.path("algorithm").asString()).isEqualTo("ES256");
		assertThat(state(pending)).isEqualTo("pending");
		assertThat(Duration.between(instant(pending, "createdAt"), instant(pending, "activatesAt")))
			.isEqualTo(Duration.ofHours(48));
		assertThat(pending.path("activatedAt").isNull()).isTrue();
		assertThat(listed.json().valueStream().map((key) -> key.path("keyNumber").asInt() + " " + state(key)))
			.containsExactly("2 pending", "1 active");
		assertThat(listed.json().get(0).propertyNames()).containsExactlyInAnyOrder("kid", "keyNumber", "algorithm",
				"state", "createdAt", "activatesAt", "activatedAt", "retiredAt", "revokedAt");
		assertThat(api(tenant).get(keys + "/2").json()).isEqualTo(pending);

		assertThat(again.status()).as(again.toString()).isEqualTo(409);
		assertThat(again.isProblem()).isTrue();
		assertThat(again.errorCodes()).containsExactly("ROTATION_PENDING");
		assertThat(again.json().path("detail").asString()).contains(KID_PREFIX + "2 is already pending");
		assertThat(keyCount(tenant)).isEqualTo(2);
		assertThat(auditEvents(tenant, "rotated")).containsExactly(KID_PREFIX + "2");
	}

	@Test
	void revokingTheActiveKeyWithdrawsItAndTheNextSignedBatchIsSignedWithThePendingKey() {
		Tenant tenant = gs1Tenant();
		signedBatch(tenant);
		String keys = keysPath(tenant);
		Http owner = login(tenant.owner(), tenant.password());
		Response rotated = owner.post(keys + "/rotate", "");

		Response revoked = owner.post(keys + "/1/revoke", "");
		Response again = owner.post(keys + "/1/revoke", "");
		Response unknown = owner.post(keys + "/9/revoke", "");
		Response malformed = owner.post(keys + "/one/revoke", "");
		long batchId = signedBatch(tenant);

		assertThat(rotated.status()).as(rotated.toString()).isEqualTo(201);
		assertThat(Duration.between(instant(rotated.json(), "createdAt"), instant(rotated.json(), "activatesAt")))
			.as("the configured pre-publication")
			.isEqualTo(Duration.ofHours(24));
		assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
		assertThat(state(revoked.json())).isEqualTo("revoked");
		assertThat(instant(revoked.json(), "revokedAt")).isCloseTo(Instant.now(), within(Duration.ofMinutes(1)));
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.errorCodes()).containsExactly("KEY_ALREADY_REVOKED");
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.isProblem()).isTrue();
		assertThat(malformed.status()).isEqualTo(400);
		assertThat(count("""
				select k.key_number from mint_batches b join brand_keys k on k.id = b.signing_key_id
				where b.id = ?""", batchId)).as("the pending key signs at once, no new key").isEqualTo(2);
		assertThat(api(tenant).get(keys)
			.json()
			.valueStream()
			.map((key) -> key.path("keyNumber").asInt() + " " + state(key))).containsExactly("2 active", "1 revoked");
		assertThat(auditEvents(tenant, "revoked")).containsExactly(KID_PREFIX + "1");
		assertThat(this.jdbc.sql("""
				select actor || ' ' || (details ->> 'previousState') from audit_events
				where brand_id = ? and entity_type = 'signing_key' and action = 'revoked'""")
			.param(1, tenant.brandId())
			.query(String.class)
			.single()).isEqualTo(tenant.owner() + " active");
	}

	@Test
	void refusedRotationsAndRevocationsWriteNothing() {
		Tenant notGs1 = tenant();
		Tenant tenant = gs1Tenant();
		signedBatch(tenant);
		String keys = keysPath(tenant);

		Response notReady = api(notGs1).post(keysPath(notGs1) + "/rotate", Map.of());
		Response tooLong = api(tenant).post(keys + "/rotate", Map.of("prepublication", "P31D"));
		Response negative = api(tenant).post(keys + "/rotate", Map.of("prepublication", "-PT1H"));
		Response garbage = api(tenant).post(keys + "/rotate", Map.of("prepublication", "tomorrow"));
		Response unknownField = api(tenant).post(keys + "/rotate", Map.of("keyNumber", 7));
		Http viewer = login(tenant.viewer(), tenant.password());
		Response viewerRotates = viewer.post(keys + "/rotate", Map.of());
		Response viewerRevokes = viewer.post(keys + "/1/revoke", Map.of());

		assertThat(notReady.status()).as(notReady.toString()).isEqualTo(409);
		assertThat(notReady.errorCodes()).containsExactly("NOT_GS1_READY");
		assertThat(tooLong.status()).isEqualTo(400);
		assertThat(tooLong.errorCodes()).containsExactly("OUT_OF_RANGE");
		assertThat(negative.status()).isEqualTo(400);
		assertThat(garbage.status()).isEqualTo(400);
		assertThat(garbage.isProblem()).isTrue();
		assertThat(unknownField.status()).isEqualTo(400);
		assertThat(unknownField.errorCodes()).containsExactly("UNKNOWN_FIELD");
		assertThat(viewerRotates.status()).isEqualTo(403);
		assertThat(viewerRevokes.status()).isEqualTo(403);
		assertThat(viewer.get(keys).status()).as("viewers read").isEqualTo(200);
		assertThat(keyCount(notGs1)).isZero();
		assertThat(api(tenant).get(keys)
			.json()
			.valueStream()
			.map((key) -> key.path("keyNumber").asInt() + " " + state(key))).containsExactly("1 active");
		assertThat(count("select count(*) from audit_events where brand_id in (?, ?) and entity_type = 'signing_key'",
				tenant.brandId(), notGs1.brandId()))
			.isZero();
	}

	@Test
	void ofConcurrentRotationsOneAddsAKeyAndTheOthersAreToldItIsPending() throws Exception {
		Tenant tenant = gs1Tenant();
		signedBatch(tenant);
		String rotate = keysPath(tenant) + "/rotate";
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Response>> responses = new ArrayList<>();
		try (ExecutorService executor = Executors.newFixedThreadPool(6)) {
			for (int i = 0; i < 6; i++) {
				responses.add(executor.submit(() -> {
					start.await();
					return api(tenant).post(rotate, Map.of());
				}));
			}
			start.countDown();
			List<Integer> statuses = new ArrayList<>();
			for (Future<Response> response : responses) {
				Response answer = response.get();
				statuses.add(answer.status());
				if (answer.status() == 409) {
					assertThat(answer.errorCodes()).containsExactly("ROTATION_PENDING");
				}
			}
			assertThat(statuses).containsOnly(201, 409).containsOnlyOnce(201);
		}
		assertThat(keyCount(tenant)).isEqualTo(2);
		assertThat(auditEvents(tenant, "rotated")).containsExactly(KID_PREFIX + "2");
	}

	private static String keysPath(Tenant tenant) {
		return "/api/v1/brands/" + tenant.brandId() + "/signing-keys";
	}

	private static String state(JsonNode key) {
		return key.path("state").asString();
	}

	private static Instant instant(JsonNode key, String field) {
		return Instant.parse(key.path(field).asString());
	}

	private long keyCount(Tenant tenant) {
		return count("select count(*) from brand_keys where brand_id = ?", tenant.brandId());
	}

	private List<String> auditEvents(Tenant tenant, String action) {
		return this.jdbc.sql("""
				select entity_id from audit_events where brand_id = ? and entity_type = 'signing_key' and action = ?
				order by id""").param(1, tenant.brandId()).param(2, action).query(String.class).list();
	}

}
