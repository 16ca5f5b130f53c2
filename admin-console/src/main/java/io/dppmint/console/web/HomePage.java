package io.dppmint.console.web;

import org.springframework.web.bind.annotation.GetMapping;

/**
 * The console's entry points: the login form and the home page (the Minting Dashboard).
 */
@ConsolePage
class HomePage {

	@GetMapping("/")
	String home() {
		return "redirect:/mint";
	}

}
