package io.dppmint.console.token;

import io.dppmint.console.api.ApiException;
import io.dppmint.console.api.Page;
import io.dppmint.console.security.Caller;
import io.dppmint.console.token.TokenController.RevokeBody;
import io.dppmint.console.token.TokenController.TokenView;
import io.dppmint.console.web.ConsolePage;
import io.dppmint.console.web.Htmx;
import io.dppmint.console.web.QrCodes;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The Tokens tab (all tokens in scope, or one batch's, keyset-paginated), the preview
 * panel with the token's details and the QR code of its resolver URL, and revocation with
 * a reason behind a confirmation step. Reads and the revocation go through
 * {@link TokenController}, so the page and the API answer alike.
 */
@ConsolePage
class TokenPages {

	private static final int PAGE_SIZE = 25;

	private final TokenController tokens;

	TokenPages(TokenController tokens) {
		this.tokens = tokens;
	}

	@GetMapping("/mint/tabs/tokens")
	String tokens(Caller caller, @RequestParam(required = false) Long batchId,
			@RequestParam(required = false) String status, @RequestParam(required = false) String cursor, Model model) {
		String shownStatus = (status != null && status.matches("minted|active|revoked")) ? status : null;
		Page<TokenView> page = this.tokens.tokens(caller, batchId, shownStatus, cursor, PAGE_SIZE);
		model.addAttribute("page", page);
		model.addAttribute("batchId", batchId);
		model.addAttribute("status", shownStatus);
		return "mint/tokens :: tokens";
	}

	@GetMapping("/mint/tokens/{identifier}")
	String token(Caller caller, @PathVariable String identifier, HttpServletRequest request, Model model) {
		preview(caller, identifier, model);
		return Htmx.isRequest(request) ? "mint/token :: panel" : "mint/token";
	}

	@GetMapping("/mint/tokens/{identifier}/revoke")
	String confirmRevocation(Caller caller, @PathVariable String identifier, Model model) {
		preview(caller, identifier, model);
		model.addAttribute("confirm", true);
		return "mint/token :: panel";
	}

	@PostMapping("/mint/tokens/{identifier}/revoke")
	String revoke(Caller caller, @PathVariable String identifier, @RequestParam(defaultValue = "") String reason,
			HttpServletRequest request, Model model) {
		try {
			this.tokens.revoke(caller, identifier, new RevokeBody(reason));
			model.addAttribute("notice", "Token revoked. Scans now answer that it is revoked.");
		}
		catch (ApiException ex) {
			if (ex.status() == HttpStatus.BAD_REQUEST && isAbout("reason", ex)) {
				preview(caller, identifier, model);
				model.addAttribute("confirm", true);
				model.addAttribute("reason", reason);
				model.addAttribute("reasonError", ex.getMessage());
				return "mint/token :: panel";
			}
			if (ex.status() != HttpStatus.CONFLICT) {
				throw ex;
			}
			model.addAttribute("notice", ex.getMessage());
		}
		preview(caller, identifier, model);
		return Htmx.isRequest(request) ? "mint/token :: panel" : "mint/token";
	}

	@GetMapping(path = "/mint/tokens/{identifier}/qr.svg")
	ResponseEntity<String> qrCode(Caller caller, @PathVariable String identifier) {
		TokenView token = this.tokens.token(caller, identifier);
		return ResponseEntity.ok()
			.contentType(MediaType.valueOf("image/svg+xml"))
			.header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + identifier + ".svg\"")
			.body(QrCodes.svg(token.resolverUrl(), "QR code of " + token.resolverUrl()));
	}

	private static boolean isAbout(String field, ApiException ex) {
		return ex.errors().stream().anyMatch((error) -> field.equals(error.field()));
	}

	private void preview(Caller caller, String identifier, Model model) {
		TokenView token = this.tokens.token(caller, identifier);
		model.addAttribute("token", token);
		model.addAttribute("qr", QrCodes.svg(token.resolverUrl(), "QR code of " + token.resolverUrl()));
	}

}
