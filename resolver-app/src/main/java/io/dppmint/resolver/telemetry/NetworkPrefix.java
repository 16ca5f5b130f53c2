package io.dppmint.resolver.telemetry;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The only form in which a client address leaves the request: its network, IPv4 cut to
 * /24 and IPv6 to /48 (an IPv4-mapped IPv6 address counts as IPv4). Everything else about
 * the address is discarded here, before anything is stored or logged.
 */
public final class NetworkPrefix {

	private NetworkPrefix() {
	}

	/**
	 * The truncated network of an address in textual form.
	 * @param address an IPv4 or IPv6 literal as the servlet container reports it (never a
	 * host name: nothing is looked up)
	 * @return e.g. {@code 203.0.113.0/24} or {@code 2001:db8:85a3::/48}, or {@code null}
	 * when the text is not an IP literal
	 */
	public static String of(String address) {
		if (address == null || address.isEmpty() || address.length() > 64 || !isLiteral(address)) {
			return null;
		}
		String literal = stripBrackets(address);
		if (literal.indexOf(':') < 0) {
			return ipv4(literal);
		}
		InetAddress parsed;
		try {
			// With a ':' the JDK reads the text as an IPv6 literal and never resolves a
			// name.
			parsed = InetAddress.getByName(literal);
		}
		catch (UnknownHostException | RuntimeException ex) {
			return null;
		}
		byte[] bytes = parsed.getAddress();
		if (parsed instanceof Inet4Address) {
			return (bytes[0] & 0xFF) + "." + (bytes[1] & 0xFF) + "." + (bytes[2] & 0xFF) + ".0/24";
		}
		if (parsed instanceof Inet6Address) {
			int first = group(bytes, 0);
			if (first == 0x2002) {
				return ipv4Prefix(bytes[2], bytes[3], bytes[4]);
			}
			if (first == 0x2001 && group(bytes, 2) == 0) {
				return ipv4Prefix((byte) ~bytes[12], (byte) ~bytes[13], (byte) ~bytes[14]);
			}
			return Integer.toHexString(group(bytes, 0)) + ":" + Integer.toHexString(group(bytes, 2)) + ":"
					+ Integer.toHexString(group(bytes, 4)) + "::/48";
		}
		return null;
	}

	private static String ipv4Prefix(byte a, byte b, byte c) {
		return (a & 0xFF) + "." + (b & 0xFF) + "." + (c & 0xFF) + ".0/24";
	}

	private static String ipv4(String literal) {
		String[] parts = literal.split("\\.", -1);
		if (parts.length != 4) {
			return null;
		}
		int[] octets = new int[4];
		for (int i = 0; i < 4; i++) {
			String part = parts[i];
			if (part.isEmpty() || part.length() > 3) {
				return null;
			}
			for (int j = 0; j < part.length(); j++) {
				if (part.charAt(j) < '0' || part.charAt(j) > '9') {
					return null;
				}
			}
			octets[i] = Integer.parseInt(part);
			if (octets[i] > 255) {
				return null;
			}
		}
		return octets[0] + "." + octets[1] + "." + octets[2] + ".0/24";
	}

	private static int group(byte[] bytes, int index) {
		return ((bytes[index] & 0xFF) << 8) | (bytes[index + 1] & 0xFF);
	}

	private static String stripBrackets(String address) {
		if (address.length() > 2 && address.charAt(0) == '[' && address.charAt(address.length() - 1) == ']') {
			return address.substring(1, address.length() - 1);
		}
		return address;
	}

	private static boolean isLiteral(String address) {
		for (int i = 0; i < address.length(); i++) {
			char c = address.charAt(i);
			boolean allowed = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '.'
					|| c == ':' || c == '[' || c == ']';
			if (!allowed) {
				return false;
			}
		}
		return true;
	}

}
