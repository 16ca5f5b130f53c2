package io.dppmint.core.deployment;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a refused public URL into Spring Boot's "APPLICATION FAILED TO START" report
 * (what is wrong, what to set) instead of a stack trace from deep inside the web server's
 * start.
 */
class PublicUrlFailureAnalyzer extends AbstractFailureAnalyzer<PublicUrlException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, PublicUrlException cause) {
		return new FailureAnalysis(cause.description(), cause.action(), cause);
	}

}
