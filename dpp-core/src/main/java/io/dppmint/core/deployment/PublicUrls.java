package io.dppmint.core.deployment;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

import org.springframework.boot.cloud.CloudPlatform;
import org.springframework.core.env.Environment;

/**
 * The URLs an app hands to people and machines outside the platform: the resolver's
 * public root ({@code /.well-known/gs1resolver}), the base of signed export downloads.
 * Their defaults are loopback addresses, right for one machine ({@code ./dpp up}). On
 * Kubernetes the loopback address is the pod itself, so such a URL would send every
 * client to nowhere: there the app refuses to start with one, naming the variable to set
 * (the manifests take both from their ConfigMap). Kubernetes is recognised as Spring Boot
 * recognises it for its probe groups ({@code KUBERNETES_SERVICE_HOST} and
 * {@code KUBERNETES_SERVICE_PORT}, or {@code spring.main.cloud-platform=kubernetes}).
 * Anywhere, the URL must be an absolute {@code http(s)} URL with a host.
 */
public final class PublicUrls {

	private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

	private PublicUrls() {
	}

	/**
	 * Check a public URL before the app uses it.
	 * @param url the configured (or default) URL
	 * @param property the property it comes from, e.g.
	 * {@code dpp.resolver.public-base-url}
	 * @param environment the app's environment, for the platform it runs on
	 * @return {@code url}
	 * @throws IllegalStateException naming the property and its environment variable when
	 * the URL is malformed, or loopback on Kubernetes (Spring Boot's start-up failure
	 * report shows what to set)
	 */
	public static String require(String url, String property, Environment environment) {
		String variable = property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
		String host = host(url);
		if (host == null) {
			throw new PublicUrlException(property + " (" + variable + ") must be an absolute http or https URL"
					+ " with a host, not '" + url + "'", "Set " + variable + " to an https:// URL.");
		}
		if (CloudPlatform.KUBERNETES.isActive(environment) && isLoopback(host)) {
			throw new PublicUrlException(
					property + " (" + variable + ") is " + url
							+ ", a loopback address: on Kubernetes nobody outside this pod can follow it.",
					"Set " + variable + " to the public URL, for example in the dpp-settings ConfigMap"
							+ " (deploy/kubernetes/configuration.yaml).");
		}
		return url;
	}

	private static String host(String url) {
		if (url == null) {
			return null;
		}
		try {
			URI uri = new URI(url);
			boolean http = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
			return (http && uri.getHost() != null) ? uri.getHost() : null;
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

	/**
	 * Whether a URL's host names this machine: {@code localhost} (and its subdomains, RFC
	 * 6761), 127.0.0.0/8, {@code ::1}, or the unspecified address. Names are not looked
	 * up.
	 */
	static boolean isLoopback(String host) {
		String name = host.toLowerCase(Locale.ROOT);
		if (name.equals("localhost") || name.endsWith(".localhost")) {
			return true;
		}
		if (IPV4.matcher(name).matches()) {
			return name.startsWith("127.") || name.equals("0.0.0.0");
		}
		if (name.startsWith("[") && name.endsWith("]")) {
			try {
				// An IPv6 literal is parsed, never looked up.
				InetAddress address = InetAddress.getByName(name.substring(1, name.length() - 1));
				return address.isLoopbackAddress() || address.isAnyLocalAddress();
			}
			catch (UnknownHostException ex) {
				return false;
			}
		}
		return false;
	}

}
