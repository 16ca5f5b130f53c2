/**
 * {@code ./dpp verify}: checks a signed code (GS1 AI 8030) offline, without a Spring
 * context or a database.
 */
package io.dppmint.resolver.verify;
