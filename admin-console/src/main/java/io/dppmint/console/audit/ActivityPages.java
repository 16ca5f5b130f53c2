package io.dppmint.console.audit;

import java.util.List;

import io.dppmint.console.security.Caller;
import io.dppmint.console.web.ConsolePage;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The Activity / Audit tab: the audit log newest first, filterable by entity type
 * (batches, tokens, exports, ...), read through {@link AuditController}'s brand-scoped
 * query and keyset pages. Operators also see whether the audit chain verifies.
 */
@ConsolePage
class ActivityPages {

	/** The entity types the platform records, in the order the filter offers them. */
	static final List<String> ENTITY_TYPES = List.of("batch", "token", "export", "production_run", "api_key",
			"signing_key", "brand", "job_execution");

	private static final int PAGE_SIZE = 30;

	private final AuditController audit;

	private final AuditChainController chain;

	ActivityPages(AuditController audit, AuditChainController chain) {
		this.audit = audit;
		this.chain = chain;
	}

	@GetMapping("/mint/tabs/activity")
	String activity(Caller caller, @RequestParam(required = false) String entityType,
			@RequestParam(required = false) String cursor, Model model) {
		String shown = (entityType != null && ENTITY_TYPES.contains(entityType)) ? entityType : null;
		model.addAttribute("page", this.audit.events(caller, shown, cursor, PAGE_SIZE));
		model.addAttribute("entityType", shown);
		model.addAttribute("entityTypes", ENTITY_TYPES);
		if (caller.isOperator()) {
			model.addAttribute("chain", this.chain.status());
		}
		return "mint/activity :: activity";
	}

}
