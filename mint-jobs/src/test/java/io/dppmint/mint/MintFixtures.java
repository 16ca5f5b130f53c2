package io.dppmint.mint;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.dppmint.core.catalog.Brand;
import io.dppmint.core.catalog.CommercialStatus;
import io.dppmint.core.catalog.JdbcBrandRepository;
import io.dppmint.core.catalog.JdbcProductRepository;
import io.dppmint.core.catalog.NewBrand;
import io.dppmint.core.catalog.NewProduct;
import io.dppmint.core.catalog.Product;
import io.dppmint.core.minting.ActivationMode;
import io.dppmint.core.minting.IdentityMode;
import io.dppmint.core.minting.MintRequest;
import io.dppmint.core.minting.MintRequest.LotRequest;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Brands, products and requests for mint tests: each test gets its own brand, so tests
 * sharing the database never see each other's rows.
 */
public final class MintFixtures {

	private final JdbcBrandRepository brands;

	private final JdbcProductRepository products;

	private final JdbcClient jdbc;

	public MintFixtures(JdbcBrandRepository brands, JdbcProductRepository products, JdbcClient jdbc) {
		this.brands = brands;
		this.products = products;
		this.jdbc = jdbc;
	}

	/** A fresh non-GS1 brand with one product that is ready to mint. */
	public Product aReadyProduct() {
		Brand brand = this.brands.create(new NewBrand("t-" + UUID.randomUUID().toString().substring(0, 12),
				"Test brand", List.of("material"), false, null, "https://id.example.com"));
		return this.products.create(new NewProduct(brand.id(), "SKU-1", "Test product", null,
				Map.of("material", "wool"), CommercialStatus.ACTIVE));
	}

	public static MintRequest aSerialRequest(Product product, int quantity, ActivationMode activation) {
		return new MintRequest(product.brandId(), product.id(), null, IdentityMode.SERIAL, activation, quantity,
				List.of(), null);
	}

	public static MintRequest aLotRequest(Product product, ActivationMode activation, LotRequest... lots) {
		int quantity = 0;
		for (LotRequest lot : lots) {
			quantity += lot.quantity();
		}
		return new MintRequest(product.brandId(), product.id(), null, IdentityMode.LOT, activation, quantity,
				List.of(lots), null);
	}

	/** Token rows in a batch's reserved range. */
	public long tokensInRange(long firstTokenId, int quantity) {
		return this.jdbc.sql("select count(*) from tokens where id >= :first and id < :end")
			.param("first", firstTokenId)
			.param("end", firstTokenId + quantity)
			.query(Long.class)
			.single();
	}

}
