package io.dppmint.resolver.resolution;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FormatTests {

	@Test
	void givesBrowsersHtml() {
		assertThat(Format.of(null)).isEqualTo(Format.HTML);
		assertThat(Format.of("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")).isEqualTo(Format.HTML);
		assertThat(Format.of("*/*")).isEqualTo(Format.HTML);
	}

	@Test
	void givesMachinesJson() {
		assertThat(Format.of("application/json")).isEqualTo(Format.JSON);
		assertThat(Format.of("text/html;q=0.5, application/json")).isEqualTo(Format.JSON);
		assertThat(Format.of("application/*")).isEqualTo(Format.JSON);
	}

	@Test
	void givesTheLinksetOnlyWhenAskedForByName() {
		assertThat(Format.of("application/linkset+json")).isEqualTo(Format.LINKSET);
		assertThat(Format.of("application/linkset+json, application/json;q=0.5")).isEqualTo(Format.LINKSET);
		assertThat(Format.of("application/linkset+json;q=0")).isEqualTo(Format.HTML);
	}

	@Test
	void givesJsonLdOnlyWhenAskedForByName() {
		assertThat(Format.of("application/ld+json")).isEqualTo(Format.JSON_LD);
		assertThat(Format.of("application/ld+json, application/json;q=0.9")).isEqualTo(Format.JSON_LD);
		assertThat(Format.of("application/json, application/ld+json;q=0.5")).isEqualTo(Format.JSON);
		assertThat(Format.of("application/ld+json;q=0")).isEqualTo(Format.HTML);
	}

	@Test
	void fallsBackToHtmlOnGarbage() {
		assertThat(Format.of(";;;,,,/")).isEqualTo(Format.HTML);
		assertThat(Format.of("application/json;q=NaN")).isEqualTo(Format.HTML);
		assertThat(Format.of("application/json;q=2")).isEqualTo(Format.HTML);
		assertThat(Format.of("image/png")).isEqualTo(Format.HTML);
		assertThat(Format.of("x".repeat(5000))).isEqualTo(Format.HTML);
	}

}
