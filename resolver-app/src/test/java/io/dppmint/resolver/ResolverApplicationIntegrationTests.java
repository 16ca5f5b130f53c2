package io.dppmint.resolver;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ResolverApplicationIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	ServletContext servletContext;

	@Test
	void answersHealthyOnActuatorHealthWithTheDatabaseUp() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/health")).build(),
					HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).endsWith("\"status\":\"UP\"}").contains("\"db\":{\"status\":\"UP\"");
	}

	@Test
	void scansPassOnlyThroughTheClientNetworkAndRootPathFilters() {
		Map<String, ? extends FilterRegistration> filters = this.servletContext.getFilterRegistrations();

		List<String> forEveryUrl = filters.values()
			.stream()
			.filter((filter) -> filter.getUrlPatternMappings().contains("/*")
					|| filter.getServletNameMappings().contains("scanServlet"))
			.map(FilterRegistration::getName)
			.toList();
		// Tomcat's own WebSocket filter passes a request without an upgrade header
		// straight on; rootPathScans looks at the path once, for compressed and EPC
		// links at the root.
		assertThat(forEveryUrl).containsExactlyInAnyOrder("clientNetworkFilter", "rootPathScans",
				"Tomcat WebSocket (JSR356) Filter");
		assertThat(filters).containsKeys("characterEncodingFilterRegistration", "requestContextFilterRegistration");
		assertThat(filters.get("requestContextFilterRegistration").getServletNameMappings())
			.containsExactly("dispatcherServlet");
		assertThat(filters.get("prometheusScrapeGuard").getServletNameMappings()).containsExactly("dispatcherServlet");
		assertThat(filters.get("prometheusScrapeGuard").getUrlPatternMappings()).isEmpty();
	}

}
