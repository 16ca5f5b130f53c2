package io.dppmint.benchmarks.export;

import io.dppmint.benchmarks.database.BenchmarkDatabase;
import io.dppmint.benchmarks.setup.BenchData;
import io.dppmint.core.export.ExportIntake;
import io.dppmint.core.export.JdbcExportRepository;
import io.dppmint.core.export.PackStorage;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@code ./dpp bench export}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "dpp.benchmark", havingValue = "export")
class ExportBenchmarkConfiguration {

	@Bean
	ExportBenchmark exportBenchmark(ExportIntake exportIntake, JdbcExportRepository exports, PackStorage storage,
			BenchmarkDatabase database, BenchData data) {
		return new ExportBenchmark(exportIntake, exports, storage, database, data);
	}

}
