package io.dppmint.export;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import io.dppmint.core.catalog.Brand;
import io.dppmint.core.catalog.CommercialStatus;
import io.dppmint.core.catalog.JdbcBrandRepository;
import io.dppmint.core.catalog.JdbcProductRepository;
import io.dppmint.core.catalog.NewBrand;
import io.dppmint.core.catalog.NewProduct;
import io.dppmint.core.catalog.Product;
import io.dppmint.core.kpi.JdbcBrandCounters;
import io.dppmint.core.minting.ActivationMode;
import io.dppmint.core.minting.IdentityMode;
import io.dppmint.core.minting.JdbcMintBatchRepository;
import io.dppmint.core.minting.Lot;
import io.dppmint.core.minting.MintBatch;
import io.dppmint.core.minting.MintIntake;
import io.dppmint.core.minting.MintRequest;
import io.dppmint.core.minting.MintRequest.LotRequest;
import io.dppmint.core.audit.AuditLog;
import io.dppmint.core.catalog.JdbcProductionRunRepository;
import io.dppmint.core.token.TokenCopy;
import io.dppmint.core.token.TokenStatus;
import io.dppmint.testsupport.TestPostgres;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Minted batches for export tests, without the mint job (export-jobs never depends on
 * mint-jobs): a batch is accepted by the real {@link MintIntake}, its tokens are written
 * with the mint path's own {@link TokenCopy} into its reserved range (lots in their
 * ranges), and it is marked minted through the batch repository. Each fixture gets its
 * own brand, so tests sharing the database never see each other's rows.
 */
public final class ExportFixtures {

	/** A GTIN with a valid check digit, under the GS1 company prefix below. */
	public static final String GTIN = "09506000134352";

	private final DataSource dataSource;

	private final JdbcClient jdbc;

	private final JdbcBrandRepository brands;

	private final JdbcProductRepository products;

	private final JdbcMintBatchRepository batches;

	private final MintIntake intake;

	public ExportFixtures(DataSource dataSource) {
		this.dataSource = dataSource;
		this.jdbc = JdbcClient.create(dataSource);
		this.brands = new JdbcBrandRepository(this.jdbc);
		this.products = new JdbcProductRepository(this.jdbc);
		JdbcBrandCounters counters = new JdbcBrandCounters(this.jdbc);
		this.batches = new JdbcMintBatchRepository(this.jdbc, counters);
		this.intake = new MintIntake(new TransactionTemplate(new DataSourceTransactionManager(dataSource)), this.brands,
				this.products, new JdbcProductionRunRepository(this.jdbc), this.batches, counters,
				new AuditLog(this.jdbc));
	}

	public static ExportFixtures onTestPostgres() {
		return new ExportFixtures(TestPostgres.get().dataSource());
	}

	/** A fresh non-GS1 brand's ready product: its tokens resolve by public id. */
	public Product aProduct() {
		Brand brand = this.brands
			.create(new NewBrand(code(), "Test brand", List.of("material"), false, null, "https://id.example.com"));
		return this.products.create(new NewProduct(brand.id(), "SKU-1", "Test product", null,
				Map.of("material", "wool"), CommercialStatus.ACTIVE));
	}

	/**
	 * A fresh GS1-ready brand's product with a GTIN: its tokens resolve by Digital Link.
	 */
	public Product aGs1Product() {
		Brand brand = this.brands
			.create(new NewBrand(code(), "GS1 brand", List.of("material"), true, "9506000", "https://id.example.com"));
		return this.products.create(new NewProduct(brand.id(), "SKU-" + code(), "GS1 product", GTIN,
				Map.of("material", "wool"), CommercialStatus.ACTIVE));
	}

	/** A minted serial-mode batch of {@code quantity} active tokens. */
	public MintBatch aMintedBatch(Product product, int quantity) {
		return mint(new MintRequest(product.brandId(), product.id(), null, IdentityMode.SERIAL, ActivationMode.ACTIVE,
				quantity, List.of(), null));
	}

	/** A minted lot-mode batch of first-scan tokens. */
	public MintBatch aMintedLotBatch(Product product, LotRequest... lots) {
		int quantity = 0;
		for (LotRequest lot : lots) {
			quantity += lot.quantity();
		}
		return mint(new MintRequest(product.brandId(), product.id(), null, IdentityMode.LOT, ActivationMode.FIRST_SCAN,
				quantity, List.of(lots), null));
	}

	/** A batch accepted but not minted yet. */
	public MintBatch aQueuedBatch(Product product, int quantity) {
		return this.intake
			.submit(new MintRequest(product.brandId(), product.id(), null, IdentityMode.SERIAL, ActivationMode.ACTIVE,
					quantity, List.of(), null), "test")
			.batch();
	}

	private MintBatch mint(MintRequest request) {
		MintBatch batch = this.intake.submit(request, "test").batch();
		this.batches.markProcessing(batch.id());
		long fence = this.batches.advanceLeaseFence(batch.id());
		TokenStatus status = (request.activationMode() == ActivationMode.ACTIVE) ? TokenStatus.ACTIVE
				: TokenStatus.MINTED;
		List<Lot> lots = this.batches.lots(batch.id());
		try (Connection connection = this.dataSource.getConnection()) {
			TokenCopy copy = new TokenCopy().begin();
			if (lots.isEmpty()) {
				for (int i = 0; i < batch.quantity(); i++) {
					copy.add(batch.firstTokenId() + i, batch.id(), 0, status);
				}
			}
			else {
				for (Lot lot : lots) {
					for (int i = 0; i < lot.quantity(); i++) {
						copy.add(lot.firstTokenId() + i, batch.id(), lot.id(), status);
					}
				}
			}
			copy.copyTo(connection);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		this.batches.recordProgress(batch, batch.quantity(), fence);
		if (!this.batches.markMinted(batch.id(), fence)) {
			throw new IllegalStateException("Batch " + batch.id() + " could not be marked minted");
		}
		return this.batches.find(batch.id()).orElseThrow();
	}

	/** Revoke and activate some tokens, so that exported statuses differ row to row. */
	public void mixStatuses(MintBatch batch) {
		this.jdbc.sql("""
				update tokens set status = case when (id - :first) % 7 = 3 then :revoked else :active end,
					activated_at = now()
				where id >= :first and id < :end and ((id - :first) % 7 = 3 or (id - :first) % 5 = 1)""")
			.param("revoked", TokenStatus.REVOKED.code())
			.param("active", TokenStatus.ACTIVE.code())
			.param("first", batch.firstTokenId())
			.param("end", batch.firstTokenId() + batch.quantity())
			.update();
	}

	private static String code() {
		return "t-" + UUID.randomUUID().toString().substring(0, 12);
	}

}
