package io.dppmint.export;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The export-jobs app: turns minted batches into CSV print packs.
 */
@SpringBootApplication
public class ExportJobsApplication {

	public static void main(String[] args) {
		SpringApplication.run(ExportJobsApplication.class, args);
	}

}
