/**
 * Token identifiers: the serial (GS1 AI 21) or public id of a token is its number under a
 * keyed format-preserving permutation, so identifiers are unique by construction,
 * unguessable, and never stored. {@link io.dppmint.core.identifier.IdentifierScheme} is
 * the one place that knows the scheme.
 */
package io.dppmint.core.identifier;
