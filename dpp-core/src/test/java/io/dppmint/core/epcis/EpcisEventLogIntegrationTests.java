package io.dppmint.core.epcis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.dppmint.core.audit.AuditLog;
import io.dppmint.core.catalog.Brand;
import io.dppmint.core.catalog.ErpProductionRun;
import io.dppmint.core.catalog.Product;
import io.dppmint.core.catalog.ProductionRun;
import io.dppmint.core.fixtures.Fixtures;
import io.dppmint.core.gs1.Gln;
import io.dppmint.core.identifier.IdentifierScheme;
import io.dppmint.core.minting.MintBatch;
import io.dppmint.core.minting.MintRequest.LotRequest;
import io.dppmint.core.tenancy.BrandScope;
import io.dppmint.core.token.JdbcTokenRepository;
import io.dppmint.core.token.TokenRevocation;
import io.dppmint.testsupport.TestSecrets;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * EPCIS events on the real PostgreSQL: recorded by minting and revocation in their own
 * transactions, and read back by the query's filters.
 */
class EpcisEventLogIntegrationTests {

	private static final IdentifierScheme identifiers = new IdentifierScheme(
			Base64.getDecoder().decode(TestSecrets.IDENTIFIER_KEY));

	private final Fixtures fixtures = Fixtures.onTestPostgres();

	private final JdbcClient jdbc = this.fixtures.jdbc();

	private final JdbcEpcisEvents events = new JdbcEpcisEvents(this.jdbc);

	@Test
	void aMintedSerialBatchIsCommissionedInSlicesThatCoverEveryUnitOnce() {
		Product product = this.fixtures.aGs1Product().create();
		ProductionRun run = this.fixtures.productionRuns()
			.sync(new ErpProductionRun(product.brandId(), product.id(), "RUN-" + product.id(), 5000,
					Gln.parse("4087654000019")));

		MintBatch batch = this.fixtures.aMintedBatch(product).quantity(2500).productionRunId(run.id()).create();

		List<EpcisEvent> commissioned = page(BrandScope.of(product.brandId()), Map.of());
		assertThat(commissioned).hasSize(3).allSatisfy((event) -> {
			assertThat(event.batchId()).isEqualTo(batch.id());
			assertThat(event.action()).isEqualTo("ADD");
			assertThat(event.bizStep()).isEqualTo("commissioning");
			assertThat(event.disposition()).isEqualTo("active");
			assertThat(event.gtin()).isEqualTo(product.gtin());
			assertThat(event.companyPrefixLength()).isEqualTo(Fixtures.COMPANY_PREFIX.length());
			assertThat(event.facility()).isEqualTo(Gln.parse("4087654000019"));
			assertThat(event.quantityEvent()).isFalse();
		});
		assertThat(commissioned).extracting(EpcisEvent::tokenCount).containsExactly(1000, 1000, 500);
		assertThat(commissioned).extracting(EpcisEvent::firstTokenId)
			.containsExactly(batch.firstTokenId(), batch.firstTokenId() + 1000, batch.firstTokenId() + 2000);
		assertThat(this.events.ofBatch(batch.id()).count()).isEqualTo(3);
		assertThat(this.events.ofBatch(batch.id()).lastId()).isEqualTo(commissioned.getLast().id());
	}

	@Test
	void aLotBatchIsCommissionedAsOneQuantityEventPerLot() {
		Product product = this.fixtures.aGs1Product().create();

		MintBatch batch = this.fixtures.aMintedBatch(product)
			.lots(new LotRequest("LA-" + product.id(), 3), new LotRequest("LB-" + product.id(), 2))
			.create();

		List<EpcisEvent> commissioned = page(BrandScope.of(product.brandId()), Map.of());
		assertThat(commissioned).extracting(EpcisEvent::lotNumber)
			.containsExactly("LA-" + product.id(), "LB-" + product.id());
		assertThat(commissioned).extracting(EpcisEvent::tokenCount).containsExactly(3, 2);
		assertThat(commissioned).allSatisfy((event) -> assertThat(event.facility()).isNull());
		assertThat(page(BrandScope.of(product.brandId()),
				Map.of("MATCH_epcClass",
						List.of("https://id.gs1.org/01/" + product.gtin().value() + "/10/LB-" + product.id()))))
			.extracting(EpcisEvent::tokenCount)
			.containsExactly(2);
		assertThat(batch.quantity()).isEqualTo(5);
	}

	@Test
	void unitsWithoutGtinHaveNoEvents() {
		Product product = this.fixtures.aProduct().create();

		this.fixtures.aMintedBatch(product).quantity(10).create();

		assertThat(page(BrandScope.of(product.brandId()), Map.of())).isEmpty();
	}

	@Test
	void aRevocationIsDecommissionedInItsOwnTransactionAndFoundByItsEpc() {
		Product product = this.fixtures.aGs1Product().create();
		MintBatch batch = this.fixtures.aMintedBatch(product).quantity(1500).create();
		TokenRevocation revocation = new TokenRevocation(new JdbcTokenRepository(this.jdbc), this.fixtures.counters(),
				new AuditLog(this.jdbc), identifiers, this.fixtures.transactions());
		long token = batch.firstTokenId() + 1200;
		Instant before = Instant.now().minusSeconds(1);

		revocation.revoke(BrandScope.of(product.brandId()), token, "Counterfeit", "test");

		BrandScope scope = BrandScope.of(product.brandId());
		String sgtin = "urn:epc:id:sgtin:" + Fixtures.COMPANY_PREFIX + "." + product.gtin().value().charAt(0)
				+ product.gtin().value().substring(1 + Fixtures.COMPANY_PREFIX.length(), 13) + "."
				+ identifiers.encode(token);
		List<EpcisEvent> ofUnit = page(scope, Map.of("MATCH_epc", List.of(sgtin)));
		assertThat(ofUnit).extracting(EpcisEvent::action).containsExactly("ADD", "DELETE");
		assertThat(ofUnit.get(0).firstTokenId()).isEqualTo(batch.firstTokenId() + 1000);
		EpcisEvent deleted = ofUnit.get(1);
		assertThat(deleted.bizStep()).isEqualTo("decommissioning");
		assertThat(deleted.disposition()).isEqualTo("inactive");
		assertThat(deleted.firstTokenId()).isEqualTo(token);
		assertThat(deleted.tokenCount()).isEqualTo(1);
		assertThat(deleted.eventTime()).isAfter(before);
		assertThat(page(scope, Map.of("EQ_action", List.of("DELETE")))).containsExactly(deleted);
		assertThat(page(scope, Map.of("EQ_bizStep", List.of("https://ref.gs1.org/cbv/BizStep-decommissioning"))))
			.containsExactly(deleted);
		assertThat(page(scope, Map.of("GE_recordTime", List.of(deleted.recordTime().toString()))))
			.containsExactly(deleted);
		assertThat(page(scope, Map.of("eventType", List.of("AggregationEvent")))).isEmpty();
		assertThat(page(scope, Map.of("MATCH_epc",
				List.of(sgtin.replace(identifiers.encode(token), identifiers.encode(batch.firstTokenId() + 1500))))))
			.as("the unit after the batch's last")
			.isEmpty();
		assertThat(this.events.find(scope, deleted.eventId())).contains(deleted);
		assertThat(this.events.find(BrandScope.of(this.fixtures.aGs1Product().create().brandId()), deleted.eventId()))
			.as("another brand's event")
			.isEmpty();
	}

	@Test
	void pagesWalkEveryEventOnceInIdOrder() {
		Product product = this.fixtures.aGs1Product().create();
		this.fixtures.aMintedBatch(product).quantity(4500).create();
		this.fixtures.aMintedBatch(product).quantity(999).create();
		BrandScope scope = BrandScope.of(product.brandId());

		List<EpcisEvent> all = page(scope, Map.of("perPage", List.of("100")));
		assertThat(all).hasSize(6);
		List<EpcisEvent> walked = new ArrayList<>();
		long after = 0;
		while (true) {
			Map<String, List<String>> parameters = (after == 0) ? Map.of("perPage", List.of("2"))
					: Map.of("perPage", List.of("2"), "nextPageToken", List.of(EpcisQuery.nextPageToken(after)));
			List<EpcisEvent> page = page(scope, parameters);
			walked.addAll(page.subList(0, Math.min(2, page.size())));
			if (page.size() <= 2) {
				break;
			}
			after = page.get(1).id();
		}
		assertThat(walked).isEqualTo(all);
		assertThat(all.stream().mapToInt(EpcisEvent::tokenCount).sum()).isEqualTo(5499);
	}

	@Test
	void anOperatorSeesEveryBrandAndABrandOnlyItsOwn() {
		Brand other = this.fixtures.aGs1Brand().create();
		Product mine = this.fixtures.aGs1Product().create();
		this.fixtures.aMintedBatch(mine).quantity(3).create();
		this.fixtures.aMintedBatch(this.fixtures.aProductOf(other).create()).quantity(3).create();

		List<EpcisEvent> ofMine = page(BrandScope.of(mine.brandId()), Map.of());
		List<EpcisEvent> ofOther = page(BrandScope.of(other.id()), Map.of());
		assertThat(ofMine).hasSize(1);
		assertThat(ofOther).hasSize(1);
		Map<String, List<String>> both = Map.of("EQ_eventID",
				List.of(ofMine.getFirst().eventId().toString(), ofOther.getFirst().eventId().toString()));
		assertThat(page(BrandScope.everyBrand(), both)).containsExactly(ofMine.getFirst(), ofOther.getFirst());
		assertThat(page(BrandScope.of(mine.brandId()), both)).containsExactly(ofMine.getFirst());
	}

	private List<EpcisEvent> page(BrandScope scope, Map<String, List<String>> parameters) {
		return this.events.page(scope, EpcisQuery.parse(parameters, identifiers));
	}

}
