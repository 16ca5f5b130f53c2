package io.dppmint.console.security;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import io.dppmint.core.catalog.JdbcBrandRepository;
import io.dppmint.core.demo.DemoData;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Makes a fresh install reachable without any fixed password: when no operator exists,
 * creates the operator {@code admin} with a random password and prints it once, on
 * standard output (never through the logging system), or, when
 * {@code dpp.console.initial-credentials-file} is set (as {@code ./dpp up} does, whose
 * output goes to a log), into that owner-only file for the launcher to show and delete;
 * only its hash is stored. With {@code dpp.demo=true} it also creates demo users (an
 * owner and an approver per demo brand, a viewer), each with a random password printed
 * the same way.
 */
final class InitialAdmin implements ApplicationRunner {

	private static final SecureRandom random = new SecureRandom();

	private final JdbcConsoleUsers users;

	private final PasswordEncoder passwordEncoder;

	private final ObjectProvider<DemoData> demoData;

	private final JdbcBrandRepository brands;

	private final boolean demo;

	private final PrintStream out;

	private final Path credentialsFile;

	InitialAdmin(JdbcConsoleUsers users, PasswordEncoder passwordEncoder, ObjectProvider<DemoData> demoData,
			JdbcBrandRepository brands, boolean demo, PrintStream out, Path credentialsFile) {
		this.users = users;
		this.passwordEncoder = passwordEncoder;
		this.demoData = demoData;
		this.brands = brands;
		this.demo = demo;
		this.out = out;
		this.credentialsFile = credentialsFile;
	}

	@Override
	public void run(ApplicationArguments args) {
		List<String> created = new ArrayList<>();
		if (!this.users.anyOperator()) {
			create("admin", Role.OPERATOR, null, created);
		}
		if (this.demo) {
			// The catalogue first (idempotent), so that the brand users have their
			// brands.
			this.demoData.ifAvailable(DemoData::load);
			this.brands.findByCode(DemoData.GS1_BRAND_CODE).ifPresent((brand) -> {
				create("acme-owner", Role.BRAND_OWNER, brand.id(), created);
				create("acme-approver", Role.COMPLIANCE_APPROVER, brand.id(), created);
			});
			this.brands.findByCode(DemoData.NON_GS1_BRAND_CODE)
				.ifPresent((brand) -> create("nordic-owner", Role.BRAND_OWNER, brand.id(), created));
			create("viewer", Role.VIEWER, null, created);
		}
		if (!created.isEmpty()) {
			StringBuilder banner = new StringBuilder("\n=== DPP Mint console: new users (shown only this once) ===\n");
			created.forEach((line) -> banner.append("  ").append(line).append('\n'));
			banner.append("============================================================\n");
			if (this.credentialsFile != null) {
				write(this.credentialsFile, banner.toString());
			}
			else {
				this.out.print(banner);
				this.out.flush();
			}
		}
	}

	private void create(String username, Role role, Long brandId, List<String> created) {
		String password = password();
		if (this.users.createIfAbsent(username, this.passwordEncoder.encode(password), role, brandId)) {
			created.add(username + " / " + password + "  (" + role.dbValue() + ")");
		}
	}

	/**
	 * Hand the credentials to a launcher that shows them once (./dpp up) through an
	 * owner-only file, since its standard output goes to a log file.
	 */
	private static void write(Path file, String text) {
		try {
			Files.createDirectories(file.toAbsolutePath().getParent());
			Files.deleteIfExists(file);
			Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			Files.writeString(file, text, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write the initial credentials to " + file, ex);
		}
	}

	private static String password() {
		byte[] bytes = new byte[18];
		random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
