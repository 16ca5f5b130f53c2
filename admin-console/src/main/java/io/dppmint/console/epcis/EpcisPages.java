package io.dppmint.console.epcis;

import io.dppmint.console.api.ApiException;
import io.dppmint.console.security.Caller;
import io.dppmint.console.web.ConsolePage;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The EPCIS card of the batch page: the batch's events, a link to them in the EPCIS query
 * interface, whether its brand's repository has captured them, and (for writers) the
 * brand's capture URL and a "Retry push" action. Its actions live under {@code /mint/},
 * where only roles that may write can post.
 */
@ConsolePage
class EpcisPages {

	private final EpcisCapture capture;

	EpcisPages(EpcisCapture capture) {
		this.capture = capture;
	}

	@GetMapping("/mint/batch/{id}/epcis")
	String batch(Caller caller, @PathVariable long id, Model model) {
		model.addAttribute("state", this.capture.ofBatch(caller, id));
		return "mint/epcis :: epcis";
	}

	@PostMapping("/mint/epcis/capture-target")
	String saveTarget(Caller caller, @RequestParam long batchId, @RequestParam String captureUrl, Model model) {
		EpcisCapture.BatchState state = this.capture.ofBatch(caller, batchId);
		try {
			this.capture.save(caller, state.batch().brandId(), captureUrl, true);
			model.addAttribute("notice", "Capture target saved: new events are pushed within seconds.");
		}
		catch (ApiException ex) {
			model.addAttribute("problem", ex.errors().isEmpty() ? ex.getMessage() : ex.errors().getFirst().message());
			model.addAttribute("captureUrl", captureUrl);
		}
		return batch(caller, batchId, model);
	}

	@PostMapping("/mint/epcis/retry")
	String retry(Caller caller, @RequestParam long batchId, Model model) {
		EpcisCapture.BatchState state = this.capture.ofBatch(caller, batchId);
		this.capture.retry(caller, state.batch().brandId());
		model.addAttribute("notice", "Pushing again now.");
		return batch(caller, batchId, model);
	}

}
