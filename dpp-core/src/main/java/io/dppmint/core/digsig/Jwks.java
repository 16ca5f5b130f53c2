package io.dppmint.core.digsig;

import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.dppmint.core.gs1.Gtin;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A JWK set of brand signing keys (RFC 7517 §5): each key an EC public key (RFC 7518
 * §6.2.1: {@code kty "EC"}, {@code crv "P-256"}, {@code x} and {@code y} the base64url
 * 32-byte coordinates) with {@code use "sig"}, {@code alg "ES256"} (RFC 7518 §3.4) and
 * {@code kid "{gs1CompanyPrefix}:{keyNumber}"}. Reading skips keys of other types, curves
 * or kid forms (RFC 7517 §5 lets a set hold keys a reader does not understand) and
 * rejects malformed members of the keys it does read.
 *
 * @param keys the keys this profile can use
 */
public record Jwks(List<Jwk> keys) {

	private static final Pattern KID = Pattern.compile("([0-9]{4,12}):([0-9]{1,3})");

	private static final JsonMapper json = JsonMapper.builder().build();

	public Jwks {
		keys = List.copyOf(keys);
	}

	/**
	 * Read a JWK set.
	 * @param text the JSON document
	 * @return the set
	 * @throws IllegalArgumentException if it is not a JWK set, or a P-256 key in it is
	 * malformed
	 */
	public static Jwks parse(String text) {
		JsonNode root;
		try {
			root = json.readTree(text);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("The JWK set is not JSON: " + ex.getOriginalMessage());
		}
		JsonNode keys = (root != null) ? root.get("keys") : null;
		if (keys == null || !keys.isArray()) {
			throw new IllegalArgumentException("The JWK set has no \"keys\" array (RFC 7517 §5)");
		}
		List<Jwk> read = new ArrayList<>();
		for (JsonNode key : keys) {
			if (!"EC".equals(text(key, "kty")) || !"P-256".equals(text(key, "crv"))) {
				continue;
			}
			String kid = text(key, "kid");
			if (kid == null || !KID.matcher(kid).matches()) {
				continue;
			}
			String alg = text(key, "alg");
			if (alg != null && !alg.equals("ES256")) {
				continue;
			}
			byte[] x = base64url(kid, key, "x");
			byte[] y = base64url(kid, key, "y");
			try {
				read.add(new Jwk(kid, P256.publicKey(x, y)));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("JWK " + kid + ": " + ex.getMessage(), ex);
			}
		}
		return new Jwks(read);
	}

	/**
	 * The keys that may have signed a code: those whose company prefix begins the GTIN's
	 * digits 2 to 13 (company prefix and item reference) and whose number is the
	 * signature's first byte, longest prefix first. Usually one; more when several brands
	 * share a company prefix, and the code then verifies if one of them verifies it.
	 * @param gtin the code's GTIN
	 * @param keyNumber the signature's key number
	 * @return the candidate keys, possibly none
	 */
	public List<Jwk> candidates(Gtin gtin, int keyNumber) {
		String digits = gtin.value().substring(1, 13);
		return this.keys.stream()
			.filter((key) -> key.keyNumber() == keyNumber && digits.startsWith(key.companyPrefix()))
			.sorted(Comparator.comparingInt((Jwk key) -> key.companyPrefix().length()).reversed())
			.toList();
	}

	/**
	 * This set as a JSON document.
	 * @return {@code {"keys":[...]}}
	 */
	public String toJson() {
		List<Map<String, String>> keys = new ArrayList<>();
		for (Jwk key : this.keys) {
			Map<String, String> member = new LinkedHashMap<>();
			member.put("kty", "EC");
			member.put("crv", "P-256");
			member.put("x", Base64.getUrlEncoder().withoutPadding().encodeToString(P256.x(key.publicKey())));
			member.put("y", Base64.getUrlEncoder().withoutPadding().encodeToString(P256.y(key.publicKey())));
			member.put("use", "sig");
			member.put("alg", "ES256");
			member.put("kid", key.kid());
			keys.add(member);
		}
		return json.writeValueAsString(Map.of("keys", keys));
	}

	private static String text(JsonNode key, String name) {
		JsonNode member = key.get(name);
		return (member != null && member.isString()) ? member.stringValue() : null;
	}

	private static byte[] base64url(String kid, JsonNode key, String name) {
		String value = text(key, name);
		if (value == null) {
			throw new IllegalArgumentException("JWK " + kid + " has no \"" + name + "\" (RFC 7518 §6.2.1)");
		}
		try {
			byte[] bytes = Base64.getUrlDecoder().decode(value);
			if (bytes.length != P256.FIELD_BYTES) {
				throw new IllegalArgumentException("JWK " + kid + " member \"" + name + "\" is " + bytes.length
						+ " bytes, but a P-256 coordinate is " + P256.FIELD_BYTES + " (RFC 7518 §6.2.1.2)");
			}
			return bytes;
		}
		catch (IllegalArgumentException ex) {
			if (ex.getMessage() != null && ex.getMessage().startsWith("JWK ")) {
				throw ex;
			}
			throw new IllegalArgumentException("JWK " + kid + " member \"" + name + "\" is not base64url", ex);
		}
	}

	/**
	 * One brand key.
	 *
	 * @param kid {@code "{gs1CompanyPrefix}:{keyNumber}"}
	 * @param publicKey the P-256 public key
	 */
	public record Jwk(String kid, ECPublicKey publicKey) {

		public Jwk {
			Matcher matcher = KID.matcher(kid);
			if (!matcher.matches() || Integer.parseInt(matcher.group(2)) < 1
					|| Integer.parseInt(matcher.group(2)) > 255) {
				throw new IllegalArgumentException(
						"A brand key's kid is {gs1CompanyPrefix}:{keyNumber 1-255}, not " + kid);
			}
		}

		/**
		 * The kid of a brand key.
		 * @param companyPrefix the brand's GS1 company prefix
		 * @param keyNumber the key's number
		 * @return {@code "{companyPrefix}:{keyNumber}"}
		 */
		public static String kid(String companyPrefix, int keyNumber) {
			return companyPrefix + ":" + keyNumber;
		}

		/** The GS1 company prefix of the brand. */
		public String companyPrefix() {
			return this.kid.substring(0, this.kid.indexOf(':'));
		}

		/** The key number, 1 to 255. */
		public int keyNumber() {
			return Integer.parseInt(this.kid.substring(this.kid.indexOf(':') + 1));
		}

	}

}
