package io.dppmint.benchmarks;

import io.dppmint.testsupport.ArchitectureRules;
import org.junit.jupiter.api.Test;

/**
 * The benchmarks measure the apps from outside: they never use an app's classes, only
 * dpp-core and the platform launcher.
 */
class ArchitectureTests {

	@Test
	void benchmarksKeepTheModuleBoundaries() {
		ArchitectureRules.verify("io.dppmint.benchmarks");
	}

}
