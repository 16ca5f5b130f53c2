/**
 * Typed passports: a brand's versioned passport schema (fields with a type, a data level
 * and an access level), the one validation of passport data, its immutable versions, and
 * the projection of a passport onto what one access level may see. docs/passports.md
 * describes them.
 */
package io.dppmint.core.passport;
