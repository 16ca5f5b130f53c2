package io.dppmint.resolver.resolution;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.dppmint.core.catalog.Brand;
import io.dppmint.core.catalog.Product;
import io.dppmint.core.gs1.DigitalLink;
import io.dppmint.core.identifier.IdentifierScheme;
import io.dppmint.core.minting.Lot;
import io.dppmint.core.passport.JdbcPassportLineage;
import io.dppmint.core.passport.JdbcPassports;
import io.dppmint.core.passport.PassportValues;
import io.dppmint.core.token.TokenStatus;
import io.dppmint.resolver.resolution.Catalogue.MintedBatch;
import io.dppmint.resolver.resolution.JdbcTokenReader.TokenRow;

/**
 * Resolves scanned paths against the tables. GS1 paths resolve only for GS1-ready brands
 * and only for what the brand has published: a product whose GTIN is under the brand's
 * GS1 company prefix and that has a minted batch (or for which the brand publishes a link
 * of its own); a token's GTIN is its batch's product's, and a lot in the path must be the
 * token's lot. An unknown serial, lot or variant of a published product walks up the
 * identifier tree, as the GS1-Conformant Resolver standard says: the answer is about the
 * lot, or else the product. {@code /t/} paths resolve only for non-GS1 brands; tokens
 * only once their batch is minted. Everything else is "not found", without saying which
 * rule failed, so that probing learns nothing.
 */
class Resolver {

	private final IdentifierScheme identifiers;

	private final Catalogue catalogue;

	private final JdbcTokenReader tokens;

	private final MintedTokenIndex index;

	Resolver(IdentifierScheme identifiers, Catalogue catalogue, JdbcTokenReader tokens, MintedTokenIndex index) {
		this.identifiers = identifiers;
		this.catalogue = catalogue;
		this.tokens = tokens;
		this.index = index;
	}

	/**
	 * Read a raw request path; pure computation, no lookup.
	 * @throws MalformedPathException for a malformed path
	 * @throws NotFoundException when it is well-formed but can name nothing issued
	 */
	ScanTarget parse(String rawPath) {
		return ScanTarget.parse(rawPath, this.identifiers);
	}

	/**
	 * Look a target up.
	 * @param target what was scanned
	 * @param activating whether the caller activates a token resolved as {@code minted};
	 * then such a status may come from memory and be out of date (the token was activated
	 * meanwhile, elsewhere): the activation's guarded update has the last word
	 * @param walkUp whether an unknown unit, lot or variant of a published product
	 * resolves to its lot or product (a scan) rather than not at all (a passport view)
	 * @throws NotFoundException when it names nothing issued
	 */
	Resolution resolve(ScanTarget target, boolean activating, boolean walkUp) {
		return switch (target) {
			case ScanTarget.Gs1 gs1 -> resolveGs1(gs1, activating, walkUp);
			case ScanTarget.PublicId publicId -> resolvePublicId(publicId, activating);
		};
	}

	/**
	 * A token this resolver has just activated: memory knows it is active from now on.
	 */
	void activated(long tokenNumber) {
		this.index.activated(tokenNumber);
	}

	/** A brand by its code, for the vocabulary of its passport fields. */
	Optional<Brand> brand(String code) {
		return this.catalogue.brandByCode(code);
	}

	/**
	 * The EU DPP registration identifier of what was resolved, if its batch is
	 * registered: for authorities' views only (the caller checks the level).
	 */
	String registration(Resolution resolution) {
		return (resolution.batch() != null) ? this.catalogue.registration(resolution.batch().id()).orElse(null) : null;
	}

	/** The further links published for what was resolved. */
	List<PublishedLink> links(Resolution resolution) {
		return this.catalogue.links(resolution.product());
	}

	/**
	 * The passport data of what was resolved: the product's model-level data, with its
	 * batch's batch-level data and, for a unit, its own item-level data.
	 */
	PassportValues passportData(Resolution resolution) {
		PassportValues data = resolution.product().passport();
		if (resolution.batch() != null) {
			data = data.with(this.catalogue.passportData(JdbcPassports.Subject.BATCH, resolution.batch().id()));
		}
		if (resolution.tokenId() != null) {
			data = data.with(this.catalogue.passportData(JdbcPassports.Subject.TOKEN, resolution.tokenId()));
		}
		return data;
	}

	List<JdbcPassportLineage.Link> lineage(Resolution resolution) {
		return this.catalogue.lineage(resolution.product());
	}

	private Resolution resolveGs1(ScanTarget.Gs1 target, boolean activating, boolean walkUp) {
		DigitalLink link = target.link();
		Product product = this.catalogue.productByGtin(link.gtin()).orElseThrow(Resolver::notFound);
		Brand brand = this.catalogue.brand(product.brandId())
			.filter(Brand::gtinRequired)
			.filter((found) -> Catalogue.underCompanyPrefix(product, found))
			.orElseThrow(Resolver::notFound);
		if (target.epcCompanyPrefix() != null && !target.epcCompanyPrefix().equals(brand.gs1CompanyPrefix())) {
			// The EPC URI partitions the GTIN at another company prefix: not this brand's
			// way of writing its units.
			throw notFound();
		}
		boolean exact = link.cpv() == null;
		if (exact && target.tokenNumber() != null) {
			Resolution unit = unit(target, brand, product, activating);
			if (unit != null) {
				return unit;
			}
		}
		exact = exact && link.serial() == null;
		if (link.lot() != null && (exact || walkUp)) {
			Lot lot = this.catalogue.lot(product.id(), link.lot()).orElse(null);
			MintedBatch batch = (lot != null) ? this.catalogue.mintedBatch(lot.batchId()).orElse(null) : null;
			if (batch != null) {
				return new Resolution(Resolution.Kind.LOT, target.lot(), target, brand, product, batch.batch(), lot,
						null, null, null);
			}
		}
		exact = exact && link.lot() == null;
		if ((exact || walkUp) && this.catalogue.published(product)) {
			return new Resolution(Resolution.Kind.PRODUCT, target.product(), target, brand, product, null, null, null,
					null, null);
		}
		throw notFound();
	}

	/**
	 * The unit a Digital Link names, or {@code null} if it names none of the product's.
	 */
	private Resolution unit(ScanTarget.Gs1 target, Brand brand, Product product, boolean activating) {
		TokenRow token = find(target.tokenNumber(), activating);
		if (token == null) {
			return null;
		}
		MintedBatch batch = this.catalogue.mintedBatch(token.batchId())
			.filter((minted) -> minted.batch().productId() == product.id())
			.orElse(null);
		if (batch == null) {
			return null;
		}
		Lot lot = (token.lotId() != 0) ? batch.lot(token.lotId()).orElse(null) : null;
		String pathLot = target.link().lot();
		if (pathLot != null && (lot == null || !lot.lotNumber().equals(pathLot))) {
			return null;
		}
		return tokenResolution(target, brand, product, batch, lot, token);
	}

	private Resolution resolvePublicId(ScanTarget.PublicId target, boolean activating) {
		TokenRow token = find(target.tokenNumber(), activating);
		if (token == null) {
			throw notFound();
		}
		MintedBatch batch = this.catalogue.mintedBatch(token.batchId()).orElseThrow(Resolver::notFound);
		Brand brand = this.catalogue.brand(batch.batch().brandId())
			.filter((found) -> !found.gtinRequired())
			.orElseThrow(Resolver::notFound);
		Product product = this.catalogue.product(batch.batch().productId()).orElseThrow(Resolver::notFound);
		Lot lot = (token.lotId() != 0) ? batch.lot(token.lotId()).orElse(null) : null;
		return tokenResolution(target, brand, product, batch, lot, token);
	}

	private Resolution tokenResolution(ScanTarget target, Brand brand, Product product, MintedBatch batch, Lot lot,
			TokenRow token) {
		Instant revokedAt = (token.status() == TokenStatus.REVOKED) ? this.tokens.revokedAt(token.id()) : null;
		return new Resolution(Resolution.Kind.TOKEN, target, target, brand, product, batch.batch(), lot, token.id(),
				token.status(), revokedAt);
	}

	/**
	 * Memory where it knows the answer exactly, the token table otherwise; {@code null}
	 * for no such token.
	 */
	private TokenRow find(long tokenNumber, boolean activating) {
		TokenRow token = this.index.find(tokenNumber, activating);
		if (token != null) {
			return token;
		}
		token = this.tokens.find(tokenNumber);
		if (token == null) {
			return null;
		}
		this.index.learn(token);
		return token;
	}

	private static NotFoundException notFound() {
		return new NotFoundException("No passport is published under this identifier");
	}

}
