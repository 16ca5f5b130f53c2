package io.dppmint.console;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.dppmint.console.Http.Response;
import io.dppmint.core.minting.MintBatch;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Schedules through the REST API, on the real PostgreSQL with Quartz's clustered JDBC
 * store: what is created is what fires, invalid input changes nothing, brands see only
 * their own, and a run does the schedule's work through the intakes, once per fire time.
 */
class ScheduleApiIntegrationTests extends ApiTestSupport {

	private static Map<String, Object> schedule(String kind, String cron, String timeZone) {
		Map<String, Object> body = new HashMap<>();
		body.put("name", "Nightly " + kind);
		body.put("kind", kind);
		body.put("cron", cron);
		body.put("timeZone", timeZone);
		return body;
	}

	private long schedules(Tenant tenant) {
		return count("select count(*) from schedules where brand_id = ?", tenant.brandId());
	}

	@Test
	void createsAScheduleThatQuartzFiresAtItsNextRunsInItsTimeZone() {
		Tenant tenant = tenant();

		Response created = api(tenant).post("/api/v1/schedules",
				schedule("export_minted", "0 0 2 * * ?", "Europe/Paris"));

		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		long id = created.json().path("id").asLong();
		assertThat(created.header("Location")).isEqualTo("/api/v1/schedules/" + id);
		assertThat(created.json().path("brandId").asLong()).isEqualTo(tenant.brandId());
		assertThat(created.json().path("enabled").asBoolean()).isTrue();
		List<Instant> next = created.json()
			.path("nextRuns")
			.valueStream()
			.map((t) -> Instant.parse(t.asString()))
			.toList();
		assertThat(next).hasSize(5).allSatisfy((run) -> {
			assertThat(run.atZone(ZoneId.of("Europe/Paris")).getHour()).isEqualTo(2);
			assertThat(run.atZone(ZoneId.of("Europe/Paris")).getMinute()).isZero();
		});
		assertThat(next.getFirst()).isBetween(Instant.now(), Instant.now().plus(Duration.ofHours(25)));
		// What Quartz will fire: the same expression, zone and next fire time.
		assertThat(this.jdbc.sql("""
				select c.cron_expression || ' ' || c.time_zone_id || ' ' || t.next_fire_time || ' ' || t.trigger_state
				from qrtz_triggers t join qrtz_cron_triggers c using (sched_name, trigger_name, trigger_group)
				where t.trigger_name = ?""").param("schedule-" + id).query(String.class).single())
			.isEqualTo("0 0 2 * * ? Europe/Paris " + next.getFirst().toEpochMilli() + " WAITING");
		assertThat(count(
				"select count(*) from audit_events where entity_type = 'schedule' and entity_id = ? and action = 'created'",
				Long.toString(id)))
			.isEqualTo(1);
		assertThat(api(tenant).get("/api/v1/schedules").json().path(0).path("id").asLong()).isEqualTo(id);
	}

	@Test
	void refusesInvalidSchedulesWithTheFieldAtFaultAndWritesNothing() {
		Tenant tenant = tenant();
		long triggers = count("select count(*) from qrtz_triggers");

		Response words = api(tenant).post("/api/v1/schedules", schedule("export_minted", "every night", "UTC"));
		Response bothDays = api(tenant).post("/api/v1/schedules", schedule("export_minted", "0 0 2 * * 1", "UTC"));
		Response zone = api(tenant).post("/api/v1/schedules", schedule("export_minted", "0 0 2 * * ?", "Mars/Olympus"));
		Response frequent = api(tenant).post("/api/v1/schedules", schedule("export_minted", "0 * * * * ?", "UTC"));
		Response past = api(tenant).post("/api/v1/schedules", schedule("export_minted", "0 0 2 * * ? 2001", "UTC"));
		Response kind = api(tenant).post("/api/v1/schedules", schedule("delete_everything", "0 0 2 * * ?", "UTC"));
		Map<String, Object> unnamed = schedule("export_minted", "0 0 2 * * ?", "UTC");
		unnamed.put("name", " ");
		Response name = api(tenant).post("/api/v1/schedules", unnamed);
		Map<String, Object> foreign = schedule("export_minted", "0 0 2 * * ?", "UTC");
		foreign.put("brandId", tenant().brandId());
		Response otherBrand = api(tenant).post("/api/v1/schedules", foreign);
		Response viewer = login(tenant.viewer(), tenant.password()).post("/api/v1/schedules",
				schedule("export_minted", "0 0 2 * * ?", "UTC"));

		assertThat(words.status()).isEqualTo(400);
		assertThat(words.json().path("errors").path(0).path("field").asString()).isEqualTo("cron");
		assertThat(words.json().path("errors").path(0).path("code").asString()).isEqualTo("INVALID_CRON");
		assertThat(words.json().path("errors").path(0).path("message").asString()).contains("'every night'")
			.contains("0 0 2 * * ?");
		assertThat(bothDays.json().path("errors").path(0).path("code").asString()).isEqualTo("INVALID_CRON");
		assertThat(zone.json().path("errors").path(0).path("field").asString()).isEqualTo("timeZone");
		assertThat(frequent.json().path("errors").path(0).path("code").asString()).isEqualTo("TOO_FREQUENT");
		assertThat(past.json().path("errors").path(0).path("code").asString()).isEqualTo("NEVER_FIRES");
		assertThat(kind.json().path("errors").path(0).path("field").asString()).isEqualTo("kind");
		assertThat(name.status()).isEqualTo(400);
		assertThat(otherBrand.json().path("errors").path(0).path("code").asString()).isEqualTo("FOREIGN_BRAND");
		assertThat(List.of(words, bothDays, zone, frequent, past, kind, otherBrand))
			.allSatisfy((response) -> assertThat(response.status()).as(response.toString()).isEqualTo(400));
		assertThat(viewer.status()).isEqualTo(403);
		assertThat(schedules(tenant)).isZero();
		assertThat(count("select count(*) from qrtz_triggers")).isEqualTo(triggers);
	}

	@Test
	void aBrandNeverSeesNorChangesAnotherBrandsSchedules() {
		Tenant tenant = tenant();
		Tenant other = tenant();
		long id = created(tenant, "export_minted", "0 0 2 * * ?");

		assertThat(api(other).get("/api/v1/schedules").json().size()).isZero();
		assertThat(api(other).get("/api/v1/schedules/" + id).status()).isEqualTo(404);
		assertThat(api(other).send("PUT", "/api/v1/schedules/" + id, "{\"cron\":\"0 0 3 * * ?\"}", Map.of()).status())
			.isEqualTo(404);
		assertThat(api(other).post("/api/v1/schedules/" + id + "/run", "").status()).isEqualTo(404);
		assertThat(api(other).send("DELETE", "/api/v1/schedules/" + id, null, Map.of()).status()).isEqualTo(404);
		assertThat(api(tenant).get("/api/v1/schedules/" + id).json().path("cron").asString()).isEqualTo("0 0 2 * * ?");
	}

	@Test
	void pausesChangesAndDeletesTheQuartzTriggerWithTheSchedule() {
		Tenant tenant = tenant();
		long id = created(tenant, "export_minted", "0 0 2 * * ?");

		Response paused = api(tenant).send("PUT", "/api/v1/schedules/" + id,
				"{\"cron\":\"0 30 4 ? * MON-FRI\",\"timeZone\":\"America/New_York\",\"enabled\":false}", Map.of());
		Response pausedRun = api(tenant).post("/api/v1/schedules/" + id + "/run", "");

		assertThat(paused.status()).as(paused.toString()).isEqualTo(200);
		assertThat(paused.json().path("nextRuns").size()).isZero();
		assertThat(trigger(id)).isEqualTo("0 30 4 ? * MON-FRI America/New_York PAUSED");
		assertThat(pausedRun.status()).isEqualTo(409);

		Response resumed = api(tenant).send("PUT", "/api/v1/schedules/" + id,
				"{\"cron\":\"0 30 4 ? * MON-FRI\",\"timeZone\":\"America/New_York\",\"enabled\":true}", Map.of());
		assertThat(resumed.json().path("nextRuns").size()).isEqualTo(5);
		assertThat(trigger(id)).isEqualTo("0 30 4 ? * MON-FRI America/New_York WAITING");

		Response deleted = api(tenant).send("DELETE", "/api/v1/schedules/" + id, null, Map.of());
		assertThat(deleted.status()).isEqualTo(204);
		assertThat(count("select count(*) from qrtz_triggers where trigger_name = ?", "schedule-" + id)).isZero();
		assertThat(count("select count(*) from qrtz_job_details where job_name = ?", "schedule-" + id)).isZero();
		assertThat(schedules(tenant)).isZero();
		assertThat(this.jdbc.sql("""
				select action from audit_events where entity_type = 'schedule' and entity_id = ? order by id""")
			.param(Long.toString(id))
			.query(String.class)
			.list()).containsExactly("created", "changed", "changed", "deleted");
	}

	@Test
	void runNowExportsTheBatchesMintedSinceTheScheduleWasCreatedOnce() throws InterruptedException {
		Tenant tenant = tenant();
		MintBatch before = mintedBatch(tenant, 3);
		long id = created(tenant, "export_minted", "0 0 2 * * ?");
		MintBatch after = mintedBatch(tenant, 4);

		Response run = api(tenant).post("/api/v1/schedules/" + id + "/run", "");
		JsonNode first = awaitRuns(tenant, id, 1).path(0);

		assertThat(run.status()).isEqualTo(202);
		assertThat(first.path("outcome").asString()).as(first.toString()).isEqualTo("succeeded");
		assertThat(first.path("summary").asString()).startsWith("exports queued: 1, resumed: 0");
		assertThat(count("select count(*) from exports where batch_id = ? and status = 'pending'", after.id()))
			.isEqualTo(1);
		assertThat(count("select count(*) from exports where batch_id = ?", before.id())).isZero();
		assertThat(this.jdbc.sql("select requested_by from exports where batch_id = ?")
			.param(after.id())
			.query(String.class)
			.single()).isEqualTo("schedule:" + id);

		// Its export failed: the next run resumes it; nothing new is queued twice.
		this.jdbc.sql("update exports set status = 'failed' where batch_id = ?").param(after.id()).update();
		api(tenant).post("/api/v1/schedules/" + id + "/run", "");
		JsonNode second = awaitRuns(tenant, id, 2).path(0);
		assertThat(second.path("summary").asString()).startsWith("exports queued: 0, resumed: 1");
		assertThat(count("select count(*) from exports where batch_id = ?", after.id())).isEqualTo(1);
		assertThat(count(
				"select count(*) from audit_events where entity_type = 'schedule' and entity_id = ? and action = 'ran'",
				Long.toString(id)))
			.isEqualTo(2);
	}

	@Test
	void restartsAFailedMintBatchAtMostThreeTimes() throws InterruptedException {
		Tenant tenant = tenant();
		MintBatch batch = mintedBatch(tenant, 2);
		long id = created(tenant, "restart_failed_mints", "0 0 * * * ?");

		for (int run = 1; run <= 4; run++) {
			this.jdbc.sql("update mint_batches set status = 'failed', error = 'disk full' where id = ?")
				.param(batch.id())
				.update();
			api(tenant).post("/api/v1/schedules/" + id + "/run", "");
			JsonNode latest = awaitRuns(tenant, id, run).path(0);
			if (run <= 3) {
				assertThat(latest.path("summary").asString()).as(latest.toString())
					.isEqualTo("mint batches restarted: 1 [" + batch.id() + "]");
				assertThat(this.jdbc.sql("select status from mint_batches where id = ?")
					.param(batch.id())
					.query(String.class)
					.single()).isEqualTo("queued");
			}
			else {
				assertThat(latest.path("summary").asString())
					.isEqualTo("mint batches restarted: 0; left failed after 3 automatic restarts: 1");
				assertThat(this.jdbc.sql("select status from mint_batches where id = ?")
					.param(batch.id())
					.query(String.class)
					.single()).isEqualTo("failed");
			}
		}
		assertThat(count(
				"select count(*) from audit_events where entity_type = 'batch' and entity_id = ? and action = 'restart_requested' and actor = ?",
				Long.toString(batch.id()), "schedule:" + id))
			.isEqualTo(3);
	}

	private String trigger(long id) {
		return this.jdbc.sql("""
				select c.cron_expression || ' ' || c.time_zone_id || ' ' || t.trigger_state
				from qrtz_triggers t join qrtz_cron_triggers c using (sched_name, trigger_name, trigger_group)
				where t.trigger_name = ?""").param("schedule-" + id).query(String.class).single();
	}

	/** Create a schedule (UTC) through the API and return its id. */
	private long created(Tenant tenant, String kind, String cron) {
		return api(tenant).post("/api/v1/schedules", schedule(kind, cron, "UTC")).json().path("id").asLong();
	}

	/** The schedule's runs, newest first, once {@code count} of them have finished. */
	private JsonNode awaitRuns(Tenant tenant, long id, int count) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		JsonNode runs = null;
		while (System.nanoTime() < deadline) {
			runs = api(tenant).get("/api/v1/schedules/" + id).json().path("runs");
			long finished = runs.valueStream().filter((run) -> !run.path("outcome").isNull()).count();
			if (finished >= count) {
				assertThat(finished).isEqualTo(count);
				return runs;
			}
			Thread.sleep(100);
		}
		throw new AssertionError("Schedule " + id + " did not finish " + count + " runs in 30 s: " + runs);
	}

}
