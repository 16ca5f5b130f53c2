package io.dppmint.console.jobs;

import java.time.Instant;
import java.util.Locale;

import io.dppmint.console.api.ApiException;
import io.dppmint.console.api.Page;
import io.dppmint.console.jobs.JdbcJobExecutions.TimelineStep;
import io.dppmint.console.jobs.JobOperationsController.ExecutionView;
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

	private static final int TIMELINE_PAGE = 100;

	private final JobOperationsController operations;

	JobOperationsPage(JobOperationsController operations) {
		this.operations = operations;
	}

	@GetMapping("/jobs")
	String page(@RequestParam(required = false) String cursor, Model model) {
		model.addAttribute("page", this.operations.list(null, null, cursor, 50));
		return "jobs";
	}

	/**
	 * An execution's timeline: its steps and partitions on a time axis, which process ran
	 * each, chunks committed and rolled back, and a failed step's exception; refreshed
	 * every two seconds while the execution runs; keyset-paged by 100 partitions.
	 */
	@GetMapping("/jobs/{id}")
	String execution(@PathVariable long id, @RequestParam(required = false) String cursor, Model model) {
		timeline(id, cursor, model);
		return "job";
	}

	/** The timeline alone, as the page's refresh asks for it. */
	@GetMapping("/jobs/{id}/timeline")
	String timelineFragment(@PathVariable long id, @RequestParam(required = false) String cursor, Model model) {
		timeline(id, cursor, model);
		return "job :: timeline";
	}

	private void timeline(long id, String cursor, Model model) {
		ExecutionView execution = this.operations.summary(id);
		Page<TimelineStep> page = this.operations.timeline(id, cursor, TIMELINE_PAGE);
		model.addAttribute("timeline", Timeline.of(execution, page.items(), Instant.now()));
		model.addAttribute("cursor", cursor);
		model.addAttribute("next", page.next());
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
