package io.dppmint.console.jobs;

import java.util.Locale;

import io.dppmint.console.api.Page;
import io.dppmint.console.jobs.JobOperationsController.ExecutionView;
import io.dppmint.console.security.Caller;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.MediaType;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.util.HtmlUtils;

/**
 * A minimal server-rendered job operations page for operators ({@code /jobs}, linked from
 * Spring Boot Admin): the executions with their progress and one button per operation
 * their state allows, posting to the same operations as the JSON API. The full console UI
 * replaces it.
 */
@Controller
@Hidden
class JobOperationsPage {

	private final JobOperationsController operations;

	JobOperationsPage(JobOperationsController operations) {
		this.operations = operations;
	}

	@GetMapping(path = "/jobs", produces = MediaType.TEXT_HTML_VALUE)
	@ResponseBody
	String page(@RequestParam(required = false) String cursor, HttpServletRequest request) {
		Page<ExecutionView> page = this.operations.list(null, null, cursor, 50);
		CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
		StringBuilder html = new StringBuilder("""
				<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Job operations</title>
				<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}
				td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}form{display:inline}</style></head>
				<body><h1>Job operations</h1><p><a href="/admin">Spring Boot Admin</a> ·
				<a href="/api/v1/jobs/executions">JSON</a></p>
				<table><tr><th>Execution</th><th>Job</th><th>Batch</th><th>Status</th><th>Progress</th>
				<th>Started</th><th>Ended</th><th>Exit</th><th>Operations</th></tr>
				""");
		for (ExecutionView execution : page.items()) {
			html.append("<tr><td><a href=\"/api/v1/jobs/executions/")
				.append(execution.id())
				.append("\">")
				.append(execution.id())
				.append("</a></td><td>")
				.append(escape(execution.jobName()))
				.append("</td><td>")
				.append((execution.batchId() != null) ? execution.batchId() : "")
				.append("</td><td>")
				.append(escape(execution.status()))
				.append("</td><td>")
				.append((execution.unitsTotal() != null) ? execution.unitsDone() + " / " + execution.unitsTotal() : "")
				.append("</td><td>")
				.append(escape(String.valueOf(execution.startedAt())))
				.append("</td><td>")
				.append((execution.endedAt() != null) ? escape(execution.endedAt().toString()) : "")
				.append("</td><td>")
				.append(escape(abbreviate(execution.exitMessage())))
				.append("</td><td>");
			for (String action : execution.actions()) {
				html.append("<form method=\"post\" action=\"/jobs/")
					.append(execution.id())
					.append('/')
					.append(action)
					.append("\">");
				if (csrf != null) {
					html.append("<input type=\"hidden\" name=\"")
						.append(escape(csrf.getParameterName()))
						.append("\" value=\"")
						.append(escape(csrf.getToken()))
						.append("\">");
				}
				html.append("<button>").append(escape(action)).append("</button></form> ");
			}
			html.append("</td></tr>\n");
		}
		html.append("</table>");
		if (page.next() != null) {
			html.append("<p><a href=\"/jobs?cursor=").append(escape(page.next())).append("\">Older</a></p>");
		}
		return html.append("</body></html>").toString();
	}

	@PostMapping("/jobs/{id}/{action}")
	String operate(Caller caller, @PathVariable long id, @PathVariable String action) {
		switch (action.toLowerCase(Locale.ROOT)) {
			case "stop" -> this.operations.stop(caller, id);
			case "abandon" -> this.operations.abandon(caller, id);
			case "recover" -> this.operations.recover(caller, id);
			case "restart" -> this.operations.restart(caller, id);
			default -> throw io.dppmint.console.api.ApiException.notFound("There is no operation " + action);
		}
		return "redirect:/jobs";
	}

	private static String escape(String text) {
		return (text != null) ? HtmlUtils.htmlEscape(text) : "";
	}

	private static String abbreviate(String text) {
		return (text != null && text.length() > 200) ? text.substring(0, 200) + "…" : text;
	}

}
