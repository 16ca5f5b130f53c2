package io.dppmint.core.secrets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import io.dppmint.testsupport.TestSecrets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class PlatformSecretsTests {

	@TempDir
	Path home;

	@Test
	void generatesADevelopmentKeyOnlyWhenItIsFirstAskedFor() throws IOException {
		PlatformSecrets secrets = PlatformSecrets.resolve(new SecretsProperties(null, null, null, null, null, null),
				this.home);

		assertThat(this.home.resolve("secrets")).doesNotExist();
		byte[] identifierKey = secrets.identifierKey();

		assertThat(identifierKey).hasSize(32);
		assertThat(this.home.resolve("secrets/identifier-key")).exists();
		assertThat(this.home.resolve("secrets/download-signing-key")).doesNotExist();
		assertThat(this.home.resolve("secrets/audit-key")).doesNotExist();
		assertThat(PlatformSecrets.resolve(new SecretsProperties(null, null, null, null, null, null), this.home)
			.identifierKey()).isEqualTo(identifierKey);
	}

	@Test
	void keepsDevelopmentSecretsOwnerOnly() throws IOException {
		PlatformSecrets secrets = PlatformSecrets.resolve(new SecretsProperties(null, null, null, null, null, null),
				this.home);

		secrets.auditKey();

		assertThat(permissions(this.home.resolve("secrets"))).isEqualTo("rwx------");
		assertThat(permissions(this.home.resolve("secrets/audit-key"))).isEqualTo("rw-------");
	}

	@Test
	void needsOnlyTheKeysAnAppAsksForWhenTheyMustBeConfigured() {
		PlatformSecrets resolver = PlatformSecrets
			.resolve(new SecretsProperties(TestSecrets.IDENTIFIER_KEY, null, null, null, null, null), null);

		assertThat(resolver.identifierKey()).isEqualTo(Base64.getDecoder().decode(TestSecrets.IDENTIFIER_KEY));
		assertThatIllegalStateException().isThrownBy(resolver::downloadSigningKey)
			.withMessageContaining("DPP_SECRETS_DOWNLOAD_SIGNING_KEY");
		assertThatIllegalStateException().isThrownBy(resolver::auditKey).withMessageContaining("DPP_SECRETS_AUDIT_KEY");
	}

	@Test
	void readsRetiredAuditKeysOldestFirstAndNamesOneThatIsNotAKey() {
		String older = Base64.getEncoder().encodeToString(new byte[32]);
		String old = TestSecrets.AUDIT_KEY;

		PlatformSecrets rotated = PlatformSecrets
			.resolve(new SecretsProperties(null, null, TestSecrets.AUDIT_KEY, older + ", " + old, null, null), null);
		PlatformSecrets never = PlatformSecrets.resolve(new SecretsProperties(null, null, null, null, null, null),
				this.home);
		PlatformSecrets broken = PlatformSecrets
			.resolve(new SecretsProperties(null, null, TestSecrets.AUDIT_KEY, older + ",c2hvcnQ=", null, null), null);

		assertThat(rotated.retiredAuditKeys()).containsExactly(new byte[32], Base64.getDecoder().decode(old));
		assertThat(never.retiredAuditKeys()).isEmpty();
		assertThat(this.home.resolve("secrets")).as("retired keys are never generated").doesNotExist();
		assertThatIllegalStateException().isThrownBy(broken::retiredAuditKeys)
			.withMessageContaining("retired audit key 2 must be 32 bytes");
	}

	private static String permissions(Path path) throws IOException {
		return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
	}

}
