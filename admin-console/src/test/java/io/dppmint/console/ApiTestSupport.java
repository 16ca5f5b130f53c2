package io.dppmint.console;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import io.dppmint.console.security.JdbcApiKeys;
import io.dppmint.console.security.JdbcConsoleUsers;
import io.dppmint.console.security.Role;
import io.dppmint.core.catalog.Brand;
import io.dppmint.core.catalog.CommercialStatus;
import io.dppmint.core.catalog.ErpProductionRun;
import io.dppmint.core.catalog.JdbcBrandRepository;
import io.dppmint.core.catalog.JdbcProductRepository;
import io.dppmint.core.catalog.JdbcProductionRunRepository;
import io.dppmint.core.catalog.NewBrand;
import io.dppmint.core.catalog.NewProduct;
import io.dppmint.core.catalog.Product;
import io.dppmint.core.catalog.ProductionRun;
import io.dppmint.core.fixtures.Fixtures;
import io.dppmint.core.minting.MintBatch;
import io.dppmint.core.minting.MintIntake;
import io.dppmint.testsupport.TestPostgres;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The admin console running on a random port against the real test PostgreSQL, with
 * fixtures that create whole tenants (a brand with products, a production run, an API key
 * and console users) under unique codes, so test classes sharing the database never see
 * each other's data.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "dpp.console.registration-password=" + ApiTestSupport.REGISTRATION_PASSWORD)
abstract class ApiTestSupport {

	static final String REGISTRATION_PASSWORD = "test-registration-password";

	private static final SecureRandom random = new SecureRandom();

	@LocalServerPort
	int port;

	/**
	 * The database as the test sees it: the owner's. The console itself connects as its
	 * own role, which may not create brands or products, or write tokens.
	 */
	final JdbcClient jdbc = JdbcClient.create(TestPostgres.get().dataSource());

	final JdbcBrandRepository brands = new JdbcBrandRepository(this.jdbc);

	final JdbcProductRepository products = new JdbcProductRepository(this.jdbc);

	final JdbcProductionRunRepository productionRuns = new JdbcProductionRunRepository(this.jdbc);

	@Autowired
	JdbcApiKeys apiKeys;

	@Autowired
	JdbcConsoleUsers users;

	@Autowired
	PasswordEncoder passwordEncoder;

	@Autowired
	MintIntake intake;

	/** A tenant: one brand and everything it needs for API tests. */
	record Tenant(Brand brand, Product ready, Product notReady, ProductionRun run, String apiKey, String owner,
			String viewer, String password) {

		long brandId() {
			return this.brand.id();
		}

	}

	Tenant tenant() {
		return tenant(false);
	}

	/**
	 * A tenant whose brand is GS1-ready (company prefix {@link Fixtures#COMPANY_PREFIX}),
	 * its products with GTINs: one that may sign its codes.
	 */
	Tenant gs1Tenant() {
		return tenant(true);
	}

	private Tenant tenant(boolean gs1) {
		String suffix = HexFormat.of().formatHex(randomBytes(5));
		Brand brand = this.brands
			.create(new NewBrand("t-" + suffix, "Brand " + suffix, List.of("material", "country_of_origin"), gs1,
					gs1 ? Fixtures.COMPANY_PREFIX : null, "https://id.example.com"));
		Product ready = this.products.create(new NewProduct(brand.id(), "SKU-R-" + suffix, "Ready " + suffix,
				gs1 ? Fixtures.uniqueGtin(Fixtures.COMPANY_PREFIX) : null,
				Map.of("material", "Cotton", "country_of_origin", "PT"), CommercialStatus.ACTIVE));
		Product notReady = this.products.create(new NewProduct(brand.id(), "SKU-N-" + suffix, "Not ready " + suffix,
				gs1 ? Fixtures.uniqueGtin(Fixtures.COMPANY_PREFIX) : null, Map.of("country_of_origin", " "),
				CommercialStatus.DRAFT));
		ProductionRun run = this.productionRuns
			.sync(new ErpProductionRun(brand.id(), ready.id(), "ERP-" + suffix, 1000));
		String apiKey = this.apiKeys.create(brand.id(), "tests").secret();
		String password = HexFormat.of().formatHex(randomBytes(12));
		String owner = "owner-" + suffix;
		String viewer = "viewer-" + suffix;
		this.users.createIfAbsent(owner, this.passwordEncoder.encode(password), Role.BRAND_OWNER, brand.id());
		this.users.createIfAbsent(viewer, this.passwordEncoder.encode(password), Role.VIEWER, brand.id());
		return new Tenant(brand, ready, notReady, run, apiKey, owner, viewer, password);
	}

	/** An operator console user; returns its name (the password is {@code password}). */
	String operator(String password) {
		String name = "operator-" + HexFormat.of().formatHex(randomBytes(5));
		this.users.createIfAbsent(name, this.passwordEncoder.encode(password), Role.OPERATOR, null);
		return name;
	}

	/**
	 * A batch of the tenant's ready product, minted as the mint job would leave it (the
	 * shared {@link Fixtures}, as the owner): its tokens written (active), status
	 * {@code minted}, the brand's counters updated.
	 */
	MintBatch mintedBatch(Tenant tenant, int quantity) {
		return Fixtures.on(TestPostgres.get().dataSource()).aMintedBatch(tenant.ready()).quantity(quantity).create();
	}

	/**
	 * A signed mint request of the tenant's ready product through the API (a
	 * {@link #gs1Tenant()}): the brand's current signing key signs it, created if it has
	 * none.
	 * @return the batch's id
	 */
	long signedBatch(Tenant tenant) {
		Http.Response accepted = api(tenant).post("/api/v1/mint-requests", Map.of("productId", tenant.ready().id(),
				"identityMode", "serial", "activationMode", "active", "quantity", 5, "signed", true));
		if (accepted.status() != 202) {
			throw new IllegalStateException("The signed mint request was refused: " + accepted);
		}
		return accepted.json().path("id").asLong();
	}

	Http api(Tenant tenant) {
		return Http.withApiKey(this.port, tenant.apiKey());
	}

	Http login(String username, String password) {
		return Http.loggedIn(this.port, username, password);
	}

	Http anonymous() {
		return Http.anonymous(this.port);
	}

	long count(String sql, Object... params) {
		var spec = this.jdbc.sql(sql);
		for (int i = 0; i < params.length; i++) {
			spec = spec.param(i + 1, params[i]);
		}
		return spec.query(Long.class).single();
	}

	private static byte[] randomBytes(int n) {
		byte[] bytes = new byte[n];
		random.nextBytes(bytes);
		return bytes;
	}

}
