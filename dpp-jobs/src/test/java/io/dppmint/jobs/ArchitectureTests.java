package io.dppmint.jobs;

import io.dppmint.testsupport.ArchitectureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTests {

	@Test
	void keepsModuleBoundariesAndFeaturePackages() {
		ArchitectureRules.verify("io.dppmint.jobs");
	}

}
