package io.dppmint.console.security;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import io.dppmint.core.catalog.JdbcBrandRepository;
import io.dppmint.core.demo.DemoData;
import io.dppmint.core.files.OwnerOnlyFiles;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Makes a fresh install reachable without any fixed password: when no operator exists,
 * creates the operator {@code admin}, with the password configured in
 * {@code dpp.console.initial-admin-password} (in a cluster, from a Kubernetes Secret the
 * operator made) or else a random one. With {@code dpp.demo=true} it also creates demo
 * users (an owner and an approver per demo brand, a viewer), each with a random password;
 * the demo brands themselves are loaded by mint-jobs, which migrates and starts first.
 * <p>
 * A generated password is never printed or logged (standard output is a pod's log, or a
 * log file under {@code ./dpp up}): it is written to an owner-only file,
 * {@code dpp.console.initial-credentials-file} or else
 * {@code <DPP_HOME>/secrets/initial-credentials.txt}, for the operator (or
 * {@code ./dpp up}) to read once and delete; standard output only says where it is. Only
 * bcrypt hashes are stored.
 */
final class InitialAdmin implements ApplicationRunner {

	/**
	 * The shortest initial administrator password that is accepted from configuration.
	 */
	static final int MIN_CONFIGURED_PASSWORD_LENGTH = 12;

	private static final SecureRandom random = new SecureRandom();

	private final JdbcConsoleUsers users;

	private final PasswordEncoder passwordEncoder;

	private final JdbcBrandRepository brands;

	private final boolean demo;

	private final PrintStream out;

	private final Path credentialsFile;

	private final String adminPassword;

	InitialAdmin(JdbcConsoleUsers users, PasswordEncoder passwordEncoder, JdbcBrandRepository brands, boolean demo,
			PrintStream out, Path credentialsFile, String adminPassword) {
		if (adminPassword != null && adminPassword.length() < MIN_CONFIGURED_PASSWORD_LENGTH) {
			throw new IllegalStateException("dpp.console.initial-admin-password must have at least "
					+ MIN_CONFIGURED_PASSWORD_LENGTH + " characters");
		}
		this.users = users;
		this.passwordEncoder = passwordEncoder;
		this.brands = brands;
		this.demo = demo;
		this.out = out;
		this.credentialsFile = credentialsFile;
		this.adminPassword = adminPassword;
	}

	@Override
	public void run(ApplicationArguments args) {
		List<String> created = new ArrayList<>();
		if (!this.users.anyOperator()) {
			if (this.adminPassword != null) {
				if (this.users.createIfAbsent("admin", this.passwordEncoder.encode(this.adminPassword), Role.OPERATOR,
						null)) {
					this.out.println("DPP Mint console: created the operator admin with the configured initial"
							+ " password (dpp.console.initial-admin-password)");
				}
			}
			else {
				create("admin", Role.OPERATOR, null, created);
			}
		}
		if (this.demo) {
			// The demo catalogue is loaded by the migrating app (mint-jobs), which starts
			// first: the console's own role may not create brands.
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
			write(this.credentialsFile, banner.toString());
			this.out.println("DPP Mint console: the passwords of " + created.size() + " new user(s) are in "
					+ this.credentialsFile.toAbsolutePath() + " (readable by this user only): read it, then delete it");
			this.out.flush();
		}
	}

	private void create(String username, Role role, Long brandId, List<String> created) {
		String password = password();
		if (this.users.createIfAbsent(username, this.passwordEncoder.encode(password), role, brandId)) {
			created.add(username + " / " + password + "  (" + role.dbValue() + ")");
		}
	}

	/**
	 * Hand the credentials over through an owner-only file, written whole (a reader never
	 * sees part of it).
	 */
	private static void write(Path file, String text) {
		try {
			OwnerOnlyFiles.writeAtomically(file, text.getBytes(StandardCharsets.UTF_8));
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
