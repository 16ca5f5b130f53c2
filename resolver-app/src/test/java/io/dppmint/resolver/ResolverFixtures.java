package io.dppmint.resolver;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import io.dppmint.core.catalog.Brand;
import io.dppmint.core.catalog.CommercialStatus;
import io.dppmint.core.catalog.JdbcBrandRepository;
import io.dppmint.core.catalog.JdbcProductRepository;
import io.dppmint.core.catalog.NewBrand;
import io.dppmint.core.catalog.NewProduct;
import io.dppmint.core.catalog.Product;
import io.dppmint.core.identifier.IdentifierScheme;
import io.dppmint.core.minting.ActivationMode;
import io.dppmint.core.minting.IdentityMode;
import io.dppmint.core.minting.JdbcMintBatchRepository;
import io.dppmint.core.minting.Lot;
import io.dppmint.core.minting.MintBatch;
import io.dppmint.core.minting.MintIntake;
import io.dppmint.core.minting.MintRequest;
import io.dppmint.core.minting.MintRequest.LotRequest;
import io.dppmint.core.tenancy.BrandScope;
import io.dppmint.core.token.TokenCopy;
import io.dppmint.core.token.TokenRevocation;
import io.dppmint.core.token.TokenStatus;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Brands, products and minted tokens for resolver tests. Minting goes through the real
 * intake and then writes the tokens as the mint job's chunks do (COPY rows, progress and
 * counters in one transaction, then {@code minted}), without the mint-jobs app. Every
 * brand and GTIN is unique, so tests sharing the database never see each other's rows.
 */
public final class ResolverFixtures {

	/** A phone browser: a person scanning. */
	public static final String PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 "
			+ "(KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";

	public static final String GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

	static final String COMPANY_PREFIX = "4087656";

	private static final AtomicLong itemReferences = new AtomicLong(ThreadLocalRandom.current().nextLong(50_000));

	private final JdbcBrandRepository brands;

	private final JdbcProductRepository products;

	private final MintIntake intake;

	private final JdbcMintBatchRepository batches;

	private final DataSource dataSource;

	private final TransactionTemplate transactions;

	private final IdentifierScheme identifiers;

	private final TokenRevocation revocation;

	private final JdbcClient jdbc;

	public ResolverFixtures(JdbcBrandRepository brands, JdbcProductRepository products, MintIntake intake,
			JdbcMintBatchRepository batches, DataSource dataSource, TransactionTemplate transactions,
			IdentifierScheme identifiers, TokenRevocation revocation) {
		this.brands = brands;
		this.products = products;
		this.intake = intake;
		this.batches = batches;
		this.dataSource = dataSource;
		this.transactions = transactions;
		this.identifiers = identifiers;
		this.revocation = revocation;
		this.jdbc = JdbcClient.create(dataSource);
	}

	/** A product of a fresh GS1-ready brand, ready to mint. */
	public Product aGs1Product() {
		Brand brand = this.brands.create(new NewBrand(uniqueCode("res-gs1"), "Resolver GS1 Brand",
				List.of("material", "country_of_origin"), true, COMPANY_PREFIX, "https://id.example.com"));
		return this.products
			.create(new NewProduct(brand.id(), uniqueCode("SKU"), "Merino <Jumper>", uniqueGtin(COMPANY_PREFIX),
					Map.of("material", "Merino wool", "country_of_origin", "PT"), CommercialStatus.ACTIVE));
	}

	/**
	 * A product of a fresh GS1-ready brand whose GTIN is not under the brand's company
	 * prefix (another company's GTIN), ready to mint.
	 */
	public Product aGs1ProductOutsideItsCompanyPrefix() {
		Brand brand = this.brands.create(new NewBrand(uniqueCode("res-gs1"), "Resolver GS1 Brand",
				List.of("material", "country_of_origin"), true, COMPANY_PREFIX, "https://id.example.com"));
		return this.products
			.create(new NewProduct(brand.id(), uniqueCode("SKU"), "Borrowed GTIN", uniqueGtin("4087658"),
					Map.of("material", "Merino wool", "country_of_origin", "PT"), CommercialStatus.ACTIVE));
	}

	/** A product of a fresh non-GS1 brand, ready to mint. */
	public Product aNonGs1Product() {
		Brand brand = this.brands.create(new NewBrand(uniqueCode("res"), "Resolver Brand", List.of("material"), false,
				null, "https://dpp.example.org"));
		return this.products.create(new NewProduct(brand.id(), uniqueCode("SKU"), "Canvas Tote", null,
				Map.of("material", "Cotton canvas"), CommercialStatus.ACTIVE));
	}

	/** Mint {@code quantity} serial-mode tokens. */
	public Minted mintSerial(Product product, int quantity, ActivationMode activation) {
		return mint(new MintRequest(product.brandId(), product.id(), null, IdentityMode.SERIAL, activation, quantity,
				List.of(), null));
	}

	/** Mint lot-mode tokens. */
	public Minted mintLots(Product product, ActivationMode activation, LotRequest... lots) {
		int quantity = 0;
		for (LotRequest lot : lots) {
			quantity += lot.quantity();
		}
		return mint(new MintRequest(product.brandId(), product.id(), null, IdentityMode.LOT, activation, quantity,
				List.of(lots), null));
	}

	private Minted mint(MintRequest request) {
		MintBatch batch = this.intake.submit(request, "resolver-tests").batch();
		this.batches.markProcessing(batch.id());
		long fence = this.batches.advanceLeaseFence(batch.id());
		List<Lot> lots = this.batches.lots(batch.id());
		this.transactions.executeWithoutResult((status) -> {
			TokenCopy rows = new TokenCopy().begin();
			for (int i = 0; i < batch.quantity(); i++) {
				long number = batch.firstTokenId() + i;
				rows.add(number, batch.id(), lotOf(lots, number), request.activationMode().initialStatus());
			}
			Connection connection = DataSourceUtils.getConnection(this.dataSource);
			try {
				rows.copyTo(connection);
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
			finally {
				DataSourceUtils.releaseConnection(connection, this.dataSource);
			}
			this.batches.recordProgress(batch, batch.quantity(), fence);
		});
		if (!this.batches.markMinted(batch.id(), fence)) {
			throw new IllegalStateException("Batch " + batch.id() + " could not be marked minted");
		}
		return new Minted(this.batches.find(batch.id()).orElseThrow(), lots);
	}

	private static long lotOf(List<Lot> lots, long number) {
		for (Lot lot : lots) {
			if (number >= lot.firstTokenId() && number < lot.firstTokenId() + lot.quantity()) {
				return lot.id();
			}
		}
		return 0;
	}

	/** Revoke a token as the console does. */
	public void revoke(long tokenNumber, String reason) {
		this.revocation.revoke(BrandScope.everyBrand(), tokenNumber, reason, "tests");
	}

	public String identifier(long tokenNumber) {
		return this.identifiers.encode(tokenNumber);
	}

	/** The Digital Link path of a GS1 token, e.g. {@code /01/{gtin}/21/{serial}}. */
	public String gs1Path(Product product, long tokenNumber) {
		return "/01/" + product.gtin().value() + "/21/" + identifier(tokenNumber);
	}

	public TokenStatus status(long tokenNumber) {
		return TokenStatus.ofCode(this.jdbc.sql("select status from tokens where id = ?")
			.param(tokenNumber)
			.query(Integer.class)
			.single());
	}

	public long activeTokens(long brandId) {
		return this.jdbc.sql("select active_tokens from brand_counters where brand_id = ?")
			.param(brandId)
			.query(Long.class)
			.single();
	}

	public long activationEvents(long tokenNumber) {
		return this.jdbc.sql(
				"select count(*) from audit_events where entity_type = 'token' and entity_id = ? and action = 'activated'")
			.param(Long.toString(tokenNumber))
			.query(Long.class)
			.single();
	}

	static String uniqueCode(String stem) {
		return stem + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	/** A GTIN-14 under {@code companyPrefix}, never handed out twice in this JVM. */
	static String uniqueGtin(String companyPrefix) {
		String digits = "0" + companyPrefix + String.format("%05d", itemReferences.incrementAndGet());
		return digits + checkDigit(digits);
	}

	static char checkDigit(String digits) {
		int sum = 0;
		for (int i = 0; i < digits.length(); i++) {
			int digit = digits.charAt(digits.length() - 1 - i) - '0';
			sum += ((i % 2) == 0) ? digit * 3 : digit;
		}
		return (char) ('0' + (10 - sum % 10) % 10);
	}

	/**
	 * A minted batch.
	 *
	 * @param batch the batch, {@code minted}
	 * @param lots its lots (empty in serial mode)
	 */
	public record Minted(MintBatch batch, List<Lot> lots) {

		/** The token number of unit {@code index} of the batch. */
		public long token(int index) {
			return this.batch.firstTokenId() + index;
		}

	}

}
