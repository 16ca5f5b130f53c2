package io.dppmint.console.kpi;

import java.util.List;

import io.dppmint.console.security.Caller;
import io.dppmint.core.kpi.JdbcBrandCounters;
import io.dppmint.core.kpi.JdbcBrandCounters.BrandKpis;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The dashboard's four KPIs, read from the maintained counters (never {@code COUNT(*)}).
 */
@RestController
@Tag(name = "KPIs", description = "Dashboard counters")
class KpiController {

	private final JdbcBrandCounters counters;

	KpiController(JdbcBrandCounters counters) {
		this.counters = counters;
	}

	@GetMapping("/api/v1/kpis")
	@Operation(summary = "Total tokens minted, active tokens, batches created, exports completed")
	BrandKpis kpis(Caller caller) {
		return this.counters.totals(caller.scope().allBrands() ? null : List.of(caller.scope().brandId()));
	}

}
