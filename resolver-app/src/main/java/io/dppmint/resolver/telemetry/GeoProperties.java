package io.dppmint.resolver.telemetry;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where coarse geolocation comes from: request headers set by a trusted edge (CDN or load
 * balancer) that already resolved the client's country and region. Only deploy behind an
 * edge that overwrites these headers, or clients can claim any location.
 *
 * @param countryHeader the header carrying an ISO 3166-1 country code (e.g.
 * {@code CF-IPCountry}), empty for none
 * @param regionHeader the header carrying a region name or code (e.g.
 * {@code CF-Region-Code}), empty for none
 */
@ConfigurationProperties("dpp.resolver.geo")
public record GeoProperties(@DefaultValue("CF-IPCountry") String countryHeader,
		@DefaultValue("CF-Region-Code") String regionHeader) {

}
