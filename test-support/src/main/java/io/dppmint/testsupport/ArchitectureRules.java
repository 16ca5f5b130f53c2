package io.dppmint.testsupport;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The module boundaries every DPP Mint module keeps (STYLE.md "Layout"): apps never
 * depend on each other, and the core depends on no app and not on the job toolkit that
 * the job apps share; packages are by feature, never by layer; features within a module
 * do not form cycles. Each module's {@code ArchitectureTests} applies them to its own
 * root package.
 */
public final class ArchitectureRules {

	private static final List<String> APP_PACKAGES = List.of("io.dppmint.mint", "io.dppmint.export",
			"io.dppmint.resolver", "io.dppmint.console");

	/** The job toolkit: a library of the job apps, which the core must not know. */
	private static final String JOB_TOOLKIT = "io.dppmint.jobs";

	private ArchitectureRules() {
	}

	/**
	 * Check the production classes of one module.
	 * @param rootPackage the module's root package, e.g. {@code io.dppmint.mint}
	 */
	public static void verify(String rootPackage) {
		JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages(rootPackage);
		String[] others = APP_PACKAGES.stream()
			.filter((app) -> !app.equals(rootPackage))
			.map((app) -> app + "..")
			.toArray(String[]::new);
		if (rootPackage.equals("io.dppmint.core")) {
			others = Stream.concat(Arrays.stream(others), Stream.of(JOB_TOOLKIT + "..")).toArray(String[]::new);
		}
		ArchRule independent = noClasses().should()
			.dependOnClassesThat()
			.resideInAnyPackage(others)
			.because("apps talk only through PostgreSQL, and the core depends on no app");
		ArchRule byFeature = noClasses().should()
			.resideInAnyPackage("..controller..", "..service..", "..repository..", "..dto..", "..model..")
			.because("packages are by feature, never by layer");
		ArchRule acyclic = slices().matching(rootPackage + ".(*)..")
			.should()
			.beFreeOfCycles()
			.allowEmptyShould(true)
			.because("features depend on each other in one direction only");
		independent.check(classes);
		byFeature.check(classes);
		acyclic.check(classes);
		if (classes.isEmpty()) {
			throw new AssertionError("No classes found in " + rootPackage + ": the rules would check nothing");
		}
	}

}
