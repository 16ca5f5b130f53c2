/** Metrics of the jobs: counters of committed work. */
package io.dppmint.jobs.metrics;
