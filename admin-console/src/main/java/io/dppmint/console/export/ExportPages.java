package io.dppmint.console.export;

import java.util.List;

import io.dppmint.console.api.ApiException;
import io.dppmint.console.api.Page;
import io.dppmint.console.export.ExportController.ExportRequest;
import io.dppmint.console.export.ExportController.ExportView;
import io.dppmint.console.security.Caller;
import io.dppmint.console.web.ConsolePage;

import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The Exports / Print Jobs tab (all exports in scope, or one batch's on its page): each
 * export's progress (refreshed while one is pending or running), its packs with freshly
 * signed download links (valid five minutes, served by export-jobs) and the manifest, and
 * the "Export / Download" action, which starts an export or resumes an interrupted one at
 * its first missing pack.
 */
@ConsolePage
class ExportPages {

	private static final int PAGE_SIZE = 20;

	private final ExportController exports;

	ExportPages(ExportController exports) {
		this.exports = exports;
	}

	@GetMapping("/mint/tabs/exports")
	String exports(Caller caller, @RequestParam(required = false) Long batchId,
			@RequestParam(required = false) String cursor, Model model) {
		Page<ExportView> page = this.exports.list(caller, batchId, cursor, PAGE_SIZE);
		// Unfinished exports are shown with their progress, which only the detail view
		// counts.
		List<ExportView> items = page.items()
			.stream()
			.map((export) -> export.status().equals("completed") ? export : this.exports.export(caller, export.id()))
			.toList();
		model.addAttribute("exports", items);
		model.addAttribute("next", page.next());
		model.addAttribute("batchId", batchId);
		model.addAttribute("running", items.stream()
			.anyMatch((export) -> export.status().equals("pending") || export.status().equals("running")));
		return "mint/exports :: exports";
	}

	@GetMapping("/mint/exports/{id}/packs")
	String packs(Caller caller, @PathVariable long id, Model model) {
		model.addAttribute("export", this.exports.export(caller, id));
		return "mint/exports :: packs";
	}

	@PostMapping("/mint/exports")
	String export(Caller caller, @RequestParam long batchId, @RequestParam(required = false) Boolean onBatchPage,
			Model model) {
		try {
			ExportView export = this.exports.request(caller, new ExportRequest(batchId)).getBody();
			model.addAttribute("notice",
					(export != null && export.status().equals("completed"))
							? "This batch is exported: download its packs below."
							: "Export queued: packs appear here as they are written.");
		}
		catch (ApiException ex) {
			if (ex.status() != HttpStatus.CONFLICT && ex.status() != HttpStatus.UNPROCESSABLE_CONTENT) {
				throw ex;
			}
			model.addAttribute("problem", ex.errors().isEmpty() ? ex.getMessage() : ex.errors().getFirst().message());
		}
		return exports(caller, Boolean.TRUE.equals(onBatchPage) ? batchId : null, null, model);
	}

}
