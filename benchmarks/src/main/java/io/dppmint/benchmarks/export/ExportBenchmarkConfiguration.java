package io.dppmint.benchmarks.export;

import javax.sql.DataSource;

import io.dppmint.benchmarks.database.BenchmarkDatabase;
import io.dppmint.benchmarks.launch.BenchmarkApps;
import io.dppmint.benchmarks.setup.MintedBatches;
import io.dppmint.core.catalog.JdbcBrandRepository;
import io.dppmint.core.catalog.JdbcProductRepository;
import io.dppmint.core.export.ExportIntake;
import io.dppmint.core.export.JdbcExportRepository;
import io.dppmint.core.export.PackStorage;
import io.dppmint.core.minting.JdbcMintBatchRepository;
import io.dppmint.core.minting.MintIntake;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@code ./dpp bench export}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "dpp.benchmark", havingValue = "export")
class ExportBenchmarkConfiguration {

	@Bean
	ExportBenchmark exportBenchmark(JdbcBrandRepository brands, JdbcProductRepository products, MintIntake mintIntake,
			JdbcMintBatchRepository batches, DataSource dataSource, ExportIntake exportIntake,
			JdbcExportRepository exports, PackStorage storage, BenchmarkDatabase database, BenchmarkApps apps,
			MintedBatches minted) {
		return new ExportBenchmark(brands, products, mintIntake, batches, dataSource, exportIntake, exports, storage,
				database, apps, minted);
	}

}
