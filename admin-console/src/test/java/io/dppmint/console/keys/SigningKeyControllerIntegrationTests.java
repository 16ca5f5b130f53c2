package io.dppmint.console.keys;

import java.time.Duration;

import io.dppmint.console.api.ApiException;
import io.dppmint.console.security.Caller;
import io.dppmint.console.security.Role;
import io.dppmint.core.audit.AuditLog;
import io.dppmint.core.catalog.Brand;
import io.dppmint.core.catalog.JdbcBrandRepository;
import io.dppmint.core.digsig.BrandKeys;
import io.dppmint.core.fixtures.Fixtures;
import io.dppmint.core.secrets.KeyWrapping;
import io.dppmint.core.secrets.PlatformSecrets;
import io.dppmint.core.secrets.SecretsProperties;
import io.dppmint.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The signing-key operations of a console that was not given the signing KEK, as with an
 * external database and no {@code DPP_SECRETS_SIGNING_KEK}: the controller wired by hand
 * on the test PostgreSQL, since every Spring test context gets the tests' KEK.
 */
class SigningKeyControllerIntegrationTests {

	private final Fixtures fixtures = Fixtures.onTestPostgres();

	private final JdbcClient jdbc = this.fixtures.jdbc();

	/**
	 * Keys as a console without the KEK sees them: no development home to make one in.
	 */
	private final PlatformSecrets noKek = PlatformSecrets
		.resolve(new SecretsProperties(null, null, null, null, null, null), null);

	private final SigningKeyController controller = new SigningKeyController(
			new BrandKeys(this.jdbc, KeyWrapping.underSigningKek(this.noKek::signingKek), Duration.ofHours(24)),
			this.noKek, new JdbcBrandRepository(this.jdbc), new AuditLog(this.jdbc),
			new TransactionTemplate(new DataSourceTransactionManager(TestPostgres.get().dataSource())));

	@Test
	void withoutTheSigningKekARotationIsRefusedWith503AndWritesNothing() {
		Brand brand = this.fixtures.aGs1Brand().create();
		Caller owner = new Caller("owner", Role.BRAND_OWNER, brand.id());

		assertThatExceptionOfType(ApiException.class).isThrownBy(() -> this.controller.rotate(owner, brand.id(), null))
			.satisfies((ex) -> {
				assertThat(ex.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
				assertThat(ex.type()).isEqualTo("signing-kek-missing");
				assertThat(ex.getMessage()).contains("DPP_SECRETS_SIGNING_KEK");
			});
		assertThat(count("select count(*) from brand_keys where brand_id = ?", brand.id())).isZero();
		assertThat(count("select count(*) from audit_events where brand_id = ?", brand.id())).isZero();
	}

	@Test
	void withoutTheSigningKekAKeyCanStillBeListedAndRevoked() {
		Brand brand = this.fixtures.aGs1Brand().create();
		this.fixtures.brandKeys().signingKeyFor(brand.id());
		Caller owner = new Caller("owner", Role.BRAND_OWNER, brand.id());

		assertThat(this.controller.keys(owner, brand.id())).extracting(SigningKeyController.SigningKeyView::state)
			.containsExactly("active");
		assertThat(this.controller.revoke(owner, brand.id(), 1).state()).isEqualTo("revoked");
		assertThat(count("select count(*) from audit_events where brand_id = ? and action = 'revoked'", brand.id()))
			.isOne();
	}

	private long count(String sql, Object... params) {
		var spec = this.jdbc.sql(sql);
		for (int i = 0; i < params.length; i++) {
			spec = spec.param(i + 1, params[i]);
		}
		return spec.query(Long.class).single();
	}

}
