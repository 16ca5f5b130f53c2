package io.dppmint.benchmarks.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RunsTests {

	@Test
	void reportsTheMedianOfTheRunsRatiosWhichOneSlowRunCannotMove() {
		Runs runs = new Runs(5);
		runs.add(2.0, 2.0);
		runs.add(2.0, 2.2);
		runs.add(1.0, 3.0);
		runs.add(2.0, 1.8);
		runs.add(2.5, 2.5);

		assertThat(runs.ratiosLine()).isEqualTo("1.00 1.10 3.00 0.90 1.00");
		assertThat(runs.medianRatio()).isEqualTo(1.0);
		assertThat(runs.medianOurs()).isEqualTo(2.2);
		assertThat(runs.medianBaseline()).isEqualTo(2.0);
	}

	@Test
	void takesTheMeanOfTheMiddleTwoOfAnEvenCount() {
		Runs runs = new Runs(2);
		runs.add(1.0, 1.0);
		runs.add(1.0, 2.0);

		assertThat(runs.medianRatio()).isEqualTo(1.5);
	}

	@Test
	void refusesARunCountOutsideOneToFifty() {
		assertThat(Runs.checked(5)).isEqualTo(5);
		assertThatIllegalArgumentException().isThrownBy(() -> Runs.checked(0)).withMessage("--runs must be 1..50");
		assertThatIllegalArgumentException().isThrownBy(() -> Runs.checked(51));
	}

}
