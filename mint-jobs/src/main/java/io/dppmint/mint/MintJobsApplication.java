package io.dppmint.mint;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The mint-jobs app: runs mint jobs, picks up queued requests and resumes interrupted
 * ones. It owns the schema migrations.
 */
@SpringBootApplication
public class MintJobsApplication {

	public static void main(String[] args) {
		SpringApplication.run(MintJobsApplication.class, args);
	}

}
