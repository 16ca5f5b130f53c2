package io.dppmint.console;

import java.util.Map;

import io.dppmint.console.Http.Response;
import io.dppmint.core.minting.ActivationMode;
import io.dppmint.core.minting.IdentityMode;
import io.dppmint.core.minting.MintBatch;
import io.dppmint.core.minting.MintRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExportApiIntegrationTests extends ApiTestSupport {

	private long exports(MintBatch batch) {
		return count("select count(*) from exports where batch_id = ?", batch.id());
	}

	/** Record an export as export-jobs would leave it: completed, with its packs. */
	private void complete(long exportId, int packs) {
		for (int pack = 1; pack <= packs; pack++) {
			this.jdbc
				.sql("""
						insert into export_packs (export_id, pack_number, first_token_id, row_count, byte_size, sha256, storage_key)
						values (?, ?, 1, 10, 100, repeat('a', 64), 'exports/x/pack')""")
				.param(1, exportId)
				.param(2, pack)
				.update();
		}
		this.jdbc.sql("""
				update exports set status = 'completed', manifest_sha256 = repeat('b', 64), completed_at = now(),
					manifest_storage_key = 'exports/x/manifest.csv', manifest_byte_size = 10
				where id = ?""").param(1, exportId).update();
	}

	@Test
	void startsAnExportOnceAndAnswersRetriesWithTheSameExport() {
		Tenant tenant = tenant();
		MintBatch batch = mintedBatch(tenant, 5);

		Response first = api(tenant).post("/api/v1/exports", Map.of("batchId", batch.id()));
		Response again = api(tenant).post("/api/v1/exports", Map.of("batchId", batch.id()));

		assertThat(first.status()).as(first.toString()).isEqualTo(202);
		assertThat(first.json().path("status").asString()).isEqualTo("pending");
		assertThat(first.header("Location")).isEqualTo("/api/v1/exports/" + first.json().path("id").asLong());
		assertThat(again.status()).isEqualTo(202);
		assertThat(again.json().path("id").asLong()).isEqualTo(first.json().path("id").asLong());
		assertThat(exports(batch)).isEqualTo(1);
		assertThat(api(tenant).get("/api/v1/exports?batchId=" + batch.id()).json().path("items").size()).isEqualTo(1);
	}

	@Test
	void listsACompletedExportsPacksWithSignedDownloadUrls() {
		Tenant tenant = tenant();
		MintBatch batch = mintedBatch(tenant, 5);
		long id = api(tenant).post("/api/v1/exports", Map.of("batchId", batch.id())).json().path("id").asLong();
		complete(id, 2);

		Response completed = api(tenant).post("/api/v1/exports", Map.of("batchId", batch.id()));
		Response packs = api(tenant).get("/api/v1/exports/" + id + "/packs");

		assertThat(completed.status()).isEqualTo(200);
		assertThat(completed.json().path("manifestUrl").asString()).contains("/exports/" + id + "/manifest?brand=");
		assertThat(packs.status()).isEqualTo(200);
		assertThat(packs.json().size()).isEqualTo(2);
		assertThat(packs.json().get(1).path("downloadUrl").asString())
			.startsWith("http://127.0.0.1:8083/exports/" + id + "/packs/2?brand=" + tenant.brandId() + "&expires=")
			.contains("&signature=");
		assertThat(packs.json().get(0).path("sha256").asString()).hasSize(64);
	}

	@Test
	void refusesUnmintedUnknownAndOtherBrandsBatchesAndWritesNothing() {
		Tenant tenant = tenant();
		Tenant other = tenant();
		MintBatch queued = this.intake
			.submit(new MintRequest(tenant.brandId(), tenant.ready().id(), null, IdentityMode.SERIAL,
					ActivationMode.ACTIVE, 5, java.util.List.of(), null), "tests")
			.batch();
		MintBatch othersBatch = mintedBatch(other, 3);

		Response unminted = api(tenant).post("/api/v1/exports", Map.of("batchId", queued.id()));
		Response foreign = api(tenant).post("/api/v1/exports", Map.of("batchId", othersBatch.id()));
		Response unknown = api(tenant).post("/api/v1/exports", Map.of("batchId", 999999999));
		Response malformed = api(tenant).post("/api/v1/exports", Map.of("batchId", "seven"));
		Response viewer = login(tenant.viewer(), tenant.password()).post("/api/v1/exports",
				Map.of("batchId", queued.id()));

		assertThat(unminted.status()).isEqualTo(409);
		assertThat(unminted.errorCodes()).containsExactly("BATCH_NOT_MINTED");
		assertThat(foreign.status()).isEqualTo(422);
		assertThat(foreign.errorCodes()).containsExactly("UNKNOWN_BATCH");
		assertThat(unknown.status()).isEqualTo(422);
		assertThat(malformed.status()).isEqualTo(400);
		assertThat(viewer.status()).isEqualTo(403);
		assertThat(exports(queued)).isZero();
		assertThat(exports(othersBatch)).isZero();
	}

	@Test
	void neverShowsAnotherBrandsExport() {
		Tenant a = tenant();
		Tenant b = tenant();
		MintBatch batchOfB = mintedBatch(b, 3);
		long exportOfB = api(b).post("/api/v1/exports", Map.of("batchId", batchOfB.id())).json().path("id").asLong();

		assertThat(api(a).get("/api/v1/exports/" + exportOfB).status()).isEqualTo(404);
		assertThat(api(a).get("/api/v1/exports/" + exportOfB + "/packs").status()).isEqualTo(404);
		assertThat(api(a).get("/api/v1/exports").json().path("items").size()).isZero();
		assertThat(api(a).get("/api/v1/exports?batchId=" + batchOfB.id()).json().path("items").size()).isZero();
		assertThat(api(b).get("/api/v1/exports/" + exportOfB).status()).isEqualTo(200);
	}

}
