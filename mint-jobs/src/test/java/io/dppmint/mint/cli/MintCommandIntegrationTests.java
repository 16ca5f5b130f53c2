package io.dppmint.mint.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.dppmint.core.catalog.JdbcBrandRepository;
import io.dppmint.core.catalog.Product;
import io.dppmint.core.fixtures.Fixtures;
import io.dppmint.core.passport.PassportValues;
import io.dppmint.testsupport.AppProcess;
import io.dppmint.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./dpp mint} as a scheduler runs it: the packaged app in its own JVM, judged by
 * exit code.
 */
class MintCommandIntegrationTests {

	private final JdbcClient jdbc = JdbcClient.create(TestPostgres.get().dataSource());

	private final JdbcBrandRepository brands = new JdbcBrandRepository(this.jdbc);

	private final Fixtures fixtures = Fixtures.onTestPostgres();

	@Test
	void mintsABatchRecordsTheTaskAndExitsZero() throws Exception {
		Product product = this.fixtures.aProduct().create();
		String brand = this.brands.findById(product.brandId()).orElseThrow().code();

		int exitCode = run("cli-mint", "mint", "--brand=" + brand, "--sku=" + product.sku(), "--quantity=45000",
				"--mode=lot", "--lots=L1:40000,L2:5000", "--activation=first-scan", "--idempotency-key=cli-1",
				"--carrier=nfc");

		String output = AppProcess.output("cli-mint");
		assertThat(exitCode).as(output).isZero();
		assertThat(output).containsPattern("Batch \\d+ minted: 45,000 of 45,000 units minted");
		long batchId = this.jdbc.sql("select id from mint_batches where brand_id = :brandId")
			.param("brandId", product.brandId())
			.query(Long.class)
			.single();
		assertThat(this.jdbc.sql("select status || '/' || carrier from mint_batches where id = :id")
			.param("id", batchId)
			.query(String.class)
			.single()).isEqualTo("minted/nfc");
		assertThat(this.jdbc.sql("select lot_number from lots where batch_id = :id order by first_token_id")
			.param("id", batchId)
			.query(String.class)
			.list()).containsExactly("L1", "L2");
		assertThat(this.jdbc.sql("""
				select t.exit_code from task_execution t
				join task_task_batch tb on tb.task_execution_id = t.task_execution_id
				join batch_job_execution_params p on p.job_execution_id = tb.job_execution_id
				where t.task_name = 'dpp-mint' and p.parameter_name = 'batchId' and p.parameter_value = :batchId""")
			.param("batchId", Long.toString(batchId))
			.query(Integer.class)
			.list()).containsExactly(0);

		int retried = run("cli-mint-retry", "mint", "--brand=" + brand, "--sku=" + product.sku(), "--quantity=45000",
				"--mode=lot", "--lots=L1:40000,L2:5000", "--activation=first-scan", "--idempotency-key=cli-1",
				"--carrier=nfc");

		assertThat(retried).isZero();
		assertThat(AppProcess.output("cli-mint-retry")).contains("already submitted with this idempotency key");
		assertThat(this.jdbc.sql("select count(*) from mint_batches where brand_id = :brandId")
			.param("brandId", product.brandId())
			.query(Long.class)
			.single()).isOne();
	}

	@Test
	void rejectsABadRequestWithExitCodeTwoAndCreatesNothing() throws Exception {
		Product product = this.fixtures.aProduct().create();
		String brand = this.brands.findById(product.brandId()).orElseThrow().code();

		int exitCode = run("cli-mint-rejected", "mint", "--brand=" + brand, "--sku=" + product.sku(),
				"--quantity=1000001");
		int unknownSku = run("cli-mint-unknown", "mint", "--brand=" + brand, "--sku=NOPE", "--quantity=10");

		assertThat(exitCode).isEqualTo(2);
		assertThat(AppProcess.output("cli-mint-rejected"))
			.contains("quantity: Quantity must be between 1 and 1,000,000, not 1000001");
		assertThat(unknownSku).isEqualTo(2);
		assertThat(AppProcess.output("cli-mint-unknown")).contains("has no product with SKU 'NOPE'");
		assertThat(this.jdbc.sql("select count(*) from mint_batches where brand_id = :brandId")
			.param("brandId", product.brandId())
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void signsTheUnitsWithSignedAndRejectsSigningForABrandWithoutGtins() throws Exception {
		Product gs1Product = this.fixtures.aGs1Product().create();
		String gs1Brand = this.brands.findById(gs1Product.brandId()).orElseThrow().code();
		Product product = this.fixtures.aProduct().create();
		String brand = this.brands.findById(product.brandId()).orElseThrow().code();

		int signed = run("cli-mint-signed", "mint", "--brand=" + gs1Brand, "--sku=" + gs1Product.sku(),
				"--quantity=300", "--signed");
		int rejected = run("cli-mint-signed-rejected", "mint", "--brand=" + brand, "--sku=" + product.sku(),
				"--quantity=300", "--signed");

		assertThat(signed).as(AppProcess.output("cli-mint-signed")).isZero();
		assertThat(AppProcess.output("cli-mint-signed")).contains("signed: GS1 AI 8030");
		assertThat(this.jdbc.sql("""
				select count(*) from token_signatures s join tokens t on t.id = s.token_id
				join mint_batches b on b.id = t.batch_id where b.brand_id = :brandId""")
			.param("brandId", gs1Product.brandId())
			.query(Long.class)
			.single()).isEqualTo(300);
		assertThat(rejected).isEqualTo(2);
		assertThat(AppProcess.output("cli-mint-signed-rejected"))
			.contains("signed: Signed codes (GS1 AI 8030) need a GS1-ready brand");
		assertThat(this.jdbc.sql("select count(*) from mint_batches where brand_id = :brandId")
			.param("brandId", product.brandId())
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void givesTheBatchItsPassportDataFromAFileAndRefusesABatchWithoutARequiredField(@TempDir Path directory)
			throws Exception {
		Product product = this.fixtures.aProduct().create();
		String brand = this.brands.findById(product.brandId()).orElseThrow().code();
		this.fixtures.passports().publishSchema(product.brandId(), PassportValues.parse("""
				{"additionalText": true, "fields": [
				  {"key": "production_date", "label": "Production date", "type": "date", "level": "batch",
				   "required": true}
				]}""").toNode(), "tests");
		Path data = Files.writeString(directory.resolve("batch.json"), "{\"production_date\": \"2026-12-01\"}");

		int refused = run("cli-mint-no-batch-data", "mint", "--brand=" + brand, "--sku=" + product.sku(),
				"--quantity=100");
		int minted = run("cli-mint-batch-data", "mint", "--brand=" + brand, "--sku=" + product.sku(), "--quantity=100",
				"--passport=" + data);

		assertThat(refused).isEqualTo(2);
		assertThat(AppProcess.output("cli-mint-no-batch-data"))
			.contains("passport.production_date: 'Production date' is required for every batch");
		assertThat(minted).as(AppProcess.output("cli-mint-batch-data")).isZero();
		assertThat(this.jdbc.sql("""
				select h.data ->> 'production_date' from passport_heads h
				join mint_batches b on b.id = h.subject_id and h.subject_kind = 'batch'
				where b.brand_id = :brandId and b.status = 'minted'""")
			.param("brandId", product.brandId())
			.query(String.class)
			.list()).containsExactly("2026-12-01");
	}

	private static int run(String logName, String... arguments) throws Exception {
		Process process = AppProcess
			.start(AppProcess.packagedJar("mint-jobs"), logName, List.of(arguments).toArray(String[]::new))
			.process();
		if (!process.waitFor(180, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new AssertionError("The command did not finish: " + AppProcess.output(logName));
		}
		return process.exitValue();
	}

}
