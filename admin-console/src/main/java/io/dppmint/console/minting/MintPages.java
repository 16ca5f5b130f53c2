package io.dppmint.console.minting;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.dppmint.console.api.ApiException;
import io.dppmint.console.api.Cursors;
import io.dppmint.console.security.Caller;
import io.dppmint.console.web.ConsolePage;
import io.dppmint.console.web.Htmx;
import io.dppmint.core.catalog.JdbcProductRepository;
import io.dppmint.core.catalog.JdbcProductionRunRepository;
import io.dppmint.core.catalog.Product;
import io.dppmint.core.digsig.BrandKeys;
import io.dppmint.core.minting.Carrier;
import io.dppmint.core.minting.JdbcMintBatchRepository;
import io.dppmint.core.minting.MintBatch;
import io.dppmint.core.minting.MintBatchStatus;
import io.dppmint.core.nfc.JdbcNfcTagCounters;
import io.dppmint.core.registry.JdbcRegistryRegistrations;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The Batches tab of the dashboard (with each batch's EU DPP registry state) and the
 * batch page ({@code /mint/batch/{id}}): status, progress (refreshed while the batch is
 * queued or processing), modes, signature key, carrier (with an NFC batch's tap totals),
 * lots; the batch page loads its tokens and exports from the token and export features.
 */
@ConsolePage
class MintPages {

	private static final int PAGE_SIZE = 25;

	private final JdbcMintBatchRepository batches;

	private final JdbcProductRepository products;

	private final JdbcProductionRunRepository productionRuns;

	private final JdbcNfcTagCounters tapCounters;

	private final ObjectProvider<BrandKeys> brandKeys;

	private final JdbcRegistryRegistrations registrations;

	MintPages(JdbcMintBatchRepository batches, JdbcProductRepository products,
			JdbcProductionRunRepository productionRuns, JdbcClient jdbc, ObjectProvider<BrandKeys> brandKeys,
			JdbcRegistryRegistrations registrations) {
		this.batches = batches;
		this.registrations = registrations;
		this.products = products;
		this.productionRuns = productionRuns;
		this.tapCounters = new JdbcNfcTagCounters(jdbc);
		this.brandKeys = brandKeys;
	}

	@GetMapping("/mint/tabs/batches")
	String batches(Caller caller, @RequestParam(required = false) String cursor, Model model) {
		List<MintBatch> page = this.batches.page(caller.scope(), null, Cursors.key(cursor), PAGE_SIZE + 1);
		List<MintBatch> shown = page.stream().limit(PAGE_SIZE).toList();
		model.addAttribute("batches", shown);
		model.addAttribute("products", productsOf(shown));
		model.addAttribute("registryStates", this.registrations.states(shown.stream().map(MintBatch::id).toList()));
		model.addAttribute("next", (page.size() > PAGE_SIZE) ? Cursors.of(shown.getLast().id()) : null);
		// The first page follows its batches' progress while any of them is unfinished.
		model.addAttribute("refresh", cursor == null && shown.stream().anyMatch(MintPages::inProgress));
		return "mint/batches :: batches";
	}

	@GetMapping("/mint/batch/{id}")
	String batch(Caller caller, @PathVariable long id, Model model) {
		MintBatch batch = find(caller, id);
		model.addAttribute("batch", batch);
		model.addAttribute("refresh", inProgress(batch));
		model.addAttribute("product", this.products.findById(batch.productId()).orElseThrow());
		model.addAttribute("productionRun", (batch.productionRunId() != null)
				? this.productionRuns.findById(batch.productionRunId()).orElse(null) : null);
		model.addAttribute("lots", this.batches.lots(batch.id()));
		model.addAttribute("signingKid", signingKid(batch));
		model.addAttribute("nfcTaps", (batch.carrier() == Carrier.NFC)
				? this.tapCounters.totals(batch.firstTokenId(), batch.quantity()) : null);
		return "mint/batch";
	}

	/**
	 * The progress card, which asks for itself while the batch is minting. Once it is
	 * done, the whole page loads again: its token list and export action were rendered
	 * while there was nothing to list or export.
	 */
	@GetMapping("/mint/batch/{id}/progress")
	String progress(Caller caller, @PathVariable long id, HttpServletResponse response, Model model) {
		MintBatch batch = find(caller, id);
		model.addAttribute("batch", batch);
		model.addAttribute("refresh", inProgress(batch));
		if (!inProgress(batch)) {
			Htmx.redirect(response, "/mint/batch/" + batch.id());
		}
		return "mint/batch :: progress";
	}

	private MintBatch find(Caller caller, long id) {
		return this.batches.find(caller.scope(), id)
			.orElseThrow(() -> ApiException.notFound("There is no batch " + id));
	}

	/**
	 * The kid of the key a signed batch's units are signed with, as the brand's JWKS
	 * publishes it ({@code "{gs1CompanyPrefix}:{keyNumber}"}), so a verifier's report can
	 * be matched to the batch; {@code null} for an unsigned batch.
	 */
	private String signingKid(MintBatch batch) {
		if (!batch.signed()) {
			return null;
		}
		BrandKeys keys = this.brandKeys.getIfAvailable();
		return (keys != null) ? keys.find(batch.signingKeyId()).map(BrandKeys.BrandKey::kid).orElse(null) : null;
	}

	private static boolean inProgress(MintBatch batch) {
		return batch.status() == MintBatchStatus.QUEUED || batch.status() == MintBatchStatus.PROCESSING;
	}

	/** The products of a page of batches (a page has at most a few dozen). */
	private Map<Long, Product> productsOf(List<MintBatch> batches) {
		return batches.stream()
			.map(MintBatch::productId)
			.distinct()
			.map((productId) -> this.products.findById(productId).orElseThrow())
			.collect(Collectors.toMap(Product::id, Function.identity()));
	}

}
