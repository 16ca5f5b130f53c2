package io.dppmint.resolver.resolution;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.dppmint.core.catalog.Brand;
import io.dppmint.core.catalog.JdbcBrandRepository;
import io.dppmint.core.catalog.JdbcProductRepository;
import io.dppmint.core.catalog.MintEligibility;
import io.dppmint.core.catalog.Product;
import io.dppmint.core.gs1.Gtin;
import io.dppmint.core.minting.JdbcMintBatchRepository;
import io.dppmint.core.minting.Lot;
import io.dppmint.core.minting.MintBatch;
import io.dppmint.core.minting.MintBatchStatus;
import io.dppmint.core.passport.JdbcPassportLineage;
import io.dppmint.core.passport.JdbcPassports;
import io.dppmint.core.passport.PassportValues;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * In-memory copies of the metadata a scan needs besides its token row: brands, products,
 * minted batches and their lots. Brands and products change rarely (their entries expire
 * after {@code ttl}, so edits show within that time); a minted batch and its lots never
 * change, so they stay until evicted. Published links expire like products. Batches not
 * yet minted are not cached: their tokens do not resolve until the batch is minted. Every
 * cache is bounded.
 */
class Catalogue {

	private final JdbcBrandRepository brands;

	private final JdbcProductRepository products;

	private final JdbcMintBatchRepository batches;

	private final Cache<Long, Optional<Brand>> brandsById;

	private final Cache<String, Optional<Brand>> brandsByCode;

	private final Cache<Long, Optional<Product>> productsById;

	private final Cache<String, Optional<Product>> productsByGtin;

	private final Cache<Long, MintedBatch> mintedBatches;

	private final Cache<LotKey, Optional<Lot>> lotsByNumber;

	private final JdbcPublishedLinks links;

	private final Cache<Long, List<PublishedLink>> linksByProduct;

	private final JdbcPassportLineage lineage;

	private final JdbcPassports passports;

	private final Cache<String, PassportValues> subjectData;

	private final Cache<Long, List<JdbcPassportLineage.Link>> lineageByProduct;

	private final Cache<Long, Boolean> unpublished;

	private final Cache<Long, Optional<String>> registrations;

	private final JdbcClient jdbc;

	private final Cache<Long, Boolean> published;

	Catalogue(JdbcBrandRepository brands, JdbcProductRepository products, JdbcMintBatchRepository batches,
			JdbcPublishedLinks links, JdbcPassportLineage lineage, JdbcPassports passports, JdbcClient jdbc,
			int maxEntries, Duration ttl) {
		this.passports = passports;
		this.subjectData = Caffeine.newBuilder().maximumSize(maxEntries).expireAfterWrite(ttl).build();
		this.lineage = lineage;
		this.lineageByProduct = Caffeine.newBuilder().maximumSize(maxEntries).expireAfterWrite(ttl).build();
		this.brands = brands;
		this.products = products;
		this.batches = batches;
		this.links = links;
		this.linksByProduct = Caffeine.newBuilder().maximumSize(maxEntries).expireAfterWrite(ttl).build();
		this.brandsById = Caffeine.newBuilder().maximumSize(maxEntries).expireAfterWrite(ttl).build();
		this.brandsByCode = Caffeine.newBuilder().maximumSize(maxEntries).expireAfterWrite(ttl).build();
		this.productsById = Caffeine.newBuilder().maximumSize(maxEntries).expireAfterWrite(ttl).build();
		this.productsByGtin = Caffeine.newBuilder().maximumSize(maxEntries).expireAfterWrite(ttl).build();
		this.lotsByNumber = Caffeine.newBuilder().maximumSize(maxEntries).expireAfterWrite(ttl).build();
		this.mintedBatches = Caffeine.newBuilder().maximumSize(maxEntries).build();
		this.published = Caffeine.newBuilder().maximumSize(maxEntries).build();
		this.unpublished = Caffeine.newBuilder().maximumSize(maxEntries).expireAfterWrite(ttl).build();
		this.registrations = Caffeine.newBuilder().maximumSize(maxEntries).expireAfterWrite(ttl).build();
		this.jdbc = jdbc;
	}

	/** A batch's EU DPP registration identifier, once registered (docs/registry.md). */
	Optional<String> registration(long batchId) {
		return this.registrations.get(batchId, (id) -> this.jdbc.sql("""
				select registration_identifier from registry_registrations
				where batch_id = :id and state = 'registered'""").param("id", id).query(String.class).optional());
	}

	/**
	 * Whether the resolver may answer for a product itself (not only for its units): the
	 * brand has put it in the field (a minted batch) or publishes a link for it alone.
	 * Drafts and discontinued products never minted are not published. A product once
	 * published stays so; one that is not is asked about again after the cache's time to
	 * live.
	 */
	boolean published(Product product) {
		if (this.published.getIfPresent(product.id()) != null) {
			return true;
		}
		if (this.unpublished.getIfPresent(product.id()) != null) {
			return false;
		}
		boolean published = this.batches.anyMinted(product.id())
				|| links(product).stream().anyMatch(PublishedLink::forProduct);
		(published ? this.published : this.unpublished).put(product.id(), Boolean.TRUE);
		return published;
	}

	/**
	 * Whether a product's GTIN was issued under its brand's GS1 company prefix, as a GS1
	 * key of that brand must be ({@link MintEligibility#issuedUnder}).
	 */
	static boolean underCompanyPrefix(Product product, Brand brand) {
		return product.gtin() != null && brand.gs1CompanyPrefix() != null
				&& MintEligibility.issuedUnder(product.gtin(), brand.gs1CompanyPrefix());
	}

	Optional<Brand> brand(long id) {
		return this.brandsById.get(id, this.brands::findById);
	}

	Optional<Brand> brandByCode(String code) {
		return this.brandsByCode.get(code, this.brands::findByCode);
	}

	Optional<Product> product(long id) {
		return this.productsById.get(id, this.products::findById);
	}

	Optional<Product> productByGtin(Gtin gtin) {
		return this.productsByGtin.get(gtin.value(), (key) -> this.products.findByGtin(gtin));
	}

	/** A batch whose minting is complete, with its lots; empty for any other batch. */
	Optional<MintedBatch> mintedBatch(long id) {
		MintedBatch cached = this.mintedBatches.getIfPresent(id);
		if (cached != null) {
			return Optional.of(cached);
		}
		Optional<MintBatch> batch = this.batches.find(id).filter((found) -> found.status() == MintBatchStatus.MINTED);
		if (batch.isEmpty()) {
			return Optional.empty();
		}
		MintedBatch minted = new MintedBatch(batch.get(), this.batches.lots(id));
		this.mintedBatches.put(id, minted);
		return Optional.of(minted);
	}

	Optional<Lot> lot(long productId, String lotNumber) {
		return this.lotsByNumber.get(new LotKey(productId, lotNumber),
				(key) -> this.batches.findLot(productId, lotNumber));
	}

	/**
	 * A batch's or unit's current passport data (batch- or item-level), or none; a change
	 * shows after the cache's time to live.
	 */
	PassportValues passportData(JdbcPassports.Subject subject, long id) {
		return this.subjectData.get(subject.code() + ":" + id, (key) -> this.passports.current(subject, id).data());
	}

	/** The passports the product comes from and those that come from it. */
	List<JdbcPassportLineage.Link> lineage(Product product) {
		return this.lineageByProduct.get(product.id(), this.lineage::of);
	}

	/** The further links the product's brand publishes for it. */
	List<PublishedLink> links(Product product) {
		return this.linksByProduct.get(product.id(), (id) -> this.links.ofProduct(product.brandId(), id));
	}

	/**
	 * A minted batch and its lots (empty in serial mode).
	 */
	record MintedBatch(MintBatch batch, List<Lot> lots) {

		Optional<Lot> lot(long lotId) {
			for (Lot lot : this.lots) {
				if (lot.id() == lotId) {
					return Optional.of(lot);
				}
			}
			return Optional.empty();
		}

	}

	private record LotKey(long productId, String lotNumber) {

	}

}
