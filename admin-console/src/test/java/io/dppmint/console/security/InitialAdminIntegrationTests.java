package io.dppmint.console.security;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.dppmint.core.catalog.JdbcBrandRepository;
import io.dppmint.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "dpp.console.registration-password=test-registration-password")
class InitialAdminIntegrationTests {

	@Autowired
	JdbcConsoleUsers users;

	@Autowired
	PasswordEncoder passwordEncoder;

	@Autowired
	JdbcBrandRepository brands;

	/**
	 * The database as an operator at a SQL prompt sees it (the console may not delete
	 * users).
	 */
	final JdbcClient jdbc = JdbcClient.create(TestPostgres.get().dataSource());

	@Test
	void writesGeneratedPasswordsOnceToAnOwnerOnlyFileAndNeverToStandardOutput(@TempDir Path directory)
			throws Exception {
		this.jdbc.sql("delete from console_users where username = 'viewer'").update();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		Path file = directory.resolve("home/secrets/initial-credentials.txt");
		InitialAdmin demo = new InitialAdmin(this.users, this.passwordEncoder, this.brands, true,
				new PrintStream(out, true, StandardCharsets.UTF_8), file, null);

		demo.run(null);
		String written = Files.readString(file);
		String printed = out.toString(StandardCharsets.UTF_8);
		Files.delete(file);
		out.reset();
		demo.run(null);

		Matcher viewer = Pattern.compile("viewer / (\\S+)").matcher(written);
		assertThat(viewer.find()).as(written).isTrue();
		assertThat(printed).contains(file.toString()).doesNotContain(viewer.group(1)).doesNotContain("viewer /");
		String hash = this.jdbc.sql("select password_hash from console_users where username = 'viewer'")
			.query(String.class)
			.single();
		assertThat(hash).doesNotContain(viewer.group(1));
		assertThat(this.passwordEncoder.matches(viewer.group(1), hash)).isTrue();
		assertThat(file).as("shown only once").doesNotExist();
		assertThat(out.size()).isZero();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.resolve("home/secrets"))))
			.isEqualTo("rwx------");
	}

	@Test
	void givesTheFirstOperatorTheConfiguredPasswordAndWritesNoPasswordAnywhere(@TempDir Path directory) {
		JdbcClient fresh = JdbcClient.create(TestPostgres.get().freshSchema().dataSource());
		JdbcConsoleUsers noOperatorYet = new JdbcConsoleUsers(fresh);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		Path file = directory.resolve("initial-credentials.txt");

		new InitialAdmin(noOperatorYet, this.passwordEncoder, this.brands, false,
				new PrintStream(out, true, StandardCharsets.UTF_8), file, "from-a-kubernetes-secret")
			.run(null);

		String hash = fresh
			.sql("select password_hash from console_users where username = 'admin' and role = 'operator'")
			.query(String.class)
			.single();
		assertThat(this.passwordEncoder.matches("from-a-kubernetes-secret", hash)).isTrue();
		assertThat(file).doesNotExist();
		assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("from-a-kubernetes-secret");
	}

	@Test
	void refusesAConfiguredPasswordShorterThanTwelveCharacters() {
		assertThatIllegalStateException()
			.isThrownBy(() -> new InitialAdmin(this.users, this.passwordEncoder, this.brands, false, System.out,
					Path.of("unused"), "short"))
			.withMessageContaining("at least 12 characters");
	}

	@Test
	void createsNoDemoUsersWithoutDemo() {
		assertThat(this.jdbc.sql("select count(*) from console_users where username in ('acme-owner', 'nordic-owner')")
			.query(Long.class)
			.single()).isZero();
		assertThat(this.users.anyOperator()).isTrue();
	}

}
