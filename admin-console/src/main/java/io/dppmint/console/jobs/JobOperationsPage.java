package io.dppmint.console.jobs;

import java.util.Locale;

import io.dppmint.console.api.ApiException;
import io.dppmint.console.security.Caller;
import io.dppmint.console.web.ConsolePage;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The job operations page for operators ({@code /jobs}, also linked from Spring Boot
 * Admin): mint and export executions with their progress and one button per operation
 * their state allows (stop, restart, abandon, recover), posting to the same operations as
 * the JSON API.
 */
@ConsolePage
class JobOperationsPage {

	private final JobOperationsController operations;

	JobOperationsPage(JobOperationsController operations) {
		this.operations = operations;
	}

	@GetMapping("/jobs")
	String page(@RequestParam(required = false) String cursor, Model model) {
		model.addAttribute("page", this.operations.list(null, null, cursor, 50));
		return "jobs";
	}

	@PostMapping("/jobs/{id}/{action}")
	String operate(Caller caller, @PathVariable long id, @PathVariable String action) {
		switch (action.toLowerCase(Locale.ROOT)) {
			case "stop" -> this.operations.stop(caller, id);
			case "abandon" -> this.operations.abandon(caller, id);
			case "recover" -> this.operations.recover(caller, id);
			case "restart" -> this.operations.restart(caller, id);
			default -> throw ApiException.notFound("There is no operation " + action);
		}
		return "redirect:/jobs";
	}

}
