package io.dppmint.console.kpi;

import java.util.Set;

import io.dppmint.console.security.Caller;
import io.dppmint.console.web.ConsolePage;
import io.dppmint.core.minting.JdbcMintBatchRepository;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The Minting Dashboard ({@code /mint}): the four KPI cards and the four tabs. The cards
 * come from the maintained counters; while any batch in scope is queued or processing,
 * their fragment asks htmx to fetch it again every few seconds, and once none is it stops
 * asking. Each tab's content is served by its own feature and loaded into the page.
 */
@ConsolePage
class DashboardPage {

	static final Set<String> TABS = Set.of("batches", "tokens", "exports", "activity");

	private final KpiController kpis;

	private final JdbcMintBatchRepository batches;

	DashboardPage(KpiController kpis, JdbcMintBatchRepository batches) {
		this.kpis = kpis;
		this.batches = batches;
	}

	@GetMapping("/mint")
	String dashboard(Caller caller, @RequestParam(defaultValue = "batches") String tab, Model model) {
		model.addAttribute("tab", TABS.contains(tab) ? tab : "batches");
		cards(caller, model);
		return "mint/dashboard";
	}

	@GetMapping("/mint/kpis")
	String kpis(Caller caller, Model model) {
		cards(caller, model);
		return "mint/dashboard :: kpis";
	}

	private void cards(Caller caller, Model model) {
		model.addAttribute("kpis", this.kpis.kpis(caller));
		model.addAttribute("inProgress", this.batches.anyUnfinished(caller.scope()));
	}

}
