package io.dppmint.core.registry;

import java.util.List;
import java.util.Map;

import io.dppmint.core.catalog.Product;
import io.dppmint.core.fixtures.Fixtures;
import io.dppmint.core.minting.MintBatch;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Registration states on PostgreSQL (ESPR Art. 13(4),(5): the operator uploads, the
 * registry returns a registration identifier): each change is written with an audit
 * event, each refused one writes nothing and says why, and a registration identifier is
 * replaced only through a rejection.
 */
class JdbcRegistryRegistrationsIntegrationTests {

	private static final byte[] SHA = new byte[32];

	private final Fixtures fixtures = Fixtures.onTestPostgres();

	private final JdbcClient jdbc = this.fixtures.jdbc();

	private final JdbcRegistryRegistrations registrations = new JdbcRegistryRegistrations(this.jdbc,
			this.fixtures.transactions(), this.fixtures.auditLog());

	@Test
	void movesFromSubmittedToRegisteredAndAuditsEachChange() {
		MintBatch batch = aMintedBatch();
		assertThat(this.registrations.find(batch.id(), batch.brandId()).state()).isEqualTo(RegistryState.NOT_SUBMITTED);

		this.registrations.submit(batch.id(), SHA, "alice");
		RegistryRegistration registered = this.registrations.register(batch.id(), "  EU-DPP-2026-000123 ", "bob");

		assertThat(registered.state()).isEqualTo(RegistryState.REGISTERED);
		assertThat(registered.registrationIdentifier()).isEqualTo("EU-DPP-2026-000123");
		assertThat(registered.submissionSha256()).isEqualTo(SHA);
		assertThat(registered.recordedBy()).isEqualTo("bob");
		assertThat(this.registrations.register(batch.id(), "EU-DPP-2026-000123", "carol"))
			.as("the same identifier again changes nothing")
			.usingRecursiveComparison()
			.isEqualTo(registered);
		assertThat(auditActions(batch)).containsExactly("registry_submitted", "registry_registered");
		assertThat(this.registrations.states(List.of(batch.id(), -1L)))
			.isEqualTo(Map.of(batch.id(), RegistryState.REGISTERED, -1L, RegistryState.NOT_SUBMITTED));
	}

	@Test
	void replacesARegistrationIdentifierOnlyThroughARejection() {
		MintBatch batch = aMintedBatch();
		this.registrations.submit(batch.id(), SHA, "alice");
		this.registrations.register(batch.id(), "REG-1", "alice");

		assertThatExceptionOfType(RegistryException.class)
			.isThrownBy(() -> this.registrations.register(batch.id(), "REG-2", "alice"))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo("ALREADY_REGISTERED"))
			.withMessageContaining("REG-1");
		assertThatExceptionOfType(RegistryException.class)
			.isThrownBy(() -> this.registrations.submit(batch.id(), SHA, "alice"))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo("ALREADY_REGISTERED"));

		RegistryRegistration rejected = this.registrations.reject(batch.id(), "Withdrawn:\nwrong commodity code",
				"alice");
		assertThat(rejected.state()).isEqualTo(RegistryState.REJECTED);
		assertThat(rejected.registrationIdentifier()).isNull();
		assertThat(rejected.rejectionReason()).isEqualTo("Withdrawn:\nwrong commodity code");
		assertThat(this.registrations.register(batch.id(), "REG-2", "alice").registrationIdentifier())
			.isEqualTo("REG-2");
		assertThat(auditActions(batch)).containsExactly("registry_submitted", "registry_registered",
				"registry_rejected", "registry_registered");
	}

	@Test
	void refusesInvalidValuesAndWritesNothing() {
		MintBatch batch = aMintedBatch();

		assertRefused(() -> this.registrations.register(batch.id(), "  ", "a"), "INVALID_REGISTRATION_IDENTIFIER",
				"is required");
		assertRefused(() -> this.registrations.register(batch.id(), "x".repeat(201), "a"),
				"INVALID_REGISTRATION_IDENTIFIER", "at most 200 characters");
		assertRefused(() -> this.registrations.register(batch.id(), "REG\u0000", "a"),
				"INVALID_REGISTRATION_IDENTIFIER", "control characters");
		assertRefused(() -> this.registrations.register(batch.id(), "REG\n1", "a"), "INVALID_REGISTRATION_IDENTIFIER",
				"control characters");
		assertRefused(() -> this.registrations.reject(batch.id(), null, "a"), "INVALID_REASON", "is required");
		assertRefused(() -> this.registrations.register(batch.id(), "REG-1", "a"), "NOT_SUBMITTED", "not submitted");
		assertRefused(() -> this.registrations.reject(batch.id(), "no", "a"), "NOT_SUBMITTED", "not submitted");

		assertThat(rows(batch)).isZero();
		assertThat(auditActions(batch)).isEmpty();
	}

	@Test
	void refusesABatchThatIsNotMinted() {
		Product product = this.fixtures.aGs1Product().create();
		MintBatch queued = this.fixtures.aQueuedBatch(Fixtures.aMintRequest(product).build());

		assertRefused(() -> this.registrations.submit(queued.id(), SHA, "a"), "BATCH_NOT_MINTED",
				"only a minted batch");
		assertThat(rows(queued)).isZero();
		assertThat(auditActions(queued)).isEmpty();
	}

	@Test
	void keepsARegistrationIdentifierToOneBatchOfTheBrand() {
		Product product = this.fixtures.aGs1Product().create();
		MintBatch first = this.fixtures.aMintedBatch(product).quantity(2).create();
		MintBatch second = this.fixtures.aMintedBatch(product).quantity(2).create();
		MintBatch otherBrand = aMintedBatch();
		for (MintBatch batch : List.of(first, second, otherBrand)) {
			this.registrations.submit(batch.id(), SHA, "a");
		}
		this.registrations.register(first.id(), "REG-SHARED", "a");

		assertRefused(() -> this.registrations.register(second.id(), "REG-SHARED", "a"),
				"REGISTRATION_IDENTIFIER_IN_USE", "batch " + first.id());
		assertThat(this.registrations.find(second.id(), second.brandId()).state()).isEqualTo(RegistryState.SUBMITTED);
		assertThat(this.registrations.register(otherBrand.id(), "REG-SHARED", "a").state())
			.as("another brand's registry identifiers are its own")
			.isEqualTo(RegistryState.REGISTERED);
	}

	private MintBatch aMintedBatch() {
		return this.fixtures.aMintedBatch(this.fixtures.aGs1Product().create()).quantity(3).create();
	}

	private void assertRefused(Runnable change, String code, String message) {
		assertThatExceptionOfType(RegistryException.class).isThrownBy(change::run)
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(code))
			.withMessageContaining(message);
	}

	private long rows(MintBatch batch) {
		return this.jdbc.sql("select count(*) from registry_registrations where batch_id = ?")
			.param(batch.id())
			.query(Long.class)
			.single();
	}

	private List<String> auditActions(MintBatch batch) {
		return this.jdbc.sql("""
				select action from audit_events
				where entity_type = 'batch' and entity_id = ? and action like 'registry%' order by id""")
			.param(Long.toString(batch.id()))
			.query(String.class)
			.list();
	}

}
