package io.dppmint.resolver.resolution;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Link-type requests and the ranking of a brand's links (GS1-Conformant Resolver standard
 * 1.2, sections 4.3 and 4.4).
 */
class NegotiationTests {

	private static final OfferedLink EN = link("https://brand.example/en", "en", "text/html", null);

	private static final OfferedLink DE = link("https://brand.example/de", "de", "text/html", null);

	private static final OfferedLink PDF = link("https://brand.example/en.pdf", "en", "application/pdf", null);

	private static final OfferedLink GB = link("https://brand.example/gb", "en", "text/html", "GB");

	@Test
	void readsTheLinkTypeAsCurieOrFullUriInEverySpellingOfTheGs1Vocabulary() {
		assertThat(Negotiation.linkType(null)).isNull();
		assertThat(Negotiation.linkType("a=1")).isNull();
		assertThat(Negotiation.linkType("linkType=")).isNull();
		assertThat(Negotiation.linkType("linkType=gs1:pip")).isEqualTo("pip");
		assertThat(Negotiation.linkType("a=1&linkType=https%3A%2F%2Fgs1.org%2Fvoc%2Fpip&b=2")).isEqualTo("pip");
		assertThat(Negotiation.linkType("linkType=https://ref.gs1.org/voc/pip")).isEqualTo("pip");
		assertThat(Negotiation.linkType("linkType=http://www.gs1.org/voc/pip")).isEqualTo("pip");
		assertThat(Negotiation.linkType("linkType=linkset")).isEqualTo("linkset");
		assertThat(Negotiation.linkType("linkType=all")).isEqualTo("all");
		assertThat(Negotiation.linkType("linkType=schema:url")).isEqualTo("schema:url");
		assertThat(Negotiation.linkType("linkType=%ZZ")).isNull();
		assertThat(Negotiation.linkType("xlinkType=gs1:pip")).isNull();
	}

	@Test
	void prefersTheRequestedLanguageThenItsPrimaryLanguage() {
		assertThat(choose(List.of(EN, DE), null, "de-CH, de;q=0.9, en;q=0.5", null).link()).isEqualTo(DE);
		assertThat(choose(List.of(EN, DE), null, "fr, en-US;q=0.8", null).link()).isEqualTo(EN);
		assertThat(choose(List.of(DE, EN), null, null, null).link()).isEqualTo(DE);
	}

	@Test
	void prefersTheRequestedMediaTypeAmongLinksOfOneLanguage() {
		assertThat(choose(List.of(EN, PDF), null, "en", "application/pdf").link()).isEqualTo(PDF);
		assertThat(choose(List.of(PDF, EN), null, "en", "text/html,application/xhtml+xml,*/*;q=0.8").link())
			.isEqualTo(EN);
	}

	@Test
	void prefersTheRequestedContextBeforeLanguage() {
		assertThat(choose(List.of(EN, GB), "GB", "en", null).link()).isEqualTo(GB);
		assertThat(choose(List.of(GB, EN), "US", "en", null).link()).isEqualTo(EN);
	}

	@Test
	void cannotChooseBetweenLinksWithTheSameMetadata() {
		OfferedLink other = link("https://brand.example/other", "en", "text/html", null);

		assertThat(choose(List.of(EN, other), null, "en", "text/html").ambiguous()).isTrue();
		assertThat(choose(List.of(EN, DE), null, "en", "text/html").ambiguous()).isFalse();
	}

	@Test
	void ranksNothingByMalformedOrOversizedHeaders() {
		assertThat(choose(List.of(DE, EN), null, "x".repeat(5000), ";;;,q=").link()).isEqualTo(DE);
	}

	@Test
	void escapesMarkup() {
		assertThat(Documents.escape("<a href=\"x\">Tom & Jerry's</a>"))
			.isEqualTo("&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
	}

	private static Negotiation.Choice choose(List<OfferedLink> links, String context, String language, String accept) {
		return Negotiation.choose(links, context, language, accept);
	}

	private static OfferedLink link(String href, String hreflang, String type, String context) {
		return new OfferedLink("pip", href, "Product information", type, hreflang, context, false);
	}

	@Test
	void dropsANamedParameterAndKeepsTheRest() {
		assertThat(Negotiation.without("linkType=gs1:pip&dpp-access=dppg_x&context=eu", "dpp-access"))
			.isEqualTo("linkType=gs1:pip&context=eu");
		assertThat(Negotiation.without("dpp-access=dppg_x", "dpp-access")).isNull();
		assertThat(Negotiation.without("dpp-access", "dpp-access")).isNull();
		assertThat(Negotiation.without("dpp-accessory=1", "dpp-access")).isEqualTo("dpp-accessory=1");
		assertThat(Negotiation.without(null, "dpp-access")).isNull();
	}

}
