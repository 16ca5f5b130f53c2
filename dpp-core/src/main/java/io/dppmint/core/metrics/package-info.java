/** Metrics: who may scrape them. */
package io.dppmint.core.metrics;
