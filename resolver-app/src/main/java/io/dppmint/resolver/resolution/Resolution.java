package io.dppmint.resolver.resolution;

import java.time.Instant;

import io.dppmint.core.catalog.Brand;
import io.dppmint.core.catalog.Product;
import io.dppmint.core.minting.Lot;
import io.dppmint.core.minting.MintBatch;
import io.dppmint.core.token.TokenStatus;

/**
 * What a scanned path resolved to: a token (unit), a lot or a product, with the metadata
 * its passport shows.
 *
 * @param kind token, lot or product
 * @param target what the answer is about: the scanned target, or the lot or product it
 * walked up to when the scanned unit or lot is unknown
 * @param requested the scanned target as the request wrote it
 * @param brand the brand
 * @param product the product
 * @param batch the token's batch, or {@code null} for a product
 * @param lot the lot, or {@code null}
 * @param tokenId the token number, or {@code null}
 * @param status the token's status, or {@code null}
 * @param revokedAt when a revoked token was revoked, or {@code null}
 */
record Resolution(Kind kind, ScanTarget target, ScanTarget requested, Brand brand, Product product, MintBatch batch,
		Lot lot, Long tokenId, TokenStatus status, Instant revokedAt) {

	/**
	 * Whether the scanned identifier was unknown and the answer is about a less granular
	 * one (its lot or product), as the GS1-Conformant Resolver standard walks up the
	 * identifier tree.
	 */
	boolean walkedUp() {
		return !this.requested.path().equals(this.target.path());
	}

	boolean revoked() {
		return this.status == TokenStatus.REVOKED;
	}

	/** The token's serial (GS1) or public id, or {@code null} for a product or lot. */
	String identifier() {
		return switch (this.target) {
			case ScanTarget.Gs1 gs1 -> gs1.link().serial();
			case ScanTarget.PublicId publicId -> publicId.publicId();
		};
	}

	Resolution withStatus(TokenStatus newStatus) {
		return new Resolution(this.kind, this.target, this.requested, this.brand, this.product, this.batch, this.lot,
				this.tokenId, newStatus, this.revokedAt);
	}

	enum Kind {

		TOKEN, LOT, PRODUCT;

		String label() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

}
