package io.dppmint.console.schedule;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.dppmint.console.api.ApiException;
import io.dppmint.console.api.FieldError;
import io.dppmint.console.schedule.ScheduleController.NewSchedule;
import io.dppmint.console.schedule.ScheduleController.ScheduleChange;
import io.dppmint.console.schedule.ScheduleController.ScheduleView;
import io.dppmint.console.security.Caller;
import io.dppmint.console.web.ConsolePage;
import io.dppmint.core.catalog.Brand;
import io.dppmint.core.catalog.JdbcBrandRepository;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The Schedules page: the schedules in scope with their next fire times and latest runs,
 * a form to create one (the cron expression checked as it would be by the API, errors
 * shown at the field, nothing written), and per schedule: run now, pause or resume,
 * delete. Everything goes through {@link ScheduleController}, so the page and the API
 * apply the same rules and audit the same way.
 */
@ConsolePage
class SchedulePages {

	private final ScheduleController schedules;

	private final JdbcBrandRepository brands;

	SchedulePages(ScheduleController schedules, JdbcClient jdbc) {
		this.schedules = schedules;
		this.brands = new JdbcBrandRepository(jdbc);
	}

	@GetMapping("/schedules")
	String page(Caller caller, Model model) {
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", new ScheduleForm("Nightly export", "export_minted", "0 0 2 * * ?", "UTC", null));
		}
		if (!model.containsAttribute("errors")) {
			model.addAttribute("errors", Map.of());
		}
		List<ScheduleView> items = this.schedules.list(caller);
		model.addAttribute("schedules", items);
		model.addAttribute("kinds", ScheduleKind.values());
		model.addAttribute("brands", caller.isOperator() ? this.brands.findAll() : List.<Brand>of());
		return "schedules";
	}

	@PostMapping("/schedules")
	String create(Caller caller, @RequestParam(defaultValue = "") String name,
			@RequestParam(defaultValue = "") String kind, @RequestParam(defaultValue = "") String cron,
			@RequestParam(defaultValue = "") String timeZone, @RequestParam(required = false) Long brandId, Model model,
			RedirectAttributes redirect) {
		ScheduleForm form = new ScheduleForm(name, kind, cron, timeZone, brandId);
		Map<String, String> errors = new LinkedHashMap<>();
		if (name.isBlank() || name.length() > 100) {
			errors.put("name", "A name of 1 to 100 characters is required");
		}
		if (errors.isEmpty()) {
			try {
				ScheduleView created = this.schedules
					.create(caller, new NewSchedule(name, kind, cron, timeZone, brandId, true))
					.getBody();
				redirect.addFlashAttribute("notice", "Schedule '" + ((created != null) ? created.name() : name)
						+ "' created: it next runs at the first time listed.");
				return "redirect:/schedules";
			}
			catch (ApiException ex) {
				if (ex.status() != HttpStatus.BAD_REQUEST) {
					throw ex;
				}
				for (FieldError error : ex.errors()) {
					errors.putIfAbsent((error.field() != null) ? error.field() : "form", error.message());
				}
			}
		}
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		return page(caller, model);
	}

	@PostMapping("/schedules/{id}/{action}")
	String act(Caller caller, @PathVariable long id, @PathVariable String action, RedirectAttributes redirect) {
		ScheduleView schedule = this.schedules.schedule(caller, id);
		switch (action.toLowerCase(Locale.ROOT)) {
			case "run" -> {
				this.schedules.runNow(caller, id);
				redirect.addFlashAttribute("notice", "Schedule '" + schedule.name() + "' will run in a moment.");
			}
			case "pause", "resume" -> {
				this.schedules.change(caller, id,
						new ScheduleChange(null, schedule.cron(), schedule.timeZone(), action.equals("resume")));
				redirect.addFlashAttribute("notice",
						"Schedule '" + schedule.name() + "' " + (action.equals("resume") ? "resumed." : "paused."));
			}
			case "delete" -> {
				this.schedules.delete(caller, id);
				redirect.addFlashAttribute("notice", "Schedule '" + schedule.name() + "' deleted.");
			}
			default -> throw ApiException.notFound("There is no operation " + action);
		}
		return "redirect:/schedules";
	}

	/**
	 * What the create form holds.
	 *
	 * @param name the name
	 * @param kind the kind's code
	 * @param cron the cron expression
	 * @param timeZone the time zone
	 * @param brandId the brand (operators), or {@code null}
	 */
	record ScheduleForm(String name, String kind, String cron, String timeZone, Long brandId) {

	}

}
