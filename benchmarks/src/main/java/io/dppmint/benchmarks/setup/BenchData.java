package io.dppmint.benchmarks.setup;

import java.util.List;
import java.util.Map;

import io.dppmint.benchmarks.launch.BenchmarkApps;
import io.dppmint.core.catalog.Brand;
import io.dppmint.core.catalog.CommercialStatus;
import io.dppmint.core.catalog.JdbcBrandRepository;
import io.dppmint.core.catalog.JdbcProductRepository;
import io.dppmint.core.catalog.NewBrand;
import io.dppmint.core.catalog.NewProduct;
import io.dppmint.core.catalog.Product;
import io.dppmint.core.gs1.Gtin;
import io.dppmint.core.minting.ActivationMode;
import io.dppmint.core.minting.Carrier;
import io.dppmint.core.minting.IdentityMode;
import io.dppmint.core.minting.JdbcMintBatchRepository;
import io.dppmint.core.minting.MintBatch;
import io.dppmint.core.minting.MintIntake;
import io.dppmint.core.minting.MintRequest;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What every benchmark works with: the apps it measures ({@link #apps()}), the benchmark
 * database, and the data benchmarks set up, untimed, in one place: their brand and
 * product (found, or created the first time, so that a benchmark database is reused
 * across runs), and minted batches to measure something else on (an export, scans, the
 * dashboard), made fast without the mint job: the real intake accepts the batch, the
 * server writes its token rows as its reserved number range in one statement, and the
 * batch repository counts them and marks the batch minted under a lease fence of its own,
 * as a mint chunk would.
 */
public class BenchData {

	private final BenchmarkApps apps;

	private final JdbcBrandRepository brands;

	private final JdbcProductRepository products;

	private final MintIntake intake;

	private final JdbcMintBatchRepository batches;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	public BenchData(BenchmarkApps apps, JdbcBrandRepository brands, JdbcProductRepository products, MintIntake intake,
			JdbcMintBatchRepository batches, JdbcClient jdbc, TransactionTemplate transactions) {
		this.apps = apps;
		this.brands = brands;
		this.products = products;
		this.intake = intake;
		this.batches = batches;
		this.jdbc = jdbc;
		this.transactions = transactions;
	}

	/** Starts the apps a benchmark measures. */
	public BenchmarkApps apps() {
		return this.apps;
	}

	/** The benchmark database, for the benchmarks' own queries and baselines. */
	public JdbcClient jdbc() {
		return this.jdbc;
	}

	/** The batch repository, to follow and read batches. */
	public JdbcMintBatchRepository batches() {
		return this.batches;
	}

	/**
	 * A benchmark's product, ready to mint, and its brand: found by their codes, or
	 * created the first time.
	 * @param brandCode the brand's code
	 * @param name the brand's name (the product is called after it)
	 * @param companyPrefix a GS1 company prefix for a GS1-ready brand (its product's GTIN
	 * is item {@code 00001} under it), or {@code null} for a non-GS1 brand
	 * @param sku the product's SKU
	 * @return the product
	 */
	public Product product(String brandCode, String name, String companyPrefix, String sku) {
		Brand brand = this.brands.findByCode(brandCode)
			.orElseGet(() -> this.brands.create(new NewBrand(brandCode, name, List.of("material"),
					companyPrefix != null, companyPrefix, "https://id.example.com")));
		String gtin = (companyPrefix != null) ? Gtin.withCheckDigit("0" + companyPrefix + "00001").value() : null;
		return this.products.findByBrandAndSku(brand.id(), sku)
			.orElseGet(() -> this.products.create(new NewProduct(brand.id(), sku, name + " product", gtin,
					Map.of("material", "Recycled polyester"), CommercialStatus.ACTIVE)));
	}

	/**
	 * A minted serial-mode batch.
	 * @param product its product
	 * @param quantity its units
	 * @param activation its activation mode (its tokens' initial status)
	 * @return the batch, minted
	 * @throws IllegalStateException if a running mint-jobs process took the batch first
	 */
	public MintBatch mint(Product product, int quantity, ActivationMode activation) {
		return mint(product, quantity, activation, Carrier.QR);
	}

	/**
	 * A minted serial-mode batch on a given carrier.
	 * @param product its product
	 * @param quantity its units
	 * @param activation its activation mode (its tokens' initial status)
	 * @param carrier what carries its units' URLs ({@link Carrier#NFC}: the resolver
	 * judges their taps)
	 * @return the batch, minted
	 * @throws IllegalStateException if a running mint-jobs process took the batch first
	 */
	public MintBatch mint(Product product, int quantity, ActivationMode activation, Carrier carrier) {
		MintBatch batch = this.intake
			.submit(new MintRequest(product.brandId(), product.id(), null, IdentityMode.SERIAL, activation, quantity,
					List.of(), null)
				.withCarrier(carrier), "bench")
			.batch();
		if (this.batches.markProcessing(batch.id()).isEmpty()) {
			throw new IllegalStateException("Batch " + batch.id() + " was taken by a mint-jobs process: stop it first");
		}
		long fence = this.batches.advanceLeaseFence(batch.id());
		this.transactions.executeWithoutResult((status) -> {
			this.jdbc.sql("""
					insert into tokens (id, batch_id, lot_id, status)
					select n, :batchId, null, :status from generate_series(:first::bigint, :last::bigint) n""")
				.param("batchId", batch.id())
				.param("status", activation.initialStatus().code())
				.param("first", batch.firstTokenId())
				.param("last", batch.firstTokenId() + quantity - 1)
				.update();
			// Counts the tokens in the brand's KPI counters too.
			this.batches.recordProgress(batch, quantity, fence);
		});
		if (!this.batches.markMinted(batch.id(), fence)) {
			throw new IllegalStateException("Batch " + batch.id() + " could not be marked minted");
		}
		return this.batches.find(batch.id()).orElseThrow();
	}

}
