package io.dppmint.mint.job;

/**
 * Consecutive token numbers {@code first .. first + count - 1}: the job's item. A chunk
 * is a fixed number of ranges adding up to the 20,000-unit cycle, which keeps Spring
 * Batch's per-item work (listeners, observations, restart counting) off the per-unit
 * path.
 *
 * @param first the first token number
 * @param count how many
 */
record TokenRange(long first, int count) {

}
