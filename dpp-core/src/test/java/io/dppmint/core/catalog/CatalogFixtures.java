package io.dppmint.core.catalog;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import io.dppmint.core.gs1.Gtin;
import io.dppmint.core.gs1.InvalidGs1DataException;
import io.dppmint.testsupport.TestPostgres;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Builders for catalogue tests. Every test JVM shares one database, so each brand gets a
 * unique code and each GTIN a unique item reference; the GTINs are under a company prefix
 * the demo catalogue does not use.
 */
final class CatalogFixtures {

	static final String COMPANY_PREFIX = "4012345";

	static final List<String> REQUIRED_FIELDS = List.of("material", "country_of_origin");

	private static final AtomicLong itemReferences = new AtomicLong(ThreadLocalRandom.current().nextLong(50_000));

	private CatalogFixtures() {
	}

	static JdbcClient jdbc() {
		return JdbcClient.create(TestPostgres.get().dataSource());
	}

	static String uniqueCode(String stem) {
		return stem + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	static NewBrand aGs1Brand() {
		return new NewBrand(uniqueCode("gs1"), "GS1 Brand", REQUIRED_FIELDS, true, COMPANY_PREFIX,
				"https://id.example.com");
	}

	static NewBrand aNonGs1Brand() {
		return new NewBrand(uniqueCode("plain"), "Plain Brand", REQUIRED_FIELDS, false, null,
				"https://dpp.example.org/t");
	}

	static Map<String, String> aCompletePassport() {
		return Map.of("material", "Cotton", "country_of_origin", "PT");
	}

	static NewProduct aReadyProduct(Brand brand) {
		return new NewProduct(brand.id(), uniqueCode("SKU"), "Product " + UUID.randomUUID(),
				brand.gtinRequired() ? uniqueGtin() : null, aCompletePassport(), CommercialStatus.ACTIVE);
	}

	/**
	 * A GTIN-14 (indicator digit 0) under {@link #COMPANY_PREFIX}, never handed out
	 * twice.
	 */
	static String uniqueGtin() {
		long itemReference = itemReferences.incrementAndGet();
		String withoutCheckDigit = "0" + COMPANY_PREFIX + String.format("%05d", itemReference);
		return withCheckDigit(withoutCheckDigit);
	}

	/** The 13 digits followed by their check digit, as {@link Gtin} computes it. */
	static String withCheckDigit(String thirteenDigits) {
		for (char digit = '0'; digit <= '9'; digit++) {
			try {
				return Gtin.parse(thirteenDigits + digit).value();
			}
			catch (InvalidGs1DataException ex) {
				// not this one
			}
		}
		throw new IllegalStateException("No check digit fits " + thirteenDigits);
	}

	/** The same GTIN with a wrong check digit. */
	static String withWrongCheckDigit(String gtin) {
		char last = gtin.charAt(gtin.length() - 1);
		return gtin.substring(0, gtin.length() - 1) + (char) ('0' + (last - '0' + 1) % 10);
	}

	/**
	 * How many rows each catalogue table holds, to prove a refused write wrote nothing.
	 */
	record RowCounts(long brands, long brandCounters, long products, long productionRuns) {

		static RowCounts now() {
			JdbcClient jdbc = jdbc();
			return new RowCounts(count(jdbc, "brands"), count(jdbc, "brand_counters"), count(jdbc, "products"),
					count(jdbc, "production_runs"));
		}

		private static long count(JdbcClient jdbc, String table) {
			return jdbc.sql("select count(*) from " + table).query(Long.class).single();
		}

	}

}
