package io.dppmint.resolver.resolution;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ScanServletTests {

	@Test
	void readsTheLinkTypeWithOrWithoutItsPrefix() {
		assertThat(ScanServlet.linkType(null)).isNull();
		assertThat(ScanServlet.linkType("a=1")).isNull();
		assertThat(ScanServlet.linkType("linkType=gs1:pip")).isEqualTo("pip");
		assertThat(ScanServlet.linkType("a=1&linkType=https%3A%2F%2Fgs1.org%2Fvoc%2Fpip&b=2")).isEqualTo("pip");
		assertThat(ScanServlet.linkType("linkType=linkset")).isEqualTo("linkset");
		assertThat(ScanServlet.linkType("linkType=%ZZ")).isNull();
	}

	@Test
	void escapesMarkup() {
		assertThat(Documents.escape("<a href=\"x\">Tom & Jerry's</a>"))
			.isEqualTo("&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
	}

}
