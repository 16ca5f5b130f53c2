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
import io.dppmint.core.demo.DemoData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "dpp.console.registration-password=test-registration-password")
class InitialAdminIntegrationTests {

	@Autowired
	JdbcConsoleUsers users;

	@Autowired
	PasswordEncoder passwordEncoder;

	@Autowired
	ObjectProvider<DemoData> demoData;

	@Autowired
	JdbcBrandRepository brands;

	@Autowired
	JdbcClient jdbc;

	@Test
	void printsGeneratedPasswordsOnceAndStoresOnlyTheirHashes(@TempDir Path directory) throws Exception {
		this.jdbc.sql("delete from console_users where username = 'viewer'").update();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		InitialAdmin demo = new InitialAdmin(this.users, this.passwordEncoder, this.demoData, this.brands, true,
				new PrintStream(out, true, StandardCharsets.UTF_8), null);

		demo.run(null);
		String printed = out.toString(StandardCharsets.UTF_8);
		out.reset();
		demo.run(null);

		Matcher viewer = Pattern.compile("viewer / (\\S+)").matcher(printed);
		assertThat(viewer.find()).as(printed).isTrue();
		String hash = this.jdbc.sql("select password_hash from console_users where username = 'viewer'")
			.query(String.class)
			.single();
		assertThat(hash).doesNotContain(viewer.group(1));
		assertThat(this.passwordEncoder.matches(viewer.group(1), hash)).isTrue();
		assertThat(out.size()).as("shown only once").isZero();

		this.jdbc.sql("delete from console_users where username = 'viewer'").update();
		Path file = directory.resolve("secrets/initial-credentials.txt");
		new InitialAdmin(this.users, this.passwordEncoder, this.demoData, this.brands, true,
				new PrintStream(out, true, StandardCharsets.UTF_8), file)
			.run(null);
		assertThat(out.size()).isZero();
		assertThat(Files.readString(file)).contains("viewer / ");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
	}

	@Test
	void createsNoDemoUsersWithoutDemo() {
		assertThat(this.jdbc.sql("select count(*) from console_users where username in ('acme-owner', 'nordic-owner')")
			.query(Long.class)
			.single()).isZero();
		assertThat(this.users.anyOperator()).isTrue();
	}

}
