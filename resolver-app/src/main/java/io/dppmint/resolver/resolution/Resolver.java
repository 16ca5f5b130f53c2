package io.dppmint.resolver.resolution;


import io.dppmint.core.catalog.Brand;
import io.dppmint.core.catalog.Product;
import io.dppmint.core.gs1.DigitalLink;
import io.dppmint.core.identifier.IdentifierScheme;
import io.dppmint.core.minting.Lot;
import io.dppmint.core.token.TokenStatus;
import io.dppmint.resolver.resolution.Catalogue.MintedBatch;
import io.dppmint.resolver.resolution.JdbcTokenReader.TokenRow;

/**
 * Resolves scanned paths against the tables. GS1 paths resolve only for GS1-ready brands
 * (a token's GTIN is its batch's product's, and a lot in the path must be the token's
 * lot); {@code /t/} paths only for non-GS1 brands; tokens only once their batch is
 * minted. Everything else is "not found", without saying which rule failed, so that
 * probing learns nothing.
 */
class Resolver {

	private final IdentifierScheme identifiers;

	private final Catalogue catalogue;

	private final JdbcTokenReader tokens;

	Resolver(IdentifierScheme identifiers, Catalogue catalogue, JdbcTokenReader tokens) {
		this.identifiers = identifiers;
		this.catalogue = catalogue;
		this.tokens = tokens;
	}

	/**
	 * @throws MalformedPathException for a malformed path
	 * @throws NotFoundException when it names nothing issued
	 */
	Resolution resolve(String rawPath) {
		ScanTarget target = ScanTarget.parse(rawPath, this.identifiers);
		return switch (target) {
			case ScanTarget.Gs1 gs1 -> resolveGs1(gs1);
			case ScanTarget.PublicId publicId -> resolvePublicId(publicId);
		};
	}

	private Resolution resolveGs1(ScanTarget.Gs1 target) {
		DigitalLink link = target.link();
		Product product = this.catalogue.productByGtin(link.gtin()).orElseThrow(Resolver::notFound);
		Brand brand = this.catalogue.brand(product.brandId()).filter(Brand::gtinRequired).orElseThrow(Resolver::notFound);
		if (target.tokenNumber() == null) {
			if (link.lot() == null) {
				return new Resolution(Resolution.Kind.PRODUCT, target, brand, product, null, null, null, null, null);
			}
			Lot lot = this.catalogue.lot(product.id(), link.lot()).orElseThrow(Resolver::notFound);
			MintedBatch batch = this.catalogue.mintedBatch(lot.batchId()).orElseThrow(Resolver::notFound);
			return new Resolution(Resolution.Kind.LOT, target, brand, product, batch.batch(), lot, null, null, null);
		}
		TokenRow token = this.tokens.find(target.tokenNumber()).orElseThrow(Resolver::notFound);
		MintedBatch batch = this.catalogue.mintedBatch(token.batchId())
			.filter((minted) -> minted.batch().productId() == product.id())
			.orElseThrow(Resolver::notFound);
		Lot lot = (token.lotId() != 0) ? batch.lot(token.lotId()).orElse(null) : null;
		if (link.lot() != null && (lot == null || !lot.lotNumber().equals(link.lot()))) {
			throw notFound();
		}
		return tokenResolution(target, brand, product, batch, lot, token);
	}

	private Resolution resolvePublicId(ScanTarget.PublicId target) {
		TokenRow token = this.tokens.find(target.tokenNumber()).orElseThrow(Resolver::notFound);
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
		var revokedAt = (token.status() == TokenStatus.REVOKED) ? this.tokens.revokedAt(token.id()).orElse(null)
				: null;
		return new Resolution(Resolution.Kind.TOKEN, target, brand, product, batch.batch(), lot, token.id(),
				token.status(), revokedAt);
	}

	private static NotFoundException notFound() {
		return new NotFoundException("No passport is published under this identifier");
	}


}
