package io.dppmint.export.bench;

import javax.sql.DataSource;

import io.dppmint.core.catalog.JdbcBrandRepository;
import io.dppmint.core.catalog.JdbcProductRepository;
import io.dppmint.core.export.ExportIntake;
import io.dppmint.core.export.JdbcExportRepository;
import io.dppmint.core.export.PackStorage;
import io.dppmint.core.minting.JdbcMintBatchRepository;
import io.dppmint.core.minting.MintIntake;
import io.dppmint.export.cli.CommandOutcome;
import io.dppmint.export.launcher.ExportJobRunner;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code bench-export} command of the export-jobs app ({@code ./dpp bench export}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "dpp.cli.command", havingValue = "bench-export")
class BenchmarkConfiguration {

	@Bean
	ExportBenchmark exportBenchmark(JdbcBrandRepository brands, JdbcProductRepository products, MintIntake mintIntake,
			JdbcMintBatchRepository batches, DataSource dataSource, ExportIntake exportIntake,
			JdbcExportRepository exports, ExportJobRunner runner, PackStorage storage, JdbcConnectionDetails database,
			CommandOutcome outcome) {
		return new ExportBenchmark(brands, products, mintIntake, batches, dataSource, exportIntake, exports, runner,
				storage, database, outcome);
	}

}
