package io.dppmint.resolver.telemetry;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NetworkPrefixTests {

	@Test
	void cutsIpv4ToItsSlash24() {
		assertThat(NetworkPrefix.of("203.0.113.77")).isEqualTo("203.0.113.0/24");
		assertThat(NetworkPrefix.of("127.0.0.1")).isEqualTo("127.0.0.0/24");
	}

	@Test
	void cutsIpv6ToItsSlash48() {
		assertThat(NetworkPrefix.of("2001:db8:85a3:8d3:1319:8a2e:370:7348")).isEqualTo("2001:db8:85a3::/48");
		assertThat(NetworkPrefix.of("[2001:db8:85a3::1]")).isEqualTo("2001:db8:85a3::/48");
		assertThat(NetworkPrefix.of("0:0:0:0:0:0:0:1")).isEqualTo("0:0:0::/48");
	}

	@Test
	void treatsIpv4MappedIpv6AsIpv4() {
		assertThat(NetworkPrefix.of("::ffff:198.51.100.23")).isEqualTo("198.51.100.0/24");
	}

	@Test
	void cutsTheIpv4AddressA6to4AddressCarriesToItsSlash24() {
		// 2002:cb00:7158::/48 is 6to4 for 203.0.113.88: its /48 would be the whole
		// address.
		assertThat(NetworkPrefix.of("2002:cb00:7158:1:2:3:4:5")).isEqualTo("203.0.113.0/24");
	}

	@Test
	void cutsTheClientIpv4AddressATeredoAddressCarriesToItsSlash24() {
		// RFC 4380 section 4: server 65.54.227.120, client 192.0.2.45 stored inverted
		// (3fff:fdd2) in the last 32 bits.
		assertThat(NetworkPrefix.of("2001:0:4136:e378:8000:63bf:3fff:fdd2")).isEqualTo("192.0.2.0/24");
	}

	@Test
	void answersNullForAnythingButAnAddressLiteral() {
		assertThat(NetworkPrefix.of(null)).isNull();
		assertThat(NetworkPrefix.of("")).isNull();
		assertThat(NetworkPrefix.of("example.com")).isNull();
		assertThat(NetworkPrefix.of("256.1.1.1")).isNull();
		assertThat(NetworkPrefix.of("1.2.3")).isNull();
		assertThat(NetworkPrefix.of("1:2:3:4:5:6:7:8:9")).isNull();
		assertThat(NetworkPrefix.of("::1%eth0")).isNull();
	}

}
