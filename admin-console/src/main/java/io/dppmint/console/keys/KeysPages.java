package io.dppmint.console.keys;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.dppmint.console.api.ApiException;
import io.dppmint.console.keys.SigningKeyController.SigningKeyView;
import io.dppmint.console.keys.TagProgrammerCertificateController.CertificateUpload;
import io.dppmint.console.keys.TagProgrammerCertificateController.CertificateView;
import io.dppmint.console.security.Caller;
import io.dppmint.console.security.CallerBrands;
import io.dppmint.console.web.ConsolePage;
import io.dppmint.console.web.Formats;
import io.dppmint.console.web.Htmx;
import io.dppmint.core.catalog.Brand;
import io.dppmint.core.catalog.JdbcBrandRepository;
import io.dppmint.core.digsig.DigsigProperties;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The Keys page of a brand: its code-signing keys (GS1 AI 8030) with their states, the
 * JWK set they are published in and which key signs the next signed batch; "Rotate
 * signing key" and per key "Revoke", each behind a confirmation that says what follows;
 * and the tag-programmer certificate NFC key packs are encrypted to, shown and uploaded
 * (a PEM file or pasted text). Callers of every brand first choose the brand. Everything
 * goes through {@link SigningKeyController} and
 * {@link TagProgrammerCertificateController}, so the page and the API check, scope and
 * audit alike; viewers see the page without its actions.
 */
@ConsolePage
class KeysPages {

	private final SigningKeyController signingKeys;

	private final TagProgrammerCertificateController certificates;

	private final JdbcBrandRepository brands;

	private final DigsigProperties digsig;

	private final Formats formats;

	KeysPages(SigningKeyController signingKeys, TagProgrammerCertificateController certificates,
			JdbcBrandRepository brands, DigsigProperties digsig, Formats formats) {
		this.signingKeys = signingKeys;
		this.certificates = certificates;
		this.brands = brands;
		this.digsig = digsig;
		this.formats = formats;
	}

	@GetMapping("/keys")
	String keys(Caller caller, Model model) {
		if (caller.brandId() != null) {
			return "redirect:/brands/" + caller.brandId() + "/keys";
		}
		model.addAttribute("brands", this.brands.findAll());
		return "keys-brands";
	}

	@GetMapping("/brands/{brandId}/keys")
	String page(Caller caller, @PathVariable long brandId, Model model) {
		show(caller, brandId, model);
		return "keys";
	}

	@GetMapping("/brands/{brandId}/keys/rotate")
	String confirmRotation(Caller caller, @PathVariable long brandId, HttpServletRequest request, Model model) {
		requireWriter(caller);
		show(caller, brandId, model);
		model.addAttribute("confirm", "rotate");
		return Htmx.isRequest(request) ? "keys :: confirm" : "keys";
	}

	@PostMapping("/brands/{brandId}/keys/rotate")
	String rotate(Caller caller, @PathVariable long brandId, RedirectAttributes redirect) {
		try {
			SigningKeyView key = this.signingKeys.rotate(caller, brandId, null).getBody();
			if (key != null) {
				redirect.addFlashAttribute("notice", "Key " + key.kid() + " is published now and signs from "
						+ this.formats.time(key.activatesAt()) + ". The active key signs until then.");
			}
		}
		catch (ApiException ex) {
			refused(ex, redirect);
		}
		return "redirect:/brands/" + brandId + "/keys";
	}

	@GetMapping("/brands/{brandId}/keys/{keyNumber}/revoke")
	String confirmRevocation(Caller caller, @PathVariable long brandId, @PathVariable int keyNumber,
			HttpServletRequest request, Model model) {
		requireWriter(caller);
		show(caller, brandId, model);
		model.addAttribute("confirm", "revoke");
		model.addAttribute("key", this.signingKeys.key(caller, brandId, keyNumber));
		return Htmx.isRequest(request) ? "keys :: confirm" : "keys";
	}

	@PostMapping("/brands/{brandId}/keys/{keyNumber}/revoke")
	String revoke(Caller caller, @PathVariable long brandId, @PathVariable int keyNumber, RedirectAttributes redirect) {
		try {
			SigningKeyView key = this.signingKeys.revoke(caller, brandId, keyNumber);
			redirect.addFlashAttribute("notice", "Key " + key.kid()
					+ " is revoked and withdrawn from the published keys: codes it signed now verify as invalid.");
		}
		catch (ApiException ex) {
			refused(ex, redirect);
		}
		return "redirect:/brands/" + brandId + "/keys";
	}

	@PostMapping("/brands/{brandId}/tag-programmer-certificate")
	String upload(Caller caller, @PathVariable long brandId, @RequestParam(required = false) MultipartFile file,
			@RequestParam(defaultValue = "") String pem, RedirectAttributes redirect) throws IOException {
		String text = pem;
		if (file != null && !file.isEmpty()) {
			text = (file.getSize() <= CertificateUpload.MAX_PEM_LENGTH)
					? new String(file.getBytes(), StandardCharsets.UTF_8) : null;
		}
		String error = null;
		if (text == null || text.length() > CertificateUpload.MAX_PEM_LENGTH) {
			error = "A certificate in PEM has at most " + CertificateUpload.MAX_PEM_LENGTH + " characters";
		}
		else if (text.isBlank()) {
			error = "Choose a PEM file or paste the certificate";
		}
		else {
			try {
				CertificateView uploaded = this.certificates.upload(caller, brandId, new CertificateUpload(text));
				redirect.addFlashAttribute("certificateNotice", "Tag-programmer certificate " + uploaded.subject()
						+ " stored: NFC key packs are encrypted to it from now on.");
			}
			catch (ApiException ex) {
				if (ex.status() != HttpStatus.UNPROCESSABLE_CONTENT) {
					throw ex;
				}
				error = ex.getMessage();
			}
		}
		if (error != null) {
			redirect.addFlashAttribute("certificateError", error);
		}
		return "redirect:/brands/" + brandId + "/keys#tag-programmer-certificate";
	}

	private void show(Caller caller, long brandId, Model model) {
		Brand brand = CallerBrands.require(this.brands, caller, brandId);
		List<SigningKeyView> keys = this.signingKeys.keys(caller, brandId);
		Optional<CertificateView> certificate = this.certificates.find(caller, brandId);
		model.addAttribute("brand", brand);
		model.addAttribute("keys", keys);
		model.addAttribute("jwksUrl", jwksUrl(brand));
		model.addAttribute("nextSigner", nextSigner(keys));
		model.addAttribute("afterRevokingActive", afterRevokingActive(keys));
		model.addAttribute("pending", keys.stream().anyMatch((key) -> key.state().equals("pending")));
		model.addAttribute("prepublication", this.digsig.prepublication());
		model.addAttribute("certificate", certificate.orElse(null));
		model.addAttribute("certificateExpired",
				certificate.map((view) -> view.notAfter().isBefore(Instant.now())).orElse(false));
	}

	/**
	 * The JWK set verifiers read the brand's keys from: its resolver's
	 * {@code /.well-known/jwks.json} (docs/signatures.md), as {@code ./dpp verify} finds
	 * it from a code's URL.
	 */
	private static String jwksUrl(Brand brand) {
		URI base = URI.create(brand.resolverBaseUrl());
		return base.getScheme() + "://" + base.getRawAuthority() + "/.well-known/jwks.json";
	}

	/**
	 * Which key signs the brand's next signed batch, as {@code BrandKeys.signingKeyFor}
	 * decides.
	 */
	private static String nextSigner(List<SigningKeyView> keys) {
		Optional<SigningKeyView> active = first(keys, "active");
		Optional<SigningKeyView> pending = first(keys, "pending");
		if (active.isPresent()) {
			return "Key " + active.get().kid() + " signs new signed batches"
					+ pending.map((key) -> "; pending key " + key.kid() + " takes over from its start time.")
						.orElse(".");
		}
		return whenNoneIsActive(keys, pending);
	}

	/** What the confirmation of revoking the active key says comes next. */
	private static String afterRevokingActive(List<SigningKeyView> keys) {
		return whenNoneIsActive(keys, first(keys, "pending"));
	}

	private static String whenNoneIsActive(List<SigningKeyView> keys, Optional<SigningKeyView> pending) {
		if (pending.isPresent()) {
			return "No key is active: the next signed batch makes pending key " + pending.get().kid()
					+ " active at once, before its planned start.";
		}
		if (keys.isEmpty()) {
			return "No key yet: the brand's first signed batch creates key 1, active at once.";
		}
		int next = keys.stream().mapToInt(SigningKeyView::keyNumber).max().orElse(0) + 1;
		return "No key is active: the next signed batch creates key " + next
				+ ", active at once (published from then on, without a pre-publication period).";
	}

	private static Optional<SigningKeyView> first(List<SigningKeyView> keys, String state) {
		return keys.stream().filter((key) -> key.state().equals(state)).findFirst();
	}

	private static void requireWriter(Caller caller) {
		if (!caller.canWrite()) {
			throw ApiException.forbidden("Your role may not change keys");
		}
	}

	/**
	 * A refusal the page shows as a message (conflicts, no signing KEK); others are
	 * errors.
	 */
	private static void refused(ApiException ex, RedirectAttributes redirect) {
		if (ex.status() != HttpStatus.CONFLICT && ex.status() != HttpStatus.SERVICE_UNAVAILABLE) {
			throw ex;
		}
		redirect.addFlashAttribute("error", ex.getMessage());
	}

}
