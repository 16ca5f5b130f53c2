package io.dppmint.mint.cli;

import io.dppmint.core.catalog.Brand;
import io.dppmint.core.catalog.JdbcBrandRepository;
import io.dppmint.core.catalog.JdbcProductRepository;
import io.dppmint.core.catalog.JdbcProductionRunRepository;
import io.dppmint.core.catalog.Product;
import io.dppmint.core.minting.MintIntake;
import io.dppmint.core.minting.MintRequest;
import io.dppmint.core.minting.MintSubmission;

/**
 * Turns the command line's names (brand code, SKU, ERP reference) into a
 * {@link MintRequest} and submits it through the shared {@link MintIntake}.
 */
class MintRequests {

	private final JdbcBrandRepository brands;

	private final JdbcProductRepository products;

	private final JdbcProductionRunRepository productionRuns;

	private final MintIntake intake;

	MintRequests(JdbcBrandRepository brands, JdbcProductRepository products, JdbcProductionRunRepository productionRuns,
			MintIntake intake) {
		this.brands = brands;
		this.products = products;
		this.productionRuns = productionRuns;
		this.intake = intake;
	}

	MintSubmission submit(MintCommandArguments arguments) {
		Brand brand = this.brands.findByCode(arguments.brand())
			.orElseThrow(() -> new IllegalArgumentException("There is no brand '" + arguments.brand() + "'"));
		Product product = this.products.findByBrandAndSku(brand.id(), arguments.sku())
			.orElseThrow(() -> new IllegalArgumentException(
					"Brand '" + brand.code() + "' has no product with SKU '" + arguments.sku() + "'"));
		Long productionRunId = null;
		if (arguments.productionRun() != null) {
			productionRunId = this.productionRuns.findByBrandAndErpReference(brand.id(), arguments.productionRun())
				.orElseThrow(() -> new IllegalArgumentException(
						"Brand '" + brand.code() + "' has no production run '" + arguments.productionRun() + "'"))
				.id();
		}
		MintRequest request = new MintRequest(brand.id(), product.id(), productionRunId, arguments.identityMode(),
				arguments.activationMode(), arguments.quantity(), arguments.lots(), arguments.idempotencyKey(),
				arguments.signed(), arguments.carrier())
			.withPassport(arguments.passport());
		return this.intake.submit(request, "cli:" + System.getProperty("user.name", "unknown"));
	}

}
