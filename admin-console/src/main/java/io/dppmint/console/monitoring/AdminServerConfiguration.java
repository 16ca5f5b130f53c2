package io.dppmint.console.monitoring;

import de.codecentric.boot.admin.server.config.EnableAdminServer;

import org.springframework.context.annotation.Configuration;

/**
 * The Spring Boot Admin server, part of the console at {@code /admin} and reachable by
 * operators only. The other apps (and the console itself) register with it when they are
 * given {@code spring.boot.admin.client.url} and the registration credentials
 * ({@code ./dpp up} does both); its navigation links to the job operations page
 * ({@code /jobs}).
 */
@Configuration(proxyBeanMethods = false)
@EnableAdminServer
class AdminServerConfiguration {

}
