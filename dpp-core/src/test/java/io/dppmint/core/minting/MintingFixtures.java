package io.dppmint.core.minting;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import io.dppmint.core.catalog.Brand;
import io.dppmint.core.catalog.CommercialStatus;
import io.dppmint.core.catalog.NewBrand;
import io.dppmint.core.catalog.NewProduct;
import io.dppmint.core.catalog.Product;
import io.dppmint.core.minting.MintRequest.LotRequest;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Builders for minting tests. Every test JVM shares one database, so each brand gets a
 * unique code and each GTIN a unique item reference, under company prefixes that neither
 * the demo catalogue nor the catalogue tests use.
 */
final class MintingFixtures {

	static final String COMPANY_PREFIX = "4087654";

	static final String FOREIGN_COMPANY_PREFIX = "4087655";

	static final List<String> REQUIRED_FIELDS = List.of("material", "country_of_origin");

	private static final AtomicLong itemReferences = new AtomicLong(ThreadLocalRandom.current().nextLong(50_000));

	private MintingFixtures() {
	}

	static NewBrand aNonGs1Brand() {
		return new NewBrand(uniqueCode("mint"), "Mint Test Brand", REQUIRED_FIELDS, false, null,
				"https://dpp.example.org/t");
	}

	static NewBrand aGs1Brand() {
		return new NewBrand(uniqueCode("mint-gs1"), "Mint GS1 Brand", REQUIRED_FIELDS, true, COMPANY_PREFIX,
				"https://id.example.com");
	}

	static Map<String, String> aCompletePassport() {
		return Map.of("material", "Cotton", "country_of_origin", "PT");
	}

	static NewProduct aReadyProduct(Brand brand) {
		return new NewProduct(brand.id(), uniqueCode("SKU"), "Product " + UUID.randomUUID(),
				brand.gtinRequired() ? uniqueGtin(COMPANY_PREFIX) : null, aCompletePassport(), CommercialStatus.ACTIVE);
	}

	static String uniqueCode(String stem) {
		return stem + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	/**
	 * A GTIN-14 (indicator digit 0) under {@code companyPrefix}, never handed out twice.
	 */
	static String uniqueGtin(String companyPrefix) {
		String digits = "0" + companyPrefix + String.format("%05d", itemReferences.incrementAndGet());
		int sum = 0;
		for (int i = 0; i < digits.length(); i++) {
			int digit = digits.charAt(digits.length() - 1 - i) - '0';
			sum += ((i % 2) == 0) ? digit * 3 : digit;
		}
		return digits + (10 - sum % 10) % 10;
	}

	/** A serial-mode request for 100 units, active at mint, without run or key. */
	static RequestBuilder aSerialRequest(Product product) {
		return new RequestBuilder(product).identityMode(IdentityMode.SERIAL).quantity(100);
	}

	/** A lot-mode request whose quantity is the sum of its lots, active at mint. */
	static RequestBuilder aLotRequest(Product product, LotRequest... lots) {
		int quantity = 0;
		for (LotRequest lot : lots) {
			quantity += lot.quantity();
		}
		return new RequestBuilder(product).identityMode(IdentityMode.LOT).lots(List.of(lots)).quantity(quantity);
	}

	/** {@code count} lots of one unit each, numbered {@code L1, L2, ...}. */
	static List<LotRequest> lotsOfOne(int count) {
		List<LotRequest> lots = new ArrayList<>(count);
		for (int i = 1; i <= count; i++) {
			lots.add(new LotRequest("L" + i, 1));
		}
		return lots;
	}

	/** Builds a {@link MintRequest}, one field at a time. */
	static final class RequestBuilder {

		private long brandId;

		private long productId;

		private Long productionRunId;

		private IdentityMode identityMode;

		private ActivationMode activationMode = ActivationMode.ACTIVE;

		private int quantity;

		private List<LotRequest> lots = List.of();

		private String idempotencyKey;

		private RequestBuilder(Product product) {
			this.brandId = product.brandId();
			this.productId = product.id();
		}

		RequestBuilder brandId(long brandId) {
			this.brandId = brandId;
			return this;
		}

		RequestBuilder productId(long productId) {
			this.productId = productId;
			return this;
		}

		RequestBuilder productionRunId(Long productionRunId) {
			this.productionRunId = productionRunId;
			return this;
		}

		RequestBuilder identityMode(IdentityMode identityMode) {
			this.identityMode = identityMode;
			return this;
		}

		RequestBuilder activationMode(ActivationMode activationMode) {
			this.activationMode = activationMode;
			return this;
		}

		RequestBuilder quantity(int quantity) {
			this.quantity = quantity;
			return this;
		}

		RequestBuilder lots(List<LotRequest> lots) {
			this.lots = lots;
			return this;
		}

		RequestBuilder idempotencyKey(String idempotencyKey) {
			this.idempotencyKey = idempotencyKey;
			return this;
		}

		MintRequest build() {
			return new MintRequest(this.brandId, this.productId, this.productionRunId, this.identityMode,
					this.activationMode, this.quantity, this.lots, this.idempotencyKey);
		}

	}

	/**
	 * Everything intake writes for one brand, to prove that a rejected request wrote
	 * nothing: its batches, their lots, its batch audit events, its counters and the
	 * reserved units of its production runs.
	 */
	record BrandRows(long batches, long lots, long batchAuditEvents, Map<String, Object> counters,
			List<Map<String, Object>> productionRuns) {

		static BrandRows of(JdbcClient jdbc, long brandId) {
			return new BrandRows(count(jdbc, "select count(*) from mint_batches where brand_id = :brandId", brandId),
					count(jdbc, """
							select count(*) from lots l join mint_batches b on b.id = l.batch_id
							where b.brand_id = :brandId""", brandId),
					count(jdbc, "select count(*) from audit_events where brand_id = :brandId and entity_type = 'batch'",
							brandId),
					jdbc.sql("select * from brand_counters where brand_id = :brandId")
						.param("brandId", brandId)
						.query()
						.singleRow(),
					jdbc.sql("""
							select id, reserved_quantity, updated_at from production_runs
							where brand_id = :brandId order by id""").param("brandId", brandId).query().listOfRows());
		}

		private static long count(JdbcClient jdbc, String sql, long brandId) {
			return jdbc.sql(sql).param("brandId", brandId).query(Long.class).single();
		}

	}

}
