package io.dppmint.systemtests;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PromQlTests {

	@Test
	void findsTheMetricsOfAnAggregatedRateWithLabelsAndRanges() {
		assertThat(PromQl.metricNames(
				"sum by (outcome) (rate(dpp_resolver_resolutions_total{outcome=~\"error|not_found\", x='a{b}'}[5m]))"))
			.containsExactly("dpp_resolver_resolutions_total");
	}

	@Test
	void findsBothSidesOfABinaryOperationAndIgnoresKeywordsAndNumbers() {
		assertThat(PromQl.metricNames("sum(max by (status) (a_gauge{status=~\"queued\"})) > 0 and on () "
				+ "sum(rate(b_total[10m] offset 1h)) == 0 or vector(1e3) unless c:recorded / 60"))
			.containsExactly("a_gauge", "b_total", "c:recorded");
	}

	@Test
	void findsTheLabelsMatchedAndGroupedBy() {
		assertThat(PromQl.labelNames(
				"sum by (a, b) (rate(m_total{c=~\"x|y\", d!=\"a,b=\"}[5m])) " + "/ on (e) group_left () n{f=\"1\"}"))
			.containsExactly("a", "b", "c", "d", "e", "f");
	}

	@Test
	void findsAMetricThatIsOnlyASelector() {
		assertThat(PromQl.metricNames("up{job=~\"dpp-.*\"} == 0")).containsExactly("up");
		assertThat(PromQl.metricNames("histogram_quantile(0.99, sum by (le) (rate(x_bucket[1m:10s])))"))
			.containsExactly("x_bucket");
	}

}
