package io.dppmint.core.demo;

import javax.sql.DataSource;

import io.dppmint.core.audit.AuditLog;
import io.dppmint.core.catalog.JdbcBrandRepository;
import io.dppmint.core.catalog.JdbcProductRepository;
import io.dppmint.core.catalog.JdbcProductionRunRepository;
import io.dppmint.core.passport.JdbcPassports;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads the {@link DemoData} when the migrating app starts with {@code dpp.demo=true}
 * ({@code ./dpp up --demo}), and never without it: right after the migrations, on the
 * schema owner's connection (no app's own role may create brands or products), before the
 * app serves anything, so every app started after it finds the demo catalogue. The demo
 * brands' resolver base URL is {@code dpp.demo-resolver-base-url}
 * ({@code DPP_DEMO_RESOLVER_BASE_URL}), by default
 * {@value DemoData#DEFAULT_RESOLVER_BASE_URL}; it only applies to brands it creates.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty("dpp.demo")
@ConditionalOnBooleanProperty("dpp.db.migrate")
public class DemoAutoConfiguration {

	@Bean
	Callback demoDataLoader(
			@Value("${dpp.demo-resolver-base-url:" + DemoData.DEFAULT_RESOLVER_BASE_URL + "}") String resolverBaseUrl) {
		return new Callback() {

			@Override
			public boolean supports(Event event, Context context) {
				return event == Event.AFTER_MIGRATE;
			}

			@Override
			public boolean canHandleInTransaction(Event event, Context context) {
				// Statement by statement: a brand another loader created first is found
				// after the conflict, which a transaction would not survive.
				return false;
			}

			@Override
			public void handle(Event event, Context context) {
				DataSource owner = new SingleConnectionDataSource(context.getConnection(), true);
				JdbcClient jdbc = JdbcClient.create(owner);
				JdbcPassports passports = new JdbcPassports(jdbc,
						new TransactionTemplate(new DataSourceTransactionManager(owner)), new AuditLog(jdbc));
				new DemoData(new JdbcBrandRepository(jdbc), new JdbcProductRepository(jdbc),
						new JdbcProductionRunRepository(jdbc), passports, resolverBaseUrl)
					.load();
			}

			@Override
			public String getCallbackName() {
				return "dpp-demo-data";
			}

		};
	}

}
