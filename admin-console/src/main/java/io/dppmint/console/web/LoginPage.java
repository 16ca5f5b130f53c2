package io.dppmint.console.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The login form (Spring Security processes its POST). Not a {@link ConsolePage}: nobody
 * is authenticated yet.
 */
@Controller
class LoginPage {

	@GetMapping("/login")
	String login() {
		// Not "login": Spring Boot Admin's own template of that name would win.
		return "sign-in";
	}

}
