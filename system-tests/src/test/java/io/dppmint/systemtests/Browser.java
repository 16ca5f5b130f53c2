package io.dppmint.systemtests;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Dialog;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real headless Chromium (Debian's {@code /usr/bin/chromium}, or {@code DPP_CHROMIUM})
 * driven by Playwright, for one test class: register it as a static field with
 * {@code @RegisterExtension}. The browser starts before the class's first test and closes
 * after its last; every {@link #newPage()} gets a fresh context (no cookies, no session),
 * closed after the test.
 */
public final class Browser implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

	/** The default viewport: a laptop. */
	public static final Viewport DESKTOP = new Viewport(1280, 800);

	/** A tablet held upright. */
	public static final Viewport TABLET = new Viewport(768, 1024);

	private static final List<String> CHROMIUM_ARGUMENTS = List.of("--no-sandbox", "--disable-gpu", "--disable-quic",
			"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
			"--disable-dev-shm-usage");

	private final List<BrowserContext> contexts = new ArrayList<>();

	private Playwright playwright;

	private com.microsoft.playwright.Browser chromium;

	@Override
	public void beforeAll(ExtensionContext context) {
		// Playwright drives the installed Chromium; it must never download its own.
		this.playwright = Playwright
			.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
		this.chromium = this.playwright.chromium()
			.launch(new BrowserType.LaunchOptions().setExecutablePath(Path.of(chromiumExecutable()))
				.setHeadless(true)
				.setArgs(CHROMIUM_ARGUMENTS));
	}

	@Override
	public void afterEach(ExtensionContext context) {
		this.contexts.forEach(BrowserContext::close);
		this.contexts.clear();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		if (this.playwright != null) {
			// Closes the browser too.
			this.playwright.close();
		}
	}

	/** A page in a fresh context at the {@link #DESKTOP} size. */
	public Page newPage() {
		return newPage(DESKTOP);
	}

	/** A page in a fresh context at the given size ({@link #TABLET}, ...). */
	public Page newPage(Viewport viewport) {
		BrowserContext context = this.chromium.newContext(new com.microsoft.playwright.Browser.NewContextOptions()
			.setViewportSize(viewport.width(), viewport.height()));
		this.contexts.add(context);
		return context.newPage();
	}

	/**
	 * Accept the next dialog ({@code confirm()}, ...) the page opens: call it before the
	 * click that opens it. Playwright dismisses dialogs nobody handles, which cancels
	 * what a confirm guards.
	 */
	public static void acceptNextDialog(Page page) {
		page.onceDialog(Dialog::accept);
	}

	/**
	 * Log in as a demo user through the console's real login form, leaving the page on
	 * whatever the console shows after login.
	 */
	public static void login(Page page, String user) {
		login(page, user, Platform.get().password(user));
	}

	/** Submit the console's login form with any credentials. */
	public static void login(Page page, String user, String password) {
		page.navigate(Platform.get().consoleUrl() + "/login");
		page.locator("input[name=username]").fill(user);
		page.locator("input[name=password]").fill(password);
		page.locator("button[type=submit]").click();
		page.waitForLoadState();
	}

	/**
	 * Save a full-page PNG of the page as {@code docs/screenshots/<name>.png} in the
	 * repository, for the README.
	 */
	public static Path screenshot(Page page, String name) {
		return screenshot(page, name, true);
	}

	/**
	 * Save a PNG of the whole page, or of the window only (where a fixed panel, such as
	 * the token preview, belongs to the window), as {@code docs/screenshots/<name>.png}.
	 */
	public static Path screenshot(Page page, String name, boolean fullPage) {
		Path file = repositoryRoot().resolve("docs/screenshots").resolve(name + ".png");
		page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(fullPage));
		return file;
	}

	private static Path repositoryRoot() {
		String root = System.getProperty("dpp.system-tests.repository-root");
		if (root == null) {
			throw new IllegalStateException(
					"No system property dpp.system-tests.repository-root: run the system tests through ./mvnw verify");
		}
		return Path.of(root).toAbsolutePath().normalize();
	}

	private static String chromiumExecutable() {
		String configured = System.getenv("DPP_CHROMIUM");
		return (configured != null && !configured.isBlank()) ? configured : "/usr/bin/chromium";
	}

	/** A browser window's inner size in CSS pixels. */
	public record Viewport(int width, int height) {
	}

}
