package io.dppmint.console.passport;

import java.util.ArrayList;
import java.util.List;

import io.dppmint.core.catalog.Brand;
import io.dppmint.core.catalog.EligibilityReport;
import io.dppmint.core.catalog.JdbcProductRepository;
import io.dppmint.core.catalog.MintEligibility;
import io.dppmint.core.catalog.Product;
import io.dppmint.core.catalog.ProductCursor;
import io.dppmint.core.catalog.ProductPage;
import io.dppmint.core.passport.PassportSchema;

import org.springframework.stereotype.Component;

/**
 * What publishing a schema would do to a brand's products, before it is published: each
 * product's mint readiness under the brand's current schema and under the candidate
 * ({@link MintEligibility}, the rules minting applies), for every product of the brand,
 * read in keyset pages. Reads only.
 */
@Component
class SchemaImpact {

	/** The most products of each kind an impact lists by name; all are counted. */
	static final int LISTED = 50;

	private static final int PAGE = 200;

	private final JdbcProductRepository products;

	SchemaImpact(JdbcProductRepository products) {
		this.products = products;
	}

	/**
	 * The brand's products whose readiness the candidate schema would change.
	 * @param brand the brand, with its current schema
	 * @param candidate the schema it would publish
	 * @return the impact
	 */
	Impact of(Brand brand, PassportSchema candidate) {
		Brand after = new Brand(brand.id(), brand.code(), brand.name(), candidate, brand.gtinRequired(),
				brand.gs1CompanyPrefix(), brand.resolverBaseUrl(), brand.operatorGln());
		List<Change> notReady = new ArrayList<>();
		List<Change> ready = new ArrayList<>();
		int checked = 0;
		int notReadyCount = 0;
		int readyCount = 0;
		ProductCursor cursor = null;
		do {
			ProductPage page = this.products.search(brand.id(), null, cursor, PAGE);
			for (Product product : page.products()) {
				checked++;
				EligibilityReport now = MintEligibility.evaluate(brand, product);
				EligibilityReport then = MintEligibility.evaluate(after, product);
				if (now.ready() && !then.ready()) {
					notReadyCount++;
					if (notReady.size() < LISTED) {
						notReady.add(new Change(product, then));
					}
				}
				else if (!now.ready() && then.ready()) {
					readyCount++;
					if (ready.size() < LISTED) {
						ready.add(new Change(product, then));
					}
				}
			}
			cursor = page.hasNext() ? page.next() : null;
		}
		while (cursor != null);
		return new Impact(checked, notReady, notReadyCount, ready, readyCount);
	}

	/**
	 * What a candidate schema would change.
	 *
	 * @param checked how many products were evaluated
	 * @param becomeNotReady products ready now that would not be (at most
	 * {@value #LISTED})
	 * @param becomeNotReadyCount how many there are
	 * @param becomeReady products not ready now that would be (at most {@value #LISTED})
	 * @param becomeReadyCount how many there are
	 */
	record Impact(int checked, List<Change> becomeNotReady, int becomeNotReadyCount, List<Change> becomeReady,
			int becomeReadyCount) {

		Impact {
			becomeNotReady = List.copyOf(becomeNotReady);
			becomeReady = List.copyOf(becomeReady);
		}

	}

	/**
	 * A product whose readiness would change.
	 *
	 * @param product the product
	 * @param after its readiness under the candidate schema
	 */
	record Change(Product product, EligibilityReport after) {
	}

}
