package io.dppmint.console.registry;

import java.util.HexFormat;

import io.dppmint.console.api.ApiException;
import io.dppmint.console.api.FieldError;
import io.dppmint.console.security.Caller;
import io.dppmint.console.web.ConsolePage;
import io.dppmint.core.minting.MintBatch;
import io.dppmint.core.registry.RegistryRegistration;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The Registry card of the batch page: the batch's registration state, its registry file
 * for download, and (for writers) "Mark submitted" and the forms that record the
 * registration identifier or a rejection, each refused value shown at its field with
 * nothing written. Its actions live under {@code /mint/}, where only roles that may write
 * can post.
 */
@ConsolePage
class RegistryPages {

	private final BatchRegistry registry;

	RegistryPages(BatchRegistry registry) {
		this.registry = registry;
	}

	@GetMapping("/mint/batch/{id}/registry")
	String card(Caller caller, @PathVariable long id, Model model) {
		return card(this.registry.batch(caller, id), model);
	}

	@PostMapping("/mint/batch/{id}/registry/submission")
	String submit(Caller caller, @PathVariable long id, Model model) {
		MintBatch batch = this.registry.batch(caller, id);
		try {
			this.registry.submit(caller, batch);
			model.addAttribute("notice",
					"Marked submitted: record the registration identifier once the registry " + "returns it.");
		}
		catch (ApiException ex) {
			model.addAttribute("problem", ex.getMessage());
		}
		return card(batch, model);
	}

	@PostMapping("/mint/batch/{id}/registry/registration")
	String register(Caller caller, @PathVariable long id, @RequestParam(required = false) String registrationIdentifier,
			Model model) {
		MintBatch batch = this.registry.batch(caller, id);
		try {
			this.registry.register(caller, batch, registrationIdentifier);
			model.addAttribute("notice", "Registration identifier recorded.");
		}
		catch (ApiException ex) {
			refused(ex, "registrationIdentifier", registrationIdentifier, model);
		}
		return card(batch, model);
	}

	@PostMapping("/mint/batch/{id}/registry/rejection")
	String reject(Caller caller, @PathVariable long id, @RequestParam(required = false) String reason, Model model) {
		MintBatch batch = this.registry.batch(caller, id);
		try {
			this.registry.reject(caller, batch, reason);
			model.addAttribute("notice", "Rejection recorded.");
		}
		catch (ApiException ex) {
			refused(ex, "reason", reason, model);
		}
		return card(batch, model);
	}

	private String card(MintBatch batch, Model model) {
		model.addAttribute("batch", batch);
		RegistryRegistration registration = this.registry.registration(batch);
		model.addAttribute("registration", registration);
		model.addAttribute("submittedSha256", (registration.submissionSha256() != null)
				? HexFormat.of().formatHex(registration.submissionSha256()) : null);
		model.addAttribute("fileUrl", "/api/v1/batches/" + batch.id() + "/registry/file");
		return "mint/registry :: registry";
	}

	/**
	 * A refused change: a value's error at its field (the value kept for correction), the
	 * batch state's at the top of the card.
	 */
	private static void refused(ApiException ex, String field, String value, Model model) {
		FieldError error = ex.errors().isEmpty() ? null : ex.errors().getFirst();
		if (error != null && field.equals(error.field())) {
			model.addAttribute(field + "Error", error.message());
			model.addAttribute(field, value);
		}
		else {
			model.addAttribute("problem", ex.getMessage());
		}
	}

}
