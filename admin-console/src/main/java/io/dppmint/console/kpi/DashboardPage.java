package io.dppmint.console.kpi;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import io.dppmint.console.scans.ScanStatistics;
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
 * asking. Each tab's content is served by its own feature and loaded into the page. Below
 * the cards, the scan statistics of the last 7, 30, 90 or 365 days, from the daily
 * roll-ups (their range switches through htmx without reloading the page).
 */
@ConsolePage
class DashboardPage {

	static final Set<String> TABS = Set.of("batches", "tokens", "exports", "activity");

	static final List<Integer> SCAN_RANGES = List.of(7, 30, 90, 365);

	private final KpiController kpis;

	private final JdbcMintBatchRepository batches;

	private final ScanStatistics scans;

	DashboardPage(KpiController kpis, JdbcMintBatchRepository batches, ScanStatistics scans) {
		this.kpis = kpis;
		this.batches = batches;
		this.scans = scans;
	}

	@GetMapping("/mint")
	String dashboard(Caller caller, @RequestParam(defaultValue = "batches") String tab,
			@RequestParam(defaultValue = "30") String days, Model model) {
		model.addAttribute("tab", TABS.contains(tab) ? tab : "batches");
		cards(caller, model);
		addScans(caller, days, model);
		return "mint/dashboard";
	}

	@GetMapping("/mint/scans")
	String scans(Caller caller, @RequestParam(defaultValue = "30") String days, Model model) {
		addScans(caller, days, model);
		return "mint/dashboard :: scans";
	}

	private void addScans(Caller caller, String days, Model model) {
		int range = SCAN_RANGES.stream().filter((r) -> r.toString().equals(days)).findFirst().orElse(30);
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		model.addAttribute("scanRanges", SCAN_RANGES);
		model.addAttribute("scanDays", range);
		model.addAttribute("scans", this.scans.of(caller.scope(), today.minusDays(range - 1), today));
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
