package io.dppmint.core.database;

import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import io.dppmint.core.catalog.Brand;
import io.dppmint.core.catalog.JdbcBrandRepository;
import io.dppmint.core.catalog.JdbcProductRepository;
import io.dppmint.core.catalog.MintEligibility;
import io.dppmint.core.catalog.Product;
import io.dppmint.core.passport.AccessLevel;
import io.dppmint.core.passport.FieldDefinition;
import io.dppmint.core.passport.VisiblePassport;
import io.dppmint.testsupport.TestPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V26 turns the brands' lists of required names into passport schema version 1 without
 * changing what a brand's products show or whether they are ready to mint: a database at
 * V25 with data is migrated, then read through the new code.
 */
class TypedPassportsMigrationIntegrationTests {

	@Test
	void keepsEveryFieldAProductShowedAndEveryReadinessAsItWas() {
		String schema = "s_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
		migrate(schema, "25");
		JdbcClient jdbc = JdbcClient.create(dataSource(schema));
		long brandId = jdbc.sql("""
				insert into brands (code, name, required_fields, gtin_required, resolver_base_url)
				values ('old', 'Old Brand', '{material,care}', false, 'https://id.example.com') returning id""")
			.query(Long.class)
			.single();
		jdbc.sql("insert into brand_counters (brand_id) values (?)").param(brandId).update();
		jdbc.sql("""
				insert into products (brand_id, sku, name, passport, commercial_status) values
				(?, 'READY', 'Ready', '{"material": "Wool", "care": "Hand wash", "colour": "Red"}', 'active'),
				(?, 'UNREADY', 'Unready', '{"material": "Wool", "care": " "}', 'active')""")
			.param(brandId)
			.param(brandId)
			.update();

		migrate(schema, null);

		Brand brand = new JdbcBrandRepository(jdbc).findById(brandId).orElseThrow();
		assertThat(brand.passportSchema().version()).isEqualTo(1);
		assertThat(brand.passportSchema().additionalText()).isTrue();
		assertThat(brand.passportSchema().fields()).extracting(FieldDefinition::key, FieldDefinition::required)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("material", true),
					org.assertj.core.groups.Tuple.tuple("care", true),
					org.assertj.core.groups.Tuple.tuple("colour", false));
		JdbcProductRepository products = new JdbcProductRepository(jdbc);
		Product ready = products.findByBrandAndSku(brandId, "READY").orElseThrow();
		Product unready = products.findByBrandAndSku(brandId, "UNREADY").orElseThrow();
		assertThat(ready.passportVersion()).isZero();
		assertThat(MintEligibility.evaluate(brand, ready).ready()).isTrue();
		assertThat(MintEligibility.evaluate(brand, unready).failures()).singleElement()
			.satisfies((failure) -> assertThat(failure.subject()).isEqualTo("care"));
		assertThat(VisiblePassport.project(brand.passportSchema(), ready.passport(), AccessLevel.PUBLIC).fields())
			.extracting((field) -> field.definition().key())
			.containsExactly("material", "care", "colour");
		assertThat(jdbc.sql("select count(*) from passport_versions").query(Long.class).single()).isZero();
		List<String> grants = jdbc.sql("""
				select privilege_type from information_schema.role_table_grants
				where table_schema = ? and table_name = 'passport_versions' and grantee = 'dpp_resolver'""")
			.param(schema)
			.query(String.class)
			.list();
		assertThat(grants).containsExactly("SELECT");
	}

	private static void migrate(String schema, String target) {
		TestPostgres db = TestPostgres.get();
		var configuration = Flyway.configure()
			.dataSource(db.jdbcUrl(), db.username(), db.password())
			.schemas(schema)
			.defaultSchema(schema)
			.locations("classpath:db/migration");
		if (target != null) {
			configuration.target(target);
		}
		configuration.load().migrate();
	}

	private static DataSource dataSource(String schema) {
		TestPostgres db = TestPostgres.get();
		String base = db.jdbcUrl();
		return new SimpleDriverDataSource(new org.postgresql.Driver(),
				base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema, db.username(), db.password());
	}

}
