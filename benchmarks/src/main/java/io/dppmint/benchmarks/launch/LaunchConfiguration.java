package io.dppmint.benchmarks.launch;

import io.dppmint.benchmarks.database.BenchmarkDatabase;
import io.dppmint.platform.AppJars;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The app launcher every benchmark uses. */
@Configuration(proxyBeanMethods = false)
class LaunchConfiguration {

	@Bean
	BenchmarkApps benchmarkApps(BenchmarkDatabase database) {
		return new BenchmarkApps(database, AppJars.ofThisSourceTree(), System.getenv("DPP_JAVA_OPTS"), System.out);
	}

}
